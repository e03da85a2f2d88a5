using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Integration;

/// <summary>Plans, main themes, committees and meetings change through one service, recorded and pushed to viewers, on a real SQLite file.</summary>
public sealed class PlanAdministrationTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private PlanAdministration _administration = null!;
    private System.Security.Claims.ClaimsPrincipal _coordinator = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _administration = _app.Services.GetRequiredService<PlanAdministration>();
        _coordinator = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Coordinator);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ThemesCanBeAddedRenamedReorderedAndRemovedWhenEmptyEachRecordedAndPushedToViewers()
    {
        var plan = await PlanAsync();
        using var viewer = new StructureRecorder(_app.Services, plan.Id);

        var added = await _administration.AddThemeAsync(_coordinator, plan.Id, "Digitalisering", Token);
        Assert.True(added.Succeeded, added.Message);
        Assert.Contains("Digitalisering", (await viewer.NextAsync()).Description);
        var board = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(plan.Id, Token))!;
        Assert.Equal("Digitalisering", board.Themes[^1].Name);

        plan = await PlanAsync();
        var renamed = await _administration.RenameThemeAsync(_coordinator, plan.Id, plan.Version, added.Value, "Digitalisering og AI", Token);
        Assert.True(renamed.Succeeded, renamed.Message);

        plan = await PlanAsync();
        var moved = await _administration.MoveThemeAsync(_coordinator, plan.Id, plan.Version, added.Value, -1, Token);
        Assert.True(moved.Succeeded, moved.Message);
        var themes = (await PlanAsync()).Themes.OrderBy(t => t.Position).Select(t => t.Name).ToList();
        Assert.Equal("Digitalisering og AI", themes[^2]);
        Assert.Equal(Enumerable.Range(1, themes.Count), (await PlanAsync()).Themes.OrderBy(t => t.Position).Select(t => t.Position));

        plan = await PlanAsync();
        var removed = await _administration.RemoveThemeAsync(_coordinator, plan.Id, plan.Version, added.Value, Token);
        Assert.True(removed.Succeeded, removed.Message);
        Assert.DoesNotContain((await PlanAsync()).Themes, t => t.Id == added.Value);

        var record = await _administration.HistoryAsync(plan.Id, cancellationToken: Token);
        Assert.Equal(["Fjernet", "Flyttet", "Ændret", "Oprettet"], record.Where(e => e.Subject == "Hovedpunkt").Select(e => e.Kind));
        Assert.Contains(record, e => e.Kind == "Ændret" && e.Changes.Any(c => c is { Field: "Navn", Old: "Digitalisering", New: "Digitalisering og AI" }));
        Assert.All(record, e => Assert.Equal("Karin Koordinator (direktionen)", e.UserName));
    }

    [Fact]
    public async Task AThemeWithItemsCannotBeRemovedAndNothingIsRecorded()
    {
        var plan = await PlanAsync();
        var theme = plan.Themes.OrderBy(t => t.Position).First();

        var outcome = await _administration.RemoveThemeAsync(_coordinator, plan.Id, plan.Version, theme.Id, Token);

        Assert.Equal(ChangeStatus.Invalid, outcome.Status);
        Assert.Contains("kan ikke fjernes", outcome.Message);
        Assert.Contains((await PlanAsync()).Themes, t => t.Id == theme.Id);
        Assert.Empty(await _administration.HistoryAsync(plan.Id, cancellationToken: Token));
    }

    [Fact]
    public async Task AStaleVersionIsRefusedAndDoesNotOverwriteTheOtherChange()
    {
        var plan = await PlanAsync();
        var theme = plan.Themes.OrderBy(t => t.Position).First();
        var first = await _administration.RenameThemeAsync(_coordinator, plan.Id, plan.Version, theme.Id, "Økonomi først", Token);

        var second = await _administration.RenameThemeAsync(_coordinator, plan.Id, plan.Version, theme.Id, "Økonomi sidst", Token);

        Assert.True(first.Succeeded);
        Assert.Equal(ChangeStatus.Stale, second.Status);
        Assert.Equal("Økonomi først", (await PlanAsync()).Themes.Single(t => t.Id == theme.Id).Name);
    }

    [Fact]
    public async Task AnArchivedPlanIsReadOnlyForItemsAndThemesUntilItIsReopened()
    {
        var plan = await PlanAsync();
        var archived = await _administration.SetStageAsync(_coordinator, plan.Id, plan.Version, PlanStage.Archived, Token);
        Assert.True(archived.Succeeded, archived.Message);
        var item = await ItemAsync(i => i.Status == ItemStatus.NotStarted);
        var items = _app.Services.GetRequiredService<PlanItemService>();

        var move = await items.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);
        var edit = await items.UpdateAsync(_coordinator, item.Id, item.Version, item.ToDetails() with { Notes = "Ny note" }, Token);
        var theme = await _administration.AddThemeAsync(_coordinator, plan.Id, "Nyt tema", Token);

        Assert.Equal(ChangeStatus.Refused, move.Status);
        Assert.Contains("arkiveret", move.Message);
        Assert.Equal(ChangeStatus.Refused, edit.Status);
        Assert.Equal(ChangeStatus.Refused, theme.Status);
        Assert.Equal(item.Version, (await ItemAsync(i => i.Id == item.Id)).Version);

        plan = await PlanAsync();
        Assert.True((await _administration.SetStageAsync(_coordinator, plan.Id, plan.Version, PlanStage.Adopted, Token)).Succeeded);
        Assert.Equal(ChangeStatus.Saved, (await items.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token)).Status);
    }

    [Fact]
    public async Task ANewPlanFromThisOneCarriesOverTheOpenItemsWithBaselineAmountsAndALinkBack()
    {
        var from = await PlanAsync();
        var form = new PlanForm("Udmøntningsplan 2026-2029", 2026, 2029, new DateOnly(2025, 12, 10));

        var outcome = await _administration.CarryOverAsync(_coordinator, from.Id, form, Token);

        Assert.True(outcome.Succeeded, outcome.Message);
        await using var db = await ContextsAsync();
        var oldItems = await db.Items.AsNoTracking().Where(i => i.PlanId == from.Id).ToListAsync(Token);
        var newItems = await db.Items.AsNoTracking().Where(i => i.PlanId == outcome.Value).ToListAsync(Token);
        var open = oldItems.Where(i => !i.IsCompleted).ToList();
        Assert.Equal(open.Count, newItems.Count);
        Assert.All(newItems, copy =>
        {
            var original = oldItems.Single(i => i.Id == copy.OriginItemId);
            Assert.Equal(original.Code, copy.Code);
            Assert.Equal(original.BaselineTiming, copy.BaselineTiming);
            Assert.Equal(original.Timing, copy.Timing);
            Assert.Equal(original.Status, copy.Status);
            foreach (var year in new[] { 2026, 2027, 2028 })
            {
                Assert.Equal(original.EffectIn(year), copy.EffectIn(year));
            }

            Assert.Equal(0, copy.EffectIn(2025));
        });
        Assert.Contains(newItems, i => i.Slippage > 0);
        var plan = await db.Plans.AsNoTracking().Include(p => p.Themes).SingleAsync(p => p.Id == outcome.Value, Token);
        Assert.Equal(PlanStage.Draft, plan.Stage);
        Assert.Equal(from.Themes.OrderBy(t => t.Position).Select(t => t.Name), plan.Themes.OrderBy(t => t.Position).Select(t => t.Name));
        var history = await db.History.AsNoTracking().Where(h => h.PlanId == plan.Id).ToListAsync(Token);
        Assert.Equal(newItems.Count, history.Count);
        Assert.All(history, h => Assert.StartsWith(from.Name, h.Changes.Single(c => c.Field == "Videreført fra").New));

        // The old plan stays the default until the new one is adopted.
        var cache = _app.Services.GetRequiredService<PlanCache>();
        Assert.Equal(from.Id, (await cache.DefaultAsync(Token))!.Id);
        Assert.True((await _administration.SetStageAsync(_coordinator, plan.Id, plan.Version, PlanStage.Adopted, Token)).Succeeded);
        Assert.Equal(plan.Id, (await cache.DefaultAsync(Token))!.Id);
    }

    [Fact]
    public async Task CommitteesAndMeetingsChangeWithTheirRecordAndEditorsKeepTheirRights()
    {
        var created = await _administration.CreateCommitteeAsync(_coordinator, "Teknik- og miljøudvalget", "TMU", null, Token);
        Assert.True(created.Succeeded, created.Message);
        var duplicate = await _administration.CreateCommitteeAsync(_coordinator, "Et andet udvalg", "tmu", null, Token);
        Assert.Equal(ChangeStatus.Invalid, duplicate.Status);

        await using (var db = await ContextsAsync())
        {
            var au = await db.Committees.AsNoTracking().SingleAsync(c => c.ShortCode == "AU", Token);
            var renamed = await _administration.EditCommitteeAsync(_coordinator, au.Id, au.Version, au.Name, "AMU", "amu", Token);
            Assert.True(renamed.Succeeded, renamed.Message);
        }

        // The AU editor's rights follow the committee to its new short code.
        var editor = await TestUsers.PrincipalAsync(_app.Services, TestUsers.EditorAu);
        Assert.Contains(editor.Claims, c => c.Type == Udmoentning.Web.Access.AccessClaims.Committee && c.Value == "AMU");

        var (dates, errors) = MeetingDates.ParseList("15.05.2026\n2026-06-12; 14. august 2026, 15.05.2026");
        Assert.Empty(errors);
        var added = await _administration.AddMeetingsAsync(_coordinator, created.Value, dates, Token);
        Assert.True(added.Succeeded, added.Message);
        var meetings = await _administration.MeetingsAsync(Token);
        var mine = meetings.Where(m => m.CommitteeId == created.Value).OrderBy(m => m.Date).ToList();
        Assert.Equal([new DateOnly(2026, 5, 15), new DateOnly(2026, 6, 12), new DateOnly(2026, 8, 14)], mine.Select(m => m.Date));

        var movedOntoAnother = await _administration.MoveMeetingAsync(_coordinator, mine[0].Id, mine[0].Version, mine[1].Date, Token);
        Assert.Equal(ChangeStatus.Invalid, movedOntoAnother.Status);
        Assert.True((await _administration.MoveMeetingAsync(_coordinator, mine[0].Id, mine[0].Version, new DateOnly(2026, 5, 20), Token)).Succeeded);
        Assert.True((await _administration.CancelMeetingAsync(_coordinator, mine[2].Id, mine[2].Version, true, Token)).Succeeded);

        meetings = await _administration.MeetingsAsync(Token);
        Assert.Contains(meetings, m => m.Id == mine[0].Id && m.Date == new DateOnly(2026, 5, 20));
        Assert.True(meetings.Single(m => m.Id == mine[2].Id).IsCancelled);
        var record = await _administration.HistoryAsync(null, cancellationToken: Token);
        Assert.Equal(["Aflyst", "Flyttet", "Oprettet", "Ændret", "Oprettet"], record.Select(e => e.Kind));
    }

    [Fact]
    public async Task ACoordinatorAddsEditsAndRemovesATargetEachRecordedAndPushedToViewers()
    {
        var plan = await PlanAsync();
        using var viewer = new StructureRecorder(_app.Services, plan.Id);
        var cache = _app.Services.GetRequiredService<PlanCache>();

        var added = await _administration.AddTargetAsync(_coordinator, plan.Id, "Anlægsloft", Token);
        Assert.True(added.Succeeded, added.Message);
        Assert.Contains("Anlægsloft", (await viewer.NextAsync()).Description);
        var board = (await cache.GetAsync(plan.Id, Token))!;
        var target = board.Targets.Single(t => t.Id == added.Value);
        Assert.Empty(target.Amounts);
        Assert.Equal(EconomicTarget.DefaultItems(board.Items).Order(), target.Items.Select(i => i.ItemId));
        Assert.NotEmpty(target.Items);

        var counted = board.Items.Where(i => i.Kind != ItemKind.FiscalLeewayProposal && i.EffectIn(2026) != 0).Take(2).ToList();
        var saved = await _administration.SaveTargetAsync(_coordinator, plan.Id, target.Id, target.Version,
            new TargetForm("Anlægsloft 2026", new Dictionary<int, int> { [2025] = -1000, [2026] = -2500, [2027] = 0 }, [.. counted.Select(i => i.Id)]), Token);
        Assert.True(saved.Succeeded, saved.Message);
        Assert.Contains("Anlægsloft 2026", (await viewer.NextAsync()).Description);
        board = (await cache.GetAsync(plan.Id, Token))!;
        target = board.Targets.Single(t => t.Id == added.Value);
        Assert.Equal("Anlægsloft 2026", target.Name);
        Assert.Equal([new TargetAmount(2025, -1000), new TargetAmount(2026, -2500)], target.Amounts);
        Assert.Equal(counted.Select(i => i.Id).Order(), target.Items.Select(i => i.ItemId));
        var progress = TargetProgress.Of(target, board.Items, board.Plan.BudgetYears);
        Assert.Equal(counted.Sum(i => (long)i.EffectIn(2026)), progress.In(2026)!.Planned);

        var removed = await _administration.RemoveTargetAsync(_coordinator, plan.Id, target.Id, target.Version, Token);
        Assert.True(removed.Succeeded, removed.Message);
        Assert.DoesNotContain((await cache.GetAsync(plan.Id, Token))!.Targets, t => t.Id == added.Value);

        var record = (await _administration.HistoryAsync(plan.Id, cancellationToken: Token)).Where(e => e.Subject == PlanAdministration.TargetSubject).ToList();
        Assert.Equal(["Fjernet", "Ændret", "Oprettet"], record.Select(e => e.Kind));
        var changes = record[1].Changes;
        Assert.Contains(new FieldChange("Navn", "Anlægsloft", "Anlægsloft 2026"), changes);
        Assert.Contains(new FieldChange("Beløb 2026", "0", "-2.500"), changes);
        Assert.DoesNotContain(changes, c => c.Field == "Beløb 2027");
        Assert.Contains(changes, c => c.Field == "Punkter" && c.New == string.Join(", ", counted.Select(i => i.Code).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task AStaleTargetVersionIsRefusedAndKeepsTheOtherChange()
    {
        var plan = await PlanAsync();
        var target = await TargetAsync();
        var first = await _administration.SaveTargetAsync(_coordinator, plan.Id, target.Id, target.Version, FormOf(target) with { Name = "Først" }, Token);

        var second = await _administration.SaveTargetAsync(_coordinator, plan.Id, target.Id, target.Version, FormOf(target) with { Name = "Sidst" }, Token);
        var removal = await _administration.RemoveTargetAsync(_coordinator, plan.Id, target.Id, target.Version, Token);

        Assert.True(first.Succeeded, first.Message);
        Assert.Equal(ChangeStatus.Stale, second.Status);
        Assert.Equal(ChangeStatus.Stale, removal.Status);
        Assert.Contains("ændret af en anden", second.Message);
        Assert.Equal("Først", (await TargetAsync()).Name);
    }

    [Fact]
    public async Task BadTargetInputIsRefusedInDanishAndNothingChangesOrIsRecorded()
    {
        var plan = await PlanAsync();
        var target = await TargetAsync();
        await using (var db = await ContextsAsync())
        {
            db.Plans.Add(new Plan("Anden plan", 2025, 2028, new DateOnly(2024, 12, 1), PlanStage.Adopted));
            await db.SaveChangesAsync(Token);
        }

        var planItem = await ItemAsync(i => i.PlanId == plan.Id);
        var outside = await _administration.SaveTargetAsync(_coordinator, plan.Id, target.Id, target.Version,
            FormOf(target) with { AmountsByYear = new Dictionary<int, int> { [2025] = -100, [2030] = -200 } }, Token);
        var unknownItem = await _administration.SaveTargetAsync(_coordinator, plan.Id, target.Id, target.Version,
            FormOf(target) with { ItemIds = [planItem.Id, int.MaxValue] }, Token);
        var noName = await _administration.SaveTargetAsync(_coordinator, plan.Id, target.Id, target.Version, FormOf(target) with { Name = "  " }, Token);
        var tooLarge = await _administration.SaveTargetAsync(_coordinator, plan.Id, target.Id, target.Version,
            FormOf(target) with { AmountsByYear = new Dictionary<int, int> { [2025] = Limits.MaxAmountThousands + 1 } }, Token);
        var noNewName = await _administration.AddTargetAsync(_coordinator, plan.Id, "", Token);
        var elsewhere = await _administration.RemoveTargetAsync(_coordinator, plan.Id + 1, target.Id, target.Version, Token);

        Assert.Equal(ChangeStatus.Invalid, outside.Status);
        Assert.Equal("2030 er ikke budgetår i planen (2025-2028). Intet er gemt.", outside.Message);
        Assert.Equal(ChangeStatus.Invalid, unknownItem.Status);
        Assert.Equal("1 af de valgte punkter findes ikke (længere) i planen. Intet er gemt.", unknownItem.Message);
        Assert.Equal(ChangeStatus.Invalid, noName.Status);
        Assert.Contains("Målets navn", noName.Message);
        Assert.Equal(ChangeStatus.Invalid, tooLarge.Status);
        Assert.Equal(ChangeStatus.Invalid, noNewName.Status);
        Assert.Equal(ChangeStatus.NotFound, elsewhere.Status);
        var after = await TargetAsync();
        Assert.Equal(target.Version, after.Version);
        Assert.Equal(target.Amounts, after.Amounts);
        Assert.Equal(target.Items, after.Items);
        await using var check = await ContextsAsync();
        Assert.Equal(1, await check.Targets.CountAsync(Token));
        Assert.Empty(await _administration.HistoryAsync(plan.Id, cancellationToken: Token));
    }

    [Fact]
    public async Task AnArchivedPlansTargetsCannotBeAddedChangedOrRemoved()
    {
        var plan = await PlanAsync();
        Assert.True((await _administration.SetStageAsync(_coordinator, plan.Id, plan.Version, PlanStage.Archived, Token)).Succeeded);
        var target = await TargetAsync();

        var add = await _administration.AddTargetAsync(_coordinator, plan.Id, "Nyt mål", Token);
        var save = await _administration.SaveTargetAsync(_coordinator, plan.Id, target.Id, target.Version, FormOf(target) with { Name = "Nyt navn" }, Token);
        var remove = await _administration.RemoveTargetAsync(_coordinator, plan.Id, target.Id, target.Version, Token);

        Assert.All([add, save, remove], o =>
        {
            Assert.Equal(ChangeStatus.Refused, o.Status);
            Assert.Contains("arkiveret", o.Message);
        });
        Assert.Equal(target.Version, (await TargetAsync()).Version);
        Assert.DoesNotContain(await _administration.HistoryAsync(plan.Id, cancellationToken: Token), e => e.Subject == PlanAdministration.TargetSubject);
    }

    private static TargetForm FormOf(EconomicTarget target) =>
        new(target.Name, target.Amounts.ToDictionary(a => a.Year, a => a.AmountThousands), [.. target.Items.Select(i => i.ItemId)]);

    private async Task<EconomicTarget> TargetAsync()
    {
        await using var db = await ContextsAsync();
        return await db.Targets.AsNoTracking().OrderBy(t => t.Id).FirstAsync(Token);
    }

    private async Task<Plan> PlanAsync()
    {
        await using var db = await ContextsAsync();
        return await db.Plans.AsNoTracking().Include(p => p.Themes).OrderBy(p => p.Id).FirstAsync(Token);
    }

    private async Task<PlanItem> ItemAsync(System.Linq.Expressions.Expression<Func<PlanItem, bool>> where)
    {
        await using var db = await ContextsAsync();
        return await db.Items.AsNoTracking().Where(where).OrderBy(i => i.Id).FirstAsync(Token);
    }

    private Task<PlanDbContext> ContextsAsync() => _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);

    /// <summary>Listens for structure changes like a board does.</summary>
    private sealed class StructureRecorder : IDisposable
    {
        private readonly Channel<StructureChange> _received = Channel.CreateUnbounded<StructureChange>();
        private readonly IDisposable _subscription;

        public StructureRecorder(IServiceProvider services, int planId) =>
            _subscription = services.GetRequiredService<LocalChangeFeed>().Subscribe(planId, _ => Task.CompletedTask, async change => await _received.Writer.WriteAsync(change));

        public async Task<StructureChange> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return await _received.Reader.ReadAsync(timeout.Token);
        }

        public void Dispose() => _subscription.Dispose();
    }
}
