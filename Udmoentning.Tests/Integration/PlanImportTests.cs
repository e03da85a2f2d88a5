using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.ImportExport;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Integration;

/// <summary>Importing workbooks through the service on a real SQLite file: preview first, one transaction, a record per item, live to viewers.</summary>
public sealed class PlanImportTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private PlanImport _import = null!;
    private System.Security.Claims.ClaimsPrincipal _coordinator = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _import = _app.Services.GetRequiredService<PlanImport>();
        _coordinator = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Coordinator);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ARealisticWorkbookBecomesANewPlanOnlyWhenTheUserAcceptsLeavingOutTheBadRows()
    {
        var preview = await PreviewAsync(RealisticWorkbooks.NewPlan(withBadRows: true).ToBytes(), null);
        Assert.Equal(RealisticWorkbooks.PlanName, preview.Analysis.SuggestedPlanName);
        Assert.Equal(new DateOnly(2025, 12, 10), preview.Analysis.SuggestedAdoptedOn);
        Assert.Equal([2026, 2027, 2028, 2029], preview.Analysis.BudgetYears);
        Assert.Equal(5, preview.Analysis.Items.Count);
        Assert.Equal(4, preview.Analysis.RefusedRows.Count);
        Assert.Equal(-1200 - 500 + 2500 + 10000, preview.Totals[2026]);
        var form = new PlanForm(RealisticWorkbooks.PlanName, 2026, 2029, new DateOnly(2025, 12, 10));
        var plansBefore = await CountAsync(db => db.Plans);

        var refused = await _import.ImportAsync(_coordinator, preview, form, importValidRowsOnly: false, Token);

        Assert.Equal(ChangeStatus.Refused, refused.Status);
        Assert.Contains("4 rækker har fejl", refused.Message);
        Assert.Equal(plansBefore, await CountAsync(db => db.Plans));

        var imported = await _import.ImportAsync(_coordinator, preview, form, importValidRowsOnly: true, Token);

        Assert.Equal(ChangeStatus.Saved, imported.Status);
        Assert.Equal((5, 0), (imported.Value!.Created, imported.Value!.Changed));
        var plan = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(imported.Value!.PlanId, Token))!;
        Assert.Equal(["Økonomisk politik", "Sociale investeringer"], plan.Themes.Select(t => t.Name));
        Assert.Equal(PlanStage.Draft, plan.Plan.Stage);
        Assert.NotEqual(plan.Plan.Id, (await _app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!.Plan.Id);
        var r1 = plan.Items.Single(i => i.Code == "ØU-R1");
        Assert.Equal((ItemKind.FiscalLeewayProposal, ItemStatus.InProgress, true, true), (r1.Kind, r1.Status, r1.IsCrossCutting, r1.RequiresMedInvolvement));
        Assert.Equal([-1200, -2400, -2400, -2400], plan.Plan.BudgetYears.Select(r1.EffectIn));
        Assert.Equal(new DateOnly(2026, 5, 12), plan.Meeting(r1.TreatmentMeetingId)!.Date);
        Assert.Equal(ItemStatus.Completed, plan.Items.Single(i => i.Code == "BUU-D1").Status);
        Assert.Equal([10000, 25000, 0, 0], plan.Plan.BudgetYears.Select(plan.Items.Single(i => i.Code == "BUU-A1").EffectIn));
        Assert.Equal(preview.Totals.Values, plan.Plan.BudgetYears.Select(y => plan.Items.Sum(i => (long)i.EffectIn(y))));
        Assert.Equal(5, await CountAsync(db => db.History.Where(h => h.PlanId == plan.Plan.Id && h.Kind == PlanItemService.ImportedKind)));
        Assert.Equal(1, await CountAsync(db => db.AdministrationHistory.Where(e => e.PlanId == plan.Plan.Id && e.Subject == "Import")));
    }

    [Fact]
    public async Task AnUpdateChangesMatchedItemsAddsNewOnesKeepsTheRestRecordsEachAndReachesViewers()
    {
        var snapshot = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var before = snapshot.Items.Single(i => i.Code == "AU-D4");
        using var viewer = new ChangeRecorder(_app.Services, snapshot.Plan.Id);
        var file = RealisticWorkbooks.UpdateOfSamplePlan("AU-D4", "Digital selvbetjening i jobcentret", "6. Vækst, erhverv og beskæftigelse").ToBytes();

        var preview = await PreviewAsync(file, snapshot.Plan.Id);

        var comparison = preview.Comparison!;
        Assert.Equal(["AU-NY1"], comparison.New.Select(i => i.Code));
        var changed = Assert.Single(comparison.Changed);
        Assert.Contains(changed.Changes, c => c.Field == "Titel" && c.New == "Digital selvbetjening i jobcentret");
        Assert.Equal(snapshot.Items.Count - 1, comparison.MissingCodes.Count);

        var outcome = await _import.ImportAsync(_coordinator, preview, null, importValidRowsOnly: false, Token);

        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        Assert.Equal((1, 1), (outcome.Value!.Created, outcome.Value!.Changed));
        var received = new[] { await viewer.NextAsync(), await viewer.NextAsync() };
        Assert.Equal(["AU-NY1", "AU-D4"], received.Select(c => c.Item.Code).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal("Digital selvbetjening i jobcentret", received.Single(c => c.Item.Code == "AU-D4").Item.Title);
        await using var db = await ContextAsync();
        var after = await db.Items.AsNoTracking().SingleAsync(i => i.Id == before.Id, Token);
        Assert.Equal([-100, -200, before.EffectIn(2027), before.EffectIn(2028)], new[] { 2025, 2026, 2027, 2028 }.Select(after.EffectIn));
        Assert.Equal(before.Timing, after.Timing);
        Assert.Equal(before.Description, after.Description);
        Assert.Equal(snapshot.Items.Count + 1, await db.Items.CountAsync(i => i.PlanId == snapshot.Plan.Id, Token));
        var record = await db.History.AsNoTracking().Where(h => h.Kind == PlanItemService.ImportedKind).ToListAsync(Token);
        Assert.Equal(2, record.Count);
        Assert.Contains(record.Single(h => h.ItemId == before.Id).Changes, c => c.Field == "Økonomi 2026" && c.New == "-200");
    }

    [Fact]
    public async Task ExportedThenImportedAsAnUpdateReportsNoChangesAndRecordsNothing()
    {
        var snapshot = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;

        var preview = await PreviewAsync(PlanWorkbook.Export(snapshot), snapshot.Plan.Id);

        Assert.DoesNotContain(preview.Analysis.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.True(preview.Comparison!.HasNoChanges);
        Assert.Equal(snapshot.Items.Count, preview.Comparison.Unchanged);
        var outcome = await _import.ImportAsync(_coordinator, preview, null, importValidRowsOnly: false, Token);
        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        Assert.StartsWith("Ingen ændringer", outcome.Message);
        Assert.Equal(0, await CountAsync(db => db.History));
        Assert.Equal(0, await CountAsync(db => db.AdministrationHistory));
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("random")]
    [InlineData("ole")]
    [InlineData("bomb")]
    [InlineData("doctype")]
    public async Task HostileOrBrokenFilesAreRefusedWithAMessageAndChangeNothing(string kind)
    {
        var file = kind switch
        {
            "empty" => [],
            "random" => TestWorkbook.RandomBytes(4096, 7),
            "ole" => TestWorkbook.OleFile(),
            "bomb" => TestWorkbook.WithZeros(300L * 1024 * 1024),
            _ => TestWorkbook.WithDoctype(),
        };
        var plans = await CountAsync(db => db.Plans);

        var result = await _import.PreviewAsync(_coordinator, file, null, new ImportOptions(), Token);

        Assert.Null(result.Preview);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Equal(plans, await CountAsync(db => db.Plans));
    }

    /// <summary>One file at a time per user, and a few per node: a second upload while the first is read is refused in Danish.</summary>
    [Fact]
    public async Task AUsersSecondFileWhileTheFirstIsReadAndAFileOverTheNodesLimitAreRefused()
    {
        var gate = _app.Services.GetRequiredService<WorkbookReadGate>();
        var file = RealisticWorkbooks.NewPlan(withBadRows: false).ToBytes();
        var coordinatorKey = Udmoentning.Web.Access.ProtectionExtensions.UserKey(_coordinator)!;
        var administrator = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Administrator);

        using (gate.TryEnter(coordinatorKey, out _))
        {
            Assert.Equal(WorkbookReadGate.YoursBusy, (await _import.PreviewAsync(_coordinator, file, null, new ImportOptions(), Token)).Error);
            using (gate.TryEnter("another user reading", out _))
            {
                Assert.Equal(WorkbookReadGate.NodeBusy, (await _import.PreviewAsync(administrator, file, null, new ImportOptions(), Token)).Error);
            }
        }

        Assert.NotNull((await _import.PreviewAsync(_coordinator, file, null, new ImportOptions(), Token)).Preview);
        Assert.NotNull((await _import.PreviewAsync(administrator, file, null, new ImportOptions(), Token)).Preview);
    }

    /// <summary>What the import page's progress line and "Annullér" button stand on: a long read tells how far it is, and stops when asked.</summary>
    [Fact]
    public async Task ALongReadTellsHowManyCellsItHasReadAndStopsWhenCancelledLeavingTheUserFreeToTryAgain()
    {
        var row = Enumerable.Range(0, 100).Select(c => (object?)c).ToArray();
        var large = new TestWorkbook().Sheet("Plan", s => Enumerable.Range(0, 2_400).Aggregate(s, (sheet, _) => sheet.Row(row))).ToBytes();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var reports = new List<int>();
        var progress = new SynchronousProgress(cells =>
        {
            reports.Add(cells);
            stop.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _import.PreviewAsync(_coordinator, large, null, new ImportOptions(), progress, stop.Token));

        var first = Assert.Single(reports);
        Assert.InRange(first, 1, 239_999);
        Assert.NotNull((await _import.PreviewAsync(_coordinator, RealisticWorkbooks.NewPlan(withBadRows: false).ToBytes(), null, new ImportOptions(), Token)).Preview);
    }

    /// <summary>Reports on the reading thread at once (<see cref="Progress{T}"/> would post them to the thread pool, after the fact).</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    private async Task<ImportPreview> PreviewAsync(byte[] file, int? planId)
    {
        var result = await _import.PreviewAsync(_coordinator, file, planId, new ImportOptions(), Token);
        Assert.True(result.Error is null, result.Error);
        return result.Preview!;
    }

    private async Task<int> CountAsync<T>(Func<PlanDbContext, IQueryable<T>> query)
    {
        await using var db = await ContextAsync();
        return await query(db).CountAsync(Token);
    }

    private Task<PlanDbContext> ContextAsync() => _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
}

/// <summary>
/// The same import on a real PostgreSQL server: one transaction, the concurrency tokens, the record. PostgreSQL retries
/// transient failures, and its retrying strategy refuses a transaction started outside it: seeding at start-up, the import
/// and administrative changes run inside it.
/// </summary>
public sealed class PlanImportOnPostgresTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUpdateTheRoundTripAMoveAndAnAdministrativeChangeWorkOnPostgreSqlWithRetryOnFailure()
    {
        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        await using var app = new AppFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Postgres"] = connectionString,
            },
        };
        var import = app.Services.GetRequiredService<PlanImport>();
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var snapshot = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;

        var roundTrip = (await import.PreviewAsync(coordinator, PlanWorkbook.Export(snapshot), snapshot.Plan.Id, new ImportOptions(), Token)).Preview!;
        Assert.True(roundTrip.Comparison!.HasNoChanges);

        var file = RealisticWorkbooks.UpdateOfSamplePlan("AU-D4", "Digital selvbetjening i jobcentret", "6. Vækst, erhverv og beskæftigelse").ToBytes();
        var preview = (await import.PreviewAsync(coordinator, file, snapshot.Plan.Id, new ImportOptions(), Token)).Preview!;
        var outcome = await import.ImportAsync(coordinator, preview, null, importValidRowsOnly: false, Token);

        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        Assert.Equal((1, 1), (outcome.Value!.Created, outcome.Value!.Changed));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        Assert.Equal("Digital selvbetjening i jobcentret", await db.Items.Where(i => i.Code == "AU-D4").Select(i => i.Title).SingleAsync(Token));
        Assert.Equal(2, await db.History.CountAsync(h => h.Kind == PlanItemService.ImportedKind, Token));
        Assert.True(db.Database.CreateExecutionStrategy().RetriesOnFailure);

        var item = await db.Items.AsNoTracking().FirstAsync(i => i.Status == ItemStatus.NotStarted, Token);
        var moved = await app.Services.GetRequiredService<PlanItemService>().MoveAsync(coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);
        Assert.Equal(ChangeStatus.Saved, moved.Status);
        var theme = await app.Services.GetRequiredService<PlanAdministration>().AddThemeAsync(coordinator, snapshot.Plan.Id, "Digitalisering", Token);
        Assert.True(theme.Succeeded, theme.Message);
        Assert.Equal(ItemStatus.InProgress, await db.Items.Where(i => i.Id == item.Id).Select(i => i.Status).SingleAsync(Token));
    }
}
