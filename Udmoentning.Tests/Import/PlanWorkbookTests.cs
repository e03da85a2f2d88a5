using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data;
using Udmoentning.Web.Data.Sample;
using Udmoentning.Web.ImportExport;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Import;

/// <summary>The export writes what the import reads: the sample plan survives the round trip unchanged.</summary>
public class PlanWorkbookTests : IAsyncLifetime
{
    private PlanSnapshot _snapshot = null!;

    public async ValueTask InitializeAsync()
    {
        var contexts = TestDatabases.Sqlite(TestDatabases.SqliteConnectionString(TestDatabases.NewSqliteFile()));
        await using (var db = contexts())
        {
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
            await SampleSeeder.SeedIfEmptyAsync(db, SampleCalendar.AsWritten, cancellationToken: TestContext.Current.CancellationToken);
        }

        _snapshot = (await new PlanReader(new Factory(contexts)).CurrentAsync(TestContext.Current.CancellationToken))!;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public void ExportThenImportChangesNothing()
    {
        var analysis = ReadBack(PlanWorkbook.Export(_snapshot));

        Assert.DoesNotContain(analysis.Problems, p => p.Severity != ProblemSeverity.Info);
        Assert.Equal(87, analysis.Items.Count);
        Assert.Equal(_snapshot.Items.Count, analysis.Items.Count);
        Assert.Equal(_snapshot.Themes.Select(t => t.Name), analysis.Themes);
        Assert.Empty(analysis.NewCommittees);
        Assert.Empty(analysis.NewMeetings);
        Assert.Equal(_snapshot.Plan.Name, analysis.SuggestedPlanName);
        Assert.Equal(_snapshot.Plan.AdoptedOn, analysis.SuggestedAdoptedOn);
        Assert.Equal(_snapshot.Plan.BudgetYears, analysis.BudgetYears);

        var comparison = ImportComparer.Compare(analysis, PlanWorkbook.ItemsOf(_snapshot), _snapshot.Plan.BudgetYears);

        Assert.True(comparison.HasNoChanges, string.Join(" | ", comparison.Changed.SelectMany(c => c.Changes.Select(f => $"{c.Item.Code} {f.Field}: {f.Old} → {f.New}"))));
        Assert.Equal(87, comparison.Unchanged);
        Assert.Empty(comparison.MissingCodes);
    }

    [Fact]
    public void KeepsTheTotalsPerYear()
    {
        var analysis = ReadBack(PlanWorkbook.Export(_snapshot));
        var expected = PlanTotals.PerYear(_snapshot.Items, _snapshot.Plan.BudgetYears);

        foreach (var year in _snapshot.Plan.BudgetYears)
        {
            Assert.Equal(expected[year], analysis.Items.Sum(i => i.Amounts.GetValueOrDefault(year)));
        }
    }

    [Fact]
    public void KeepsTheOriginalTimingOfSlippedItems()
    {
        var analysis = ReadBack(PlanWorkbook.Export(_snapshot));
        var slipped = _snapshot.Items.Where(i => i.Slippage != 0).ToList();

        Assert.NotEmpty(slipped);
        Assert.All(slipped, item => Assert.Equal(item.BaselineTiming, analysis.Items.Single(i => i.Code == item.Code).BaselineTiming));
    }

    [Fact]
    public void WritesOneSheetWithTitleLinesHeadingsAndATotalRow()
    {
        var sheet = Assert.Single(Read(PlanWorkbook.Export(_snapshot)).Sheets);

        Assert.Equal("Udmøntningsplan", sheet.Name);
        Assert.Equal("Udmøntningsplan 2025-2028", sheet.Rows[0][0]);
        Assert.Equal("Godkendt af Kommunalbestyrelsen den 11. december 2024", sheet.Rows[1][0]);
        Assert.Equal(PlanWorkbook.AmountNote, sheet.Rows[2][0]);
        Assert.Empty(sheet.Rows[3]);
        Assert.Equal(
            ["Nr.", "Titel", "Beskrivelse", "Type", "Udvalg", "Ansvarlig", "Tværgående", "MED", "Vejledende tidspunkt", "Oprindeligt tidspunkt",
                "Politisk behandling", "2025", "2026", "2027", "2028", "Status", "Tilstand", "Sagsnummer", "Bemærkninger"],
            sheet.Rows[4]);
        Assert.Equal(["1. Økonomisk politik"], sheet.Rows[5]);
        Assert.Equal("I alt", sheet.Rows[^1][0]);
        var completed = _snapshot.Items.First(i => i.Status == ItemStatus.Completed);
        Assert.Equal("X", sheet.Rows.Single(r => r.Count > 0 && Equals(r[0], completed.Code))[15]);
        Assert.IsType<double>(sheet.Rows[6][11]);
    }

    [Fact]
    public void WritesATemplateWithOnlyTheHeaderRow()
    {
        var workbook = Read(PlanWorkbook.Template([2026, 2027, 2028, 2029]));

        var analysis = WorkbookAnalyzer.Analyze(workbook, ImportFixtures.Committees, ImportFixtures.Meetings, new ImportOptions());

        Assert.Equal(1, analysis.HeaderRow);
        Assert.Equal([2026, 2027, 2028, 2029], analysis.BudgetYears);
        Assert.Empty(analysis.Items);
        Assert.False(analysis.HasErrors);
    }

    private ImportAnalysis ReadBack(byte[] bytes)
    {
        var committees = _snapshot.Committees.Select(c => new KnownCommittee(c.ShortCode, c.Name)).ToList();
        var meetings = _snapshot.Meetings.Values.Select(m => (_snapshot.Committee(m.CommitteeId)!.ShortCode, m.Date)).ToList();
        return WorkbookAnalyzer.Analyze(Read(bytes), committees, meetings, new ImportOptions());
    }

    private static WorkbookData Read(byte[] bytes)
    {
        var result = WorkbookFile.Read(new MemoryStream(bytes), bytes.Length, TestContext.Current.CancellationToken);
        Assert.True(result.Error is null, result.Error);
        return result.Workbook!;
    }

    private sealed class Factory(Func<PlanDbContext> create) : IDbContextFactory<PlanDbContext>
    {
        public PlanDbContext CreateDbContext() => create();
    }
}
