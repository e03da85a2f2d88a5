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
                    .Row("AU-D2", "Et ord uden år som tidspunkt", "Drift", "AU", null, null, "Ultimo", null, null, null, null, null, null, null)
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

    /// <summary>
    /// One sheet per fagudvalg, as many municipalities keep their plan: a front sheet, then "ØU", "Arbejdsmarkedsudvalget"
    /// and "BUU", each with title lines, no committee column, main themes in a "Hovedområde" column, timing in words in a
    /// "Tidsplan" column, and a total row. 3 + 3 + 2 items.
    /// </summary>
    public static TestWorkbook OneSheetPerCommittee() => new TestWorkbook()
        .Sheet("Forside", s => s.Row(PlanName).Row("Et ark pr. fagudvalg. Beløb i 1.000 kr."))
        .Sheet("ØU", s => CommitteeSheet(s, "Økonomiudvalget",
            ("ØU-1", "Kloge m² i administrationen", "Råderum", "Økonomisk politik", "Primo 2026", -1200.0, -2400.0),
            ("ØU-2", "Flådestyringsenhed", "Råderum", "Økonomisk politik", "Medio 2026", -500.0, -1000.0),
            ("ØU-3", "Generativ AI i administrationen", "Drift", "Politiske visioner", "2. halvår 2026", 300.0, -800.0)))
        .Sheet("Arbejdsmarkedsudvalget", s => CommitteeSheet(s, "Arbejdsmarkedsudvalget",
            ("AU-D1", "Virksomhedsrettet indsats", "Drift", "Vækst, erhverv og beskæftigelse", "Ultimo 2026", -400.0, -400.0),
            ("AU-D2", "Ungeindsats i jobcentret", "Drift", "Vækst, erhverv og beskæftigelse", "1. halvår 2027", 250.0, 250.0),
            ("AU-H1", "Hensigt om flere fleksjob", "Hensigt", "Partnerskaber", "Q3 2026", 0.0, 0.0)))
        .Sheet("BUU", s => CommitteeSheet(s, "Børne- og ungdomsudvalget",
            ("BUU-D1", "Flere pædagoger i dagtilbud", "Drift", "Sociale investeringer", "3. kvartal 2026", 2500.0, 2500.0),
            ("BUU-A1", "Ny skole i Grenaa", "Anlæg", "Sociale investeringer", "Ultimo 2027", 10000.0, 25000.0)));

    private static void CommitteeSheet(TestSheet sheet, string committee, params (string Code, string Title, string Kind, string Theme, string Timing, double Y2026, double Y2027)[] rows)
    {
        sheet.Row(PlanName).Row($"{committee}. Beløb i 1.000 kr.").Row()
            .Row("Nr.", "Emne", "Type", "Hovedområde", "Tidsplan", "2026", "2027", "2028", "2029", "Status");
        foreach (var row in rows)
        {
            sheet.Row(row.Code, row.Title, row.Kind, row.Theme, row.Timing, row.Y2026, row.Y2027, row.Y2027, row.Y2027, null);
        }

        sheet.Row("I alt", null, null, null, null, rows.Sum(r => r.Y2026), rows.Sum(r => r.Y2027), rows.Sum(r => r.Y2027), rows.Sum(r => r.Y2027), null);
    }

    /// <summary>
    /// A plan kept in whole kroner, as a finance department's extract: headers "Beløb 2026 (kr.)", numbers and Danish text in
    /// kroner, one amount that is not whole thousands (1.234.567 kr.), a total row. Five items.
    /// </summary>
    public static TestWorkbook NewPlanInKroner() => new TestWorkbook()
        .Sheet("Udmøntning", s => s
            .Row(PlanName)
            .Row()
            .Row("Nr.", "Titel", "Udvalg", "Type", "Hovedpunkt", "Beløb 2026 (kr.)", "Beløb 2027 (kr.)", "Beløb 2028 (kr.)", "Beløb 2029 (kr.)")
            .Row("ØU-R1", "Kloge m² i administrationen", "ØU", "Råderum", "Økonomisk politik", -1200000.0, "-2.400.000", -2400000.0, -2400000.0)
            .Row("ØU-R2", "Flådestyringsenhed", "Økonomiudvalget", "Råderum", "Økonomisk politik", -500000.0, -1000000.0, -1000000.0, -1000000.0)
            .Row("AU-D1", "Virksomhedsrettet indsats", "AU", "Drift", "Vækst, erhverv og beskæftigelse", 1234567.0, "750.000", 750000.0, 0.0)
            .Row("BUU-A1", "Ny skole i Grenaa", "BUU", "Anlæg", "Sociale investeringer", 10000000.0, 25000000.0, null, null)
            .Row("SSU-D1", "Flere hjemmehjælpere", "SSU", "Drift", "Sociale investeringer", "2 500 000", "2 500 000", "2 500 000", "2 500 000")
            .Row("I alt", null, null, null, null, new Formula("SUM(F4:F8)", 12034567.0), 29850000.0, -150000.0, -900000.0));
}
