using Udmoentning.Domain.Import;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;

namespace Udmoentning.Tests.Import;

public class WorkbookAnalyzerTests
{
    private static readonly object?[] _header =
        ["Nr.", "Titel", "Udvalg", "Type", "Tidspunkt", "Politisk behandling", "Status", "Tværgående", "Sagsnr.", "2026", "2027", "Beskrivelse"];

    /// <summary>A plan as a municipality keeps it: title lines, headers in its own words and order, merged theme rows, formulas, a total row and a notes sheet.</summary>
    private static TestWorkbook RealisticPlan() => new TestWorkbook()
        .Sheet("Udmøntningsplan", s => s
            .MergedRow("Udmøntningsplan 2026-2029", 14)
            .Row("Godkendt af Kommunalbestyrelsen den 11. december 2025")
            .Row("Beløb i 1.000 kr. (- = mindreudgift, + = merudgift)")
            .Row()
            .Row("Emne", "Punkt nr.", "Fagudvalg", "Art", "B2026", "Budget 2027", 2028.0, "Forventet tidspunkt", "Oprindeligt tidspunkt",
                "Behandles i", "Afsluttet", "Trafiklys", "Sagsnr.", "Kommentar", "Tværgående indsats", "MED-inddragelse", "Farve")
            .MergedRow("1. Økonomisk politik", 14)
            .Row("Budgetoverholdelse", "ØU-1", "ØU", "Driftsændring", "-1.200", -1200.0, new Formula("F7", -1200.0), "Q2 2026", "Q1 2026",
                "ØU 15. maj 2026", null, "Gul", "25/1234", "Følges kvartalsvis", "x", null, "grøn")
            .Row("Effektiviseringsbidrag", "ØU-2", "Økonomiudvalget", "Råderum", "(500)", "1 200", "−300", "3. kvt. 2026", null,
                null, "X", null, null, null, "Ja", "Ja")
            .Row()
            .Row("2) Politiske visioner", "2) Politiske visioner", "2) Politiske visioner")
            .Row("Styrket virksomhedsrettet indsats", "AU-D3", "Arbejdsmarkedsudvalget", "Drift", 500.0, 0.0, null, "K4 2026", null,
                "AU 23.01.2025", "I gang", "Rød", null, "Første linje\nAnden linje", null, "x")
            .Row("Ny ungeindsats", "AU-D4", "au", "Hensigtserklæring", null, null, null, "2027-Q1", null,
                new DateTime(2025, 5, 22), null, null, null, null, null, null)
            .Row("I alt", null, null, null, new Formula("SUM(E7:E12)", -1200.0), new Formula("SUM(F7:F12)", 0.0), new Formula("SUM(G7:G12)", -1500.0))
            .Row()
            .Row("Tallene er foreløbige."))
        .Sheet("Noter", s => s.Row("Husk at opdatere før budgetopfølgningen."));

    [Fact]
    public void ReadsARealisticPlan()
    {
        var analysis = ImportFixtures.Analyze(RealisticPlan());

        Assert.False(analysis.HasErrors, string.Join(" | ", analysis.Problems.Select(p => $"{p.Row} {p.Column} {p.Message}")));
        Assert.Equal("Udmøntningsplan", analysis.Sheet);
        Assert.Equal(5, analysis.HeaderRow);
        Assert.Equal("Udmøntningsplan 2026-2029", analysis.SuggestedPlanName);
        Assert.Equal(new DateOnly(2025, 12, 11), analysis.SuggestedAdoptedOn);
        Assert.Equal([2026, 2027, 2028], analysis.BudgetYears);
        Assert.Equal(["Økonomisk politik", "Politiske visioner"], analysis.Themes);
        Assert.Equal(["ØU-1", "ØU-2", "AU-D3", "AU-D4"], analysis.Items.Select(i => i.Code));
        Assert.Empty(analysis.RefusedRows);
        Assert.Empty(analysis.NewCommittees);
        Assert.Equal([("ØU", new DateOnly(2026, 5, 15))], analysis.NewMeetings);
        Assert.Equal(ImportField.Ignore, analysis.Columns.Single(c => c.Header == "Farve").Field);
    }

    [Fact]
    public void ReadsEveryFieldOfAnItemRow()
    {
        var items = ImportFixtures.Analyze(RealisticPlan()).Items;

        var first = items[0];
        Assert.Equal(("Udmøntningsplan", 7), (first.Sheet, first.Row));
        Assert.Equal("Budgetoverholdelse", first.Title);
        Assert.Equal("Økonomisk politik", first.Theme);
        Assert.Equal("ØU", first.Committee);
        Assert.Equal(ItemKind.OperatingChange, first.Kind);
        Assert.Equal(new Dictionary<int, int> { [2026] = -1200, [2027] = -1200, [2028] = -1200 }, first.Amounts);
        Assert.Equal(new Quarter(2026, 2), first.Timing);
        Assert.Equal(new Quarter(2026, 1), first.BaselineTiming);
        Assert.Equal(("ØU", (DateOnly?)new DateOnly(2026, 5, 15)), (first.TreatmentCommittee, first.TreatmentMeeting));
        Assert.Equal(ItemStatus.NotStarted, first.Status);
        Assert.Equal(Health.Yellow, first.Health);
        Assert.Equal("25/1234", first.CaseNumber);
        Assert.Equal("Følges kvartalsvis", first.Notes);
        Assert.True(first.IsCrossCutting);
        Assert.False(first.RequiresMedInvolvement);
        Assert.Contains(ImportField.BaselineTiming, first.Present);
        Assert.DoesNotContain(ImportField.Description, first.Present);

        var second = items[1];
        Assert.Equal("ØU", second.Committee);
        Assert.Equal(ItemKind.FiscalLeewayProposal, second.Kind);
        Assert.Equal(new Dictionary<int, int> { [2026] = -500, [2027] = 1200, [2028] = -300 }, second.Amounts);
        Assert.Equal(ItemStatus.Completed, second.Status);
        Assert.Equal(Health.Green, second.Health);
        Assert.True(second.RequiresMedInvolvement);

        var third = items[2];
        Assert.Equal("Politiske visioner", third.Theme);
        Assert.Equal("AU", third.Committee);
        Assert.Equal(new Dictionary<int, int> { [2026] = 500 }, third.Amounts);
        Assert.Equal(("AU", (DateOnly?)new DateOnly(2025, 1, 23)), (third.TreatmentCommittee, third.TreatmentMeeting));
        Assert.Equal(ItemStatus.InProgress, third.Status);
        Assert.Equal(Health.Red, third.Health);
        Assert.Equal("Første linje\nAnden linje", third.Notes);

        var fourth = items[3];
        Assert.Equal("AU", fourth.Committee);
        Assert.Equal(ItemKind.IntentDeclaration, fourth.Kind);
        Assert.Equal(("AU", (DateOnly?)new DateOnly(2025, 5, 22)), (fourth.TreatmentCommittee, fourth.TreatmentMeeting));
    }

    [Fact]
    public void SaysWhatItDidNotRead()
    {
        var problems = ImportFixtures.Analyze(RealisticPlan()).Problems;

        Assert.Contains(problems, p => p is { Severity: ProblemSeverity.Info, Sheet: "Noter", Message: "Arket \"Noter\" er ikke læst." });
        Assert.Contains(problems, p => p is { Severity: ProblemSeverity.Info, Row: 13 } && p.Message.Contains("totalrækken"));
        Assert.Contains(problems, p => p is { Severity: ProblemSeverity.Info, Row: 15, Message: "Rækkerne efter totalrækken er ikke læst." });
        Assert.DoesNotContain(problems, p => p.Severity == ProblemSeverity.Warning);
    }

    [Fact]
    public void RefusesEveryKindOfBadRowAndSaysWhereAndWhy()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row(_header)
            .MergedRow("Økonomisk politik", 12)
            .Row("ØU-1", "God række", "ØU", "Drift", "Q2 2026", null, "I gang", null, null, -100.0, null)
            .Row("ØU-10", null, "ØU", "Drift")
            .Row(null, "Uden nummer", "ØU", "Drift")
            .Row("ØU-11", "Første", "ØU", "Drift")
            .Row("ØU-11", "Anden", "ØU", "Drift")
            .Row("ØU#12", "Tegn i nummeret", "ØU", "Drift")
            .Row("ØU-13", new string('x', 201), "ØU", "Drift")
            .Row("ØU-14", "Ukendt udvalg", "Teknikudvalget", "Drift")
            .Row("ØU-15", "Halve tusinder", "ØU", "Drift", null, null, null, null, null, "1.500,5")
            .Row("ØU-16", "Ord uden år", "ØU", "Drift", "Ultimo")
            .Row("ØU-17", "Ukendt type", "ØU", "Tilskud")
            .Row("ØU-18", "Uklart flag", "ØU", "Drift", null, null, null, "måske")
            .Row("ØU-19", "Klar uden udvalg", "ØU", "Drift", null, null, "Klar")
            .Row("ØU-20", "Skjult\u202Etegn", "ØU", "Drift")
            .Row("ØU-21", "Forkert sagsnummer", "ØU", "Drift", null, null, null, null, "2024-123")
            .Row("ØU-22", "Forkert år", "ØU", "Drift", "Q1 2099")
            .Row("ØU-23", "Ulæselig behandling", "ØU", "Drift", null, "ØU 32.13.2025")
            .Row("ØU-24", "Fuldbredde-tal", "ØU", "Drift", null, null, null, null, null, "２０２５"));

        var analysis = ImportFixtures.Analyze(workbook);

        Assert.Equal(["ØU-1", "ØU-11"], analysis.Items.Select(i => i.Code));
        Assert.Equal(new ImportProblem(ProblemSeverity.Error, "Plan", 4, "B (Titel)", "Titel mangler."), analysis.SingleError(4));
        Assert.Equal(new ImportProblem(ProblemSeverity.Error, "Plan", 5, "A (Nr.)", "Nummer mangler."), analysis.SingleError(5));
        Assert.Equal("Nummeret \"ØU-11\" står både i række 6 og række 7. Række 7 er ikke læst.", analysis.SingleError(7).Message);
        Assert.Equal("A (Nr.)", analysis.SingleError(8).Column);
        Assert.Contains("må kun bestå af bogstaver", analysis.SingleError(8).Message);
        Assert.Equal("Titel må højst være 200 tegn (er 201).", analysis.SingleError(9).Message);
        Assert.Equal("C (Udvalg)", analysis.SingleError(10).Column);
        Assert.StartsWith("Udvalget \"Teknikudvalget\" findes ikke.", analysis.SingleError(10).Message);
        Assert.Equal([new ProposedCommittee("Teknikudvalget", "TU")], analysis.NewCommittees);
        Assert.Equal("J (2026)", analysis.SingleError(11).Column);
        Assert.StartsWith("Beløb skal være hele tusinder", analysis.SingleError(11).Message);
        Assert.Equal(new ImportProblem(ProblemSeverity.Error, "Plan", 12, "E (Tidspunkt)", "\"Ultimo\" er ikke et tidspunkt. Skriv kvartal og år, fx \"Q2 2026\", \"3. kvartal 2026\" eller \"Ultimo 2026\"."), analysis.SingleError(12));
        Assert.Equal("D (Type)", analysis.SingleError(13).Column);
        Assert.StartsWith("Ukendt type \"Tilskud\"", analysis.SingleError(13).Message);
        Assert.Equal("H (Tværgående)", analysis.SingleError(14).Column);
        Assert.Equal("G (Status)", analysis.SingleError(15).Column);
        Assert.Contains("kræver, at det er angivet, hvilket udvalg der behandler punktet", analysis.SingleError(15).Message);
        Assert.Equal("B (Titel)", analysis.SingleError(16).Column);
        Assert.Contains("indeholder usynlige styretegn", analysis.SingleError(16).Message);
        Assert.Equal("I (Sagsnr.)", analysis.SingleError(17).Column);
        Assert.Contains("24/12780", analysis.SingleError(17).Message);
        Assert.Contains("mellem 2020 og 2045", analysis.SingleError(18).Message);
        Assert.Equal("F (Politisk behandling)", analysis.SingleError(19).Column);
        Assert.Contains("ikke et beløb", analysis.SingleError(20).Message);
        Assert.Equal(Enumerable.Range(4, 17).Where(r => r != 6), analysis.RefusedRows);
        Assert.Equal("Typen mangler. Skriv Driftsændring, Råderumsforslag, Anlægsprojekt eller Hensigtserklæring.",
            ImportFixtures.Analyze(new TestWorkbook().Sheet("Plan", s => s.Row(_header).Row("ØU-1", "Uden type", "ØU"))).SingleError(2).Message);
    }

    [Fact]
    public void ImportsUnknownCommitteesWhenTheUserFillsThemIn()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg", "Politisk behandling")
            .Row("TU-1", "Vejplan", "Teknik- og miljøudvalget", "Teknik- og miljøudvalget 03.03.2026")
            .Row("TU-2", "Cykelstier", "teknik- og miljøudvalget")
            .Row("BU-1", "Legepladser", "Børneudvalg", "KB"));

        var analysis = ImportFixtures.Analyze(workbook, new ImportOptions
        {
            NewCommittees =
            [
                new NewCommitteeChoice("Teknik- og miljøudvalget", "Teknik- og miljøudvalget", "TMU", null, true),
                new NewCommitteeChoice("Børneudvalg", "Børneudvalget", "BU", "boern", true),
            ],
        });

        Assert.False(analysis.HasErrors);
        Assert.Equal([new ProposedCommittee("Teknik- og miljøudvalget", "TMU"), new ProposedCommittee("Børneudvalg", "BU")], analysis.NewCommittees);
        Assert.Equal([new CommitteeToCreate("Teknik- og miljøudvalget", "Teknik- og miljøudvalget", "TMU", "tmu"), new CommitteeToCreate("Børneudvalg", "Børneudvalget", "BU", "boern")], analysis.CommitteesToCreate);
        Assert.Equal(["TMU", "TMU", "BU"], analysis.Items.Select(i => i.Committee));
        Assert.Equal(("KB", (DateOnly?)null), (analysis.Items[2].TreatmentCommittee, analysis.Items[2].TreatmentMeeting));
        Assert.Equal([("TMU", new DateOnly(2026, 3, 3))], analysis.NewMeetings);
    }

    [Theory]
    [InlineData("ØU")]
    [InlineData("OU")]
    [InlineData("OEU")]
    [InlineData("øu")]
    [InlineData("Økonomiudvalget")]
    [InlineData("okonomiudvalget")]
    [InlineData("ØKONOMIUDVALGET ")]
    public void MatchesCommitteesByCodeOrNameWithoutCaseOrDanishLetters(string text)
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s.Row("Nr.", "Titel", "Udvalg").Row("X-1", "Punkt", text));

        Assert.Equal("ØU", ImportFixtures.Analyze(workbook).Items.Single().Committee);
    }

    [Fact]
    public void TakesTheCommitteeFromTheItemNumberOnlyWhenTheUserConfirmsIt()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Status", "Udvalg")
            .Row("BUU A301", "Skoler", null)
            .Row("ZZ-1", "Ukendt", null));

        var unconfirmed = ImportFixtures.Analyze(workbook);

        Assert.Empty(unconfirmed.Items);
        Assert.StartsWith("Udvalg mangler.", unconfirmed.SingleError(2).Message);
        Assert.Contains("bekræft i forhåndsvisningen, at udvalget tages fra nummeret (her BUU)", unconfirmed.SingleError(2).Message);
        Assert.Equal((1, 1), (unconfirmed.Sheets.Single().RowsWithoutCommittee - 1, unconfirmed.Sheets.Single().RowsWithCommitteeInNumber));

        var analysis = ImportFixtures.Analyze(workbook, new ImportOptions { CommitteeFromNumber = true });

        var item = analysis.Items.Single();
        Assert.Equal("BUU", item.Committee);
        Assert.Contains(ImportField.Committee, item.Present);
        Assert.Equal("D (Udvalg)", analysis.SingleError(3).Column);
        Assert.StartsWith("Udvalg mangler.", analysis.SingleError(3).Message);
    }

    [Fact]
    public void PlacesItemsBeforeTheFirstHeadingUnderOtherItemsWithOneWarning()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg")
            .Row("ØU-1", "Et", "ØU")
            .Row("ØU-2", "To", "ØU")
            .Row("1) Økonomisk politik")
            .Row("ØU-3", "Tre", "ØU"));

        var analysis = ImportFixtures.Analyze(workbook);

        Assert.Equal(["Øvrige punkter", "Øvrige punkter", "Økonomisk politik"], analysis.Items.Select(i => i.Theme));
        Assert.Equal(["Øvrige punkter", "Økonomisk politik"], analysis.Themes);
        var warning = Assert.Single(analysis.Problems, p => p.Severity == ProblemSeverity.Warning);
        Assert.Equal(2, warning.Row);
    }

    [Fact]
    public void LetsAThemeColumnWinOverHeadingRowsForTheRowsThatFillIt()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg", "Hovedpunkt")
            .Row("Økonomisk politik")
            .Row("ØU-1", "Et", "ØU", "Partnerskaber")
            .Row("ØU-2", "To", "ØU"));

        var analysis = ImportFixtures.Analyze(workbook);

        Assert.Equal(["Partnerskaber", "Økonomisk politik"], analysis.Items.Select(i => i.Theme));
        Assert.Equal(["Økonomisk politik", "Partnerskaber"], analysis.Themes);
    }

    [Fact]
    public void StopsAtATotalRowWithAmountsButNoNumberOrTitle()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg", "2026")
            .Row("Tema")
            .Row("ØU-1", "Et", "ØU", -100.0)
            .Row(null, null, null, new Formula("SUM(D3)", -100.0))
            .Row("ØU-2", "Efter totalen", "ØU", 5.0));

        var analysis = ImportFixtures.Analyze(workbook);

        Assert.Equal(["ØU-1"], analysis.Items.Select(i => i.Code));
        Assert.Contains(analysis.Problems, p => p is { Severity: ProblemSeverity.Info, Row: 5, Message: "Rækkerne efter totalrækken er ikke læst." });
        Assert.False(analysis.HasErrors);
    }

    [Fact]
    public void ReadsOnAfterASubtotalOfOneTheme()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg", "2026")
            .Row("Økonomisk politik")
            .Row("ØU-1", "Et", "ØU", -100.0)
            .Row("I alt Økonomisk politik", null, null, -100.0)
            .Row("Partnerskaber")
            .Row("KUU-1", "To", "KUU", 50.0)
            .Row("Total", null, null, -50.0));

        var analysis = ImportFixtures.Analyze(workbook);

        Assert.Equal(["ØU-1", "KUU-1"], analysis.Items.Select(i => i.Code));
        Assert.Equal(["Økonomisk politik", "Partnerskaber"], analysis.Themes);
    }

    [Fact]
    public void TellsHeadingsInTheNumberColumnFromItemNumbers()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg")
            .Row("PARTNERSKABER")
            .Row("ØU-1", "Et", "ØU")
            .Row("2. VÆKST OG ERHVERV")
            .Row("ØU-2", "To", "ØU")
            .Row("ØU-3"));

        var analysis = ImportFixtures.Analyze(workbook);

        Assert.Equal(["PARTNERSKABER", "VÆKST OG ERHVERV"], analysis.Themes);
        Assert.Equal(["ØU-1", "ØU-2"], analysis.Items.Select(i => i.Code));
        Assert.Contains(analysis.Errors(6), e => e.Message == "Titel mangler.");
    }

    [Fact]
    public void KeepsAnItemWhoseTitleStartsLikeATotal()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg")
            .Row("Tema")
            .Row("ØU-1", "Samlet indkøb", "ØU")
            .Row("ØU-2", "Sum af tilskud", "ØU"));

        Assert.Equal(2, ImportFixtures.Analyze(workbook).Items.Count);
    }

    [Fact]
    public void ChoosesTheSheetWithTheBestHeaderAndSaysTheOthersAreNotRead()
    {
        var workbook = new TestWorkbook()
            .Sheet("Forside", s => s.Row("Udmøntningsplan").Row("Titel", "Nr."))
            .Sheet("Plan", s => s.Row("Nr.", "Titel", "Udvalg", "Status").Row("Tema").Row("ØU-1", "Et", "ØU"))
            .Sheet("Noter", s => s.Row("Noter"));

        var analysis = ImportFixtures.Analyze(workbook);

        Assert.Equal("Plan", analysis.Sheet);
        Assert.Single(analysis.Items);
        Assert.Contains(analysis.Problems, p => p.Message == "Arket \"Forside\" er ikke læst.");
        Assert.Contains(analysis.Problems, p => p.Message == "Arket \"Noter\" er ikke læst.");
    }

    [Fact]
    public void ReadsTheSheetTheUserChooses()
    {
        var workbook = new TestWorkbook()
            .Sheet("2025", s => s.Row("Nr.", "Titel", "Udvalg", "Status").Row("ØU-1", "Gammel", "ØU"))
            .Sheet("2026", s => s.Row("Nr.", "Titel", "Udvalg").Row("ØU-2", "Ny", "ØU"));

        var analysis = ImportFixtures.Analyze(workbook, new ImportOptions { Sheet = "2026" });

        Assert.Equal("ØU-2", analysis.Items.Single().Code);
        Assert.Contains("findes ikke", ImportFixtures.Analyze(workbook, new ImportOptions { Sheet = "2030" }).Problems.Single().Message);
    }

    [Fact]
    public void SaysSoWhenNoHeaderRowIsFound()
    {
        var workbook = new TestWorkbook().Sheet("Ark1", s => s.Row("Indkøbsliste").Row("Mælk", "Brød"));

        var analysis = ImportFixtures.Analyze(workbook);

        Assert.Equal(0, analysis.HeaderRow);
        Assert.Empty(analysis.Items);
        Assert.Contains("Overskriftsrækken blev ikke fundet", Assert.Single(analysis.Problems).Message);
    }

    [Fact]
    public void FindsTheHeaderOnlyWithinTheFirstThirtyRows()
    {
        var late = new TestWorkbook().Sheet("Plan", s => s.Row("Plan").SkipTo(31).Row("Nr.", "Titel", "Udvalg").Row("ØU-1", "Et", "ØU"));
        var inTime = new TestWorkbook().Sheet("Plan", s => s.Row("Plan").SkipTo(30).Row("Nr.", "Titel", "Udvalg").Row("ØU-1", "Et", "ØU"));

        Assert.Equal(0, ImportFixtures.Analyze(late).HeaderRow);
        Assert.Equal(30, ImportFixtures.Analyze(inTime).HeaderRow);
    }

    [Fact]
    public void AppliesTheUsersCorrectionsToTheColumns()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg", "Ansv. chef", "Status")
            .Row("ØU-1", "Et", "ØU", "Økonomichefen", "Afsluttet"));

        var analysis = ImportFixtures.Analyze(workbook, new ImportOptions
        {
            Corrections = [new ColumnMapping(3, "Ansv. chef", ImportField.ResponsibleUnit), new ColumnMapping(4, "Status", ImportField.Ignore)],
        });

        var item = analysis.Items.Single();
        Assert.Equal("Økonomichefen", item.ResponsibleUnit);
        Assert.Equal(ItemStatus.NotStarted, item.Status);
        Assert.DoesNotContain(ImportField.Status, item.Present);
        Assert.Equal(ImportField.ResponsibleUnit, analysis.Columns.Single(c => c.Column == 3).Field);
    }

    [Fact]
    public void ReadsOneColumnPerFieldAndWarnsAboutTheOther()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg", "Emne")
            .Row("ØU-1", "Den rigtige", "ØU", "Noget andet"));

        var analysis = ImportFixtures.Analyze(workbook);

        Assert.Equal("Den rigtige", analysis.Items.Single().Title);
        var warning = Assert.Single(analysis.Problems, p => p.Severity == ProblemSeverity.Warning && p.Row == 1);
        Assert.Equal("D (Emne)", warning.Column);
        Assert.Contains("ligner også \"Titel\"", warning.Message);
    }

    [Fact]
    public void ReadsAPlanWithoutCodeColumnAsAnError()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s.Row("Titel", "Udvalg", "Status").Row("Et", "ØU", "X"));

        var analysis = ImportFixtures.Analyze(workbook);

        Assert.True(analysis.HasErrors);
        Assert.Empty(analysis.Items);
        Assert.Equal([2], analysis.RefusedRows);
    }
}
