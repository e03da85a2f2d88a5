using Udmoentning.Domain.Import;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;

namespace Udmoentning.Tests.Import;

/// <summary>Issue 38, points 3, 4 and 6: the committee is decided by the analysis or asked for; several sheets make one plan; unknown committees are created one by one.</summary>
public sealed class SheetsAndCommitteesTests
{
    [Fact]
    public void OneSheetPerCommitteeIsReadAsOnePlanWithTheCommitteeFromEachSheetsName()
    {
        var analysis = ImportFixtures.Analyze(RealisticWorkbooks.OneSheetPerCommittee());

        Assert.False(analysis.HasErrors, string.Join(" | ", analysis.Problems.Select(p => $"{p.Sheet} {p.Row}: {p.Message}")));
        Assert.Equal(8, analysis.Items.Count);
        Assert.Equal(["Forside", "ØU", "Arbejdsmarkedsudvalget", "BUU"], analysis.Sheets.Select(s => s.Name));
        Assert.Equal([false, true, true, true], analysis.Sheets.Select(s => s.Read));
        Assert.Equal([0, 3, 3, 2], analysis.Sheets.Select(s => s.Items));
        Assert.Equal([null, "ØU", "AU", "BUU"], analysis.Sheets.Select(s => s.Committee));
        Assert.Equal(["ØU", "ØU", "ØU", "AU", "AU", "AU", "BUU", "BUU"], analysis.Items.Select(i => i.Committee));
        Assert.All(analysis.Items, i => Assert.Contains(ImportField.Committee, i.Present));
        Assert.Equal(["Økonomisk politik", "Politiske visioner", "Vækst, erhverv og beskæftigelse", "Partnerskaber", "Sociale investeringer"], analysis.Themes);
        Assert.Equal(new Quarter(2026, 1), analysis.Items.Single(i => i.Code == "ØU-1").Timing);
        Assert.Equal(new Quarter(2027, 2), analysis.Items.Single(i => i.Code == "AU-D2").Timing);
        Assert.Equal([2026, 2027, 2028, 2029], analysis.BudgetYears);
        Assert.Equal(RealisticWorkbooks.PlanName, analysis.SuggestedPlanName);
        Assert.Contains(analysis.Problems, p => p.Sheet == "Forside" && p.Message == "Arket \"Forside\" er ikke læst.");
    }

    [Fact]
    public void TheUserChoosesWhichSheetsToCombineAndProblemsNameTheSheet()
    {
        var workbook = new TestWorkbook()
            .Sheet("ØU", s => s.Row("Nr.", "Titel", "Type").Row("ØU-1", "Et", "Drift"))
            .Sheet("AU", s => s.Row("Nr.", "Titel", "Type").Row("AU-1", "To", "Drift").Row("ØU-1", "Dobbelt", "Drift"));

        var both = ImportFixtures.Analyze(workbook);

        Assert.Equal(["ØU-1", "AU-1"], both.Items.Select(i => i.Code));
        var duplicate = Assert.Single(both.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal(("AU", 3), (duplicate.Sheet, duplicate.Row));
        Assert.Equal("Nummeret \"ØU-1\" står både i arket \"ØU\" række 2 og række 3. Række 3 er ikke læst.", duplicate.Message);

        var onlyAu = ImportFixtures.Analyze(workbook, new ImportOptions { Sheets = ["AU"] });

        Assert.Equal(["AU-1", "ØU-1"], onlyAu.Items.Select(i => i.Code));
        Assert.Equal(["AU", "AU"], onlyAu.Items.Select(i => i.Committee));
        Assert.Equal([false, true], onlyAu.Sheets.Select(s => s.Read));
        Assert.Contains(onlyAu.Problems, p => p.Message == "Arket \"ØU\" er ikke læst.");
    }

    [Fact]
    public void AColumnCorrectionForOneSheetLeavesTheOtherSheetsAsRead()
    {
        var workbook = new TestWorkbook()
            .Sheet("ØU", s => s.Row("Nr.", "Titel", "Type", "Noter").Row("ØU-1", "Et", "Drift", "Første"))
            .Sheet("AU", s => s.Row("Nr.", "Titel", "Type", "Noter").Row("AU-1", "To", "Drift", "Anden"));

        var analysis = ImportFixtures.Analyze(workbook, new ImportOptions { Corrections = [new ColumnMapping(3, "Noter", ImportField.Ignore) { Sheet = "AU" }] });

        Assert.Equal(["Første", null], analysis.Items.Select(i => i.Notes));
        Assert.Equal([ImportField.Notes, ImportField.Ignore], analysis.Sheets.Select(s => s.Columns[3].Field));
    }

    [Fact]
    public void ASheetNamedAfterAThemeGivesItToRowsWithoutOne()
    {
        var workbook = new TestWorkbook()
            .Sheet("1. Økonomisk politik", s => s.Row("Nr.", "Titel", "Udvalg").Row("ØU-1", "Et", "ØU"))
            .Sheet("Partnerskaber", s => s.Row("Nr.", "Titel", "Udvalg").Row("KUU-1", "To", "KUU"));

        var analysis = WorkbookAnalyzer.Analyze(ImportFixtures.Read(workbook), ImportFixtures.Committees, ImportFixtures.Meetings, new ImportOptions(),
            knownThemes: ["Partnerskaber"]);

        Assert.Equal(["Økonomisk politik", "Partnerskaber"], analysis.Items.Select(i => i.Theme));
        Assert.DoesNotContain(analysis.Problems, p => p.Message.Contains(WorkbookAnalyzer.OtherTheme, StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutACommitteeColumnTheRowsAreRefusedUntilTheUserSetsTheCommitteeForTheSheet()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Type")
            .Row("D1", "Et", "Drift")
            .Row("D2", "To", "Drift"));

        var asked = ImportFixtures.Analyze(workbook);

        Assert.Empty(asked.Items);
        Assert.Equal(2, asked.Sheets.Single().RowsWithoutCommittee);
        Assert.Contains("Vælg udvalget for arket \"Plan\"", asked.SingleError(2).Message);

        var answered = ImportFixtures.Analyze(workbook, new ImportOptions { SheetCommittees = new Dictionary<string, string> { ["Plan"] = "MTU" } });

        Assert.False(answered.HasErrors);
        Assert.Equal(["MTU", "MTU"], answered.Items.Select(i => i.Committee));
        Assert.All(answered.Items, i => Assert.Contains(ImportField.Committee, i.Present));
    }

    [Fact]
    public void AnUpdateKeepsTheCommitteeOfAnExistingItemTheWorkbookNamesNoneFor()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Type")
            .Row("AU-D4", "Ny titel", "Drift")
            .Row("AU-NY", "Nyt punkt", "Drift"));

        var analysis = WorkbookAnalyzer.Analyze(ImportFixtures.Read(workbook), ImportFixtures.Committees, ImportFixtures.Meetings, new ImportOptions(), existingCodes: ["AU-D4"]);

        var kept = Assert.Single(analysis.Items);
        Assert.Equal("AU-D4", kept.Code);
        Assert.DoesNotContain(ImportField.Committee, kept.Present);
        Assert.Contains("bekræft i forhåndsvisningen", analysis.SingleError(3).Message);
    }

    [Fact]
    public void AnUnknownCommitteeIsCreatedOnlyWhenTheUserFillsInItsFullNameAndTicksIt()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg")
            .Row("TU-1", "Vejplan", "TU")
            .Row("X-1", "Tastefejl", "XYZ"));

        var untouched = ImportFixtures.Analyze(workbook);

        Assert.Empty(untouched.Items);
        Assert.Empty(untouched.CommitteesToCreate);
        Assert.Equal([new ProposedCommittee("TU", "TU"), new ProposedCommittee("XYZ", "XYZ")], untouched.NewCommittees);
        Assert.StartsWith("Udvalget \"XYZ\" findes ikke. Ret navnet i filen, eller udfyld det nye udvalgs fulde navn", untouched.SingleError(3).Message);

        var notTicked = ImportFixtures.Analyze(workbook, new ImportOptions { NewCommittees = [new NewCommitteeChoice("TU", "Teknikudvalget", "TU", null, Create: false)] });
        Assert.Empty(notTicked.CommitteesToCreate);

        var noName = ImportFixtures.Analyze(workbook, new ImportOptions { NewCommittees = [new NewCommitteeChoice("TU", " ", "TU", null, Create: true)] });
        Assert.Empty(noName.CommitteesToCreate);

        var filledIn = ImportFixtures.Analyze(workbook, new ImportOptions { NewCommittees = [new NewCommitteeChoice("TU", "Teknikudvalget", "tu", "teknik", Create: true)] });

        Assert.Equal([new CommitteeToCreate("TU", "Teknikudvalget", "TU", "teknik")], filledIn.CommitteesToCreate);
        Assert.Equal(["TU-1"], filledIn.Items.Select(i => i.Code));
        Assert.Equal("TU", filledIn.Items.Single().Committee);
        Assert.Contains(3, filledIn.RefusedRows);
    }

    [Fact]
    public void AShortCodeInTheFileMeansTheNewCommitteeFilledInForItsFullNameWhateverTheRowOrder()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg")
            .Row("TMU-1", "Cykelstier", "TMU")
            .Row("TMU-2", "Vejplan", "Teknik- og miljøudvalget"));

        var analysis = ImportFixtures.Analyze(workbook, new ImportOptions
        {
            NewCommittees = [new NewCommitteeChoice("Teknik- og miljøudvalget", "Teknik- og miljøudvalget", "TMU", null, true)],
        });

        Assert.False(analysis.HasErrors, string.Join(" | ", analysis.Problems.Select(p => p.Message)));
        Assert.Equal(["TMU", "TMU"], analysis.Items.Select(i => i.Committee));
        Assert.Equal([new ProposedCommittee("Teknik- og miljøudvalget", "TMU")], analysis.NewCommittees);
        Assert.Single(analysis.CommitteesToCreate);
    }

    [Theory]
    [InlineData("T U", null, "Udvalgets forkortelse må kun bestå af bogstaver, tal og bindestreg")]
    [InlineData("AU", null, "bruges allerede af Arbejdsmarkedsudvalget (AU)")]
    [InlineData("TU", "Teknik Udvalg", "Kortnavnet i adressen må kun bestå af små bogstaver")]
    public void ANewCommitteeThatBreaksTheCommitteeRulesIsRefusedInDanish(string shortCode, string? slug, string message)
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s.Row("Nr.", "Titel", "Udvalg").Row("TU-1", "Vejplan", "Teknikudvalget"));

        var analysis = ImportFixtures.Analyze(workbook, new ImportOptions { NewCommittees = [new NewCommitteeChoice("Teknikudvalget", "Teknikudvalget", shortCode, slug, true)] });

        Assert.Empty(analysis.CommitteesToCreate);
        Assert.Contains(message, analysis.SingleError(2).Message);
        Assert.Contains(message, analysis.CommitteeErrors.Single().Value);
    }
}
