namespace Udmoentning.Tests.Support;

/// <summary>Workbooks as municipalities keep their plan, for import tests through the service and the browser.</summary>
internal static class RealisticWorkbooks
{
    public const string PlanName = "Udmøntningsplan 2026-2029";

    /// <summary>Title lines, merged theme rows, headers in the municipality's own words, Danish text amounts, formulas, a total row, a notes sheet; six good rows and, with <paramref name="withBadRows"/>, three bad ones.</summary>
    public static TestWorkbook NewPlan(bool withBadRows) => new TestWorkbook()
        .Sheet("Noter", s => s.Row("Planen følges op ved hver budgetopfølgning."))
        .Sheet("Plan 2026", s =>
        {
            s.Row(PlanName)
                .Row("Godkendt af Kommunalbestyrelsen den 10. december 2025")
                .Row("Beløb i 1.000 kr.")
                .Row()
                .Row("Nummer", "Emne", "Type", "Fagudvalg", "Tværgående", "MED", "Vejledende tidspunkt", "Politisk behandling", "B2026", "B2027", "B2028", "B2029", "Status", "Bemærkninger")
                .MergedRow("1. Økonomisk politik", 14)
                .Row("ØU-R1", "Kloge m² i administrationen", "Råderum", "ØU", "x", "Ja", "Q2 2026", "ØU 12.05.2026", -1200.0, "-2.400", new Formula("J7", -2400.0), "-2.400", "I gang", "Bygninger samles")
                .Row("ØU-R2", "Flådestyringsenhed", "Råderumsforslag", "Økonomiudvalget", "X", "Nej", "3. kvt. 2026", null, "-500", "-1.000", "-1.000", "-1.000", null, null)
                .MergedRow("2. Sociale investeringer", 14)
                .Row("BUU-D1", "Flere pædagoger i dagtilbud", "Drift", "BUU", null, "x", "1. kvartal 2026", "BUU 03.02.2026", 2500.0, 2500.0, 2500.0, 2500.0, "X", null)
                .Row("BUU-A1", "Ny skole i Grenaa", "Anlæg", "BUU", "Nej", "Nej", "Q4 2027", null, 10000.0, "25.000", 0.0, null, "Ikke påbegyndt", "Afledt drift fra 2028")
                .Row("SSU-H1", "Hensigt om flere hjemmehjælpere", "Hensigtserklæring", "SSU", null, null, "2026-Q3", null, null, null, null, null, null, null);
            if (withBadRows)
            {
                s.Row("AU-D1", "Beløb med decimal", "Drift", "AU", null, null, "Q1 2026", null, "1.500,5", null, null, null, null, null)
                    .Row("AU-D2", "Kun et år som tidspunkt", "Drift", "AU", null, null, "2026", null, null, null, null, null, null, null)
                    .Row("ØU-R1", "Dobbelt nummer", "Drift", "ØU", null, null, "Q1 2026", null, null, null, null, null, null, null);
            }

            s.Row(null, "Hensigt om frivillighed", "Hensigt", "KUU", null, null, "Q2 2026", null, null, null, null, null, null, null);
            s.Row("I alt", null, null, null, null, null, null, null, new Formula("SUM(I7:I12)", 10800.0), 24100.0, 1500.0, -900.0, null, null);
        });

    /// <summary>The sample plan's numbering: one existing item with a new title and a saving, and one new item, under the same theme.</summary>
    public static TestWorkbook UpdateOfSamplePlan(string existingCode, string newTitle, string theme) => new TestWorkbook()
        .Sheet("Ark1", s => s
            .Row("Nr.", "Titel", "Udvalg", "Type", "2025", "2026")
            .MergedRow(theme, 6)
            .Row(existingCode, newTitle, "AU", "Driftsændring", -100.0, -200.0)
            .Row("AU-NY1", "Nyt punkt fra Excel", "AU", "Drift", null, "-50"));
}
