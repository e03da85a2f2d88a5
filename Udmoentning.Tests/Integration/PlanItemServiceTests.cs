using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Integration;

/// <summary>The one service every change passes through, on the real app and a real SQLite file.</summary>
public sealed class PlanItemServiceTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private PlanItemService _service = null!;
    private ChangeRecorder _changes = null!;
    private System.Security.Claims.ClaimsPrincipal _user = null!;

    public async ValueTask InitializeAsync()
    {
        _service = _app.Services.GetRequiredService<PlanItemService>();
        _changes = new ChangeRecorder(_app.Services);
        _user = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Coordinator);
    }

    public async ValueTask DisposeAsync()
    {
        _changes.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AnAllowedMoveIsSavedAndPublishedOnceWithTheChangedItem()
    {
        var item = await ItemAsync(ItemStatus.NotStarted);

        var outcome = await _service.MoveAsync(_user, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);

        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        Assert.Equal(ItemStatus.InProgress, (await StoredAsync(item.Id)).Status);
        var change = await _changes.NextAsync();
        Assert.Equal((item.Id, ItemStatus.InProgress, ItemStatus.NotStarted, ChangeKind.Moved), (change.Item.Id, change.Item.Status, change.PreviousStatus, change.Kind));
        Assert.Equal(outcome.Value!.Version, change.Item.Version);
        await _changes.AssertNothingMoreAsync();
    }

    [Fact]
    public async Task TheSharedCopyOfThePlanHasEverySavedChange()
    {
        var plan = _app.Services.GetRequiredService<PlanCache>();
        var before = (await plan.GetAsync(cancellationToken: Token))!;
        var item = await ItemAsync(ItemStatus.NotStarted);

        var outcome = await _service.MoveAsync(_user, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);

        var after = (await plan.GetAsync(cancellationToken: Token))!;
        Assert.Same(outcome.Value, after.Items.Single(i => i.Id == item.Id));
        Assert.Equal(ItemStatus.NotStarted, before.Items.Single(i => i.Id == item.Id).Status);
        Assert.Equal(before.Items.Count, after.Items.Count);
    }

    [Fact]
    public async Task ARefusedMoveSavesNothingAndSaysWhyInDanish()
    {
        var item = await ItemAsync(ItemStatus.NotStarted);

        var outcome = await _service.MoveAsync(_user, new MoveRequest(item.Id, item.Version, ItemStatus.Completed), Token);

        Assert.Equal(ChangeStatus.Refused, outcome.Status);
        Assert.Equal($"{item.Code} er ikke påbegyndt. Flyt det først til \"I gang\".", outcome.Message);
        var stored = await StoredAsync(item.Id);
        Assert.Equal((ItemStatus.NotStarted, item.Version), (stored.Status, stored.Version));
        Assert.Equal(item.Version, outcome.Value!.Version);
        await _changes.AssertNothingMoreAsync();
    }

    [Fact]
    public async Task AStaleVersionIsRefusedAndTheNewerChangeSurvives()
    {
        var item = await ItemAsync(ItemStatus.InProgress);
        var first = await _service.MoveAsync(_user, new MoveRequest(item.Id, item.Version, ItemStatus.Completed), Token);
        await _changes.NextAsync();

        var stale = await _service.MoveAsync(_user, new MoveRequest(item.Id, item.Version, ItemStatus.NotStarted), Token);

        Assert.Equal(ChangeStatus.Stale, stale.Status);
        Assert.Contains("netop ændret af en anden", stale.Message);
        Assert.Equal(ItemStatus.Completed, stale.Value!.Status);
        Assert.Equal(first.Value!.Version, (await StoredAsync(item.Id)).Version);
        await _changes.AssertNothingMoreAsync();
    }

    [Fact]
    public async Task OfTwoSimultaneousMovesFromTheSameVersionExactlyOneIsSaved()
    {
        var item = await ItemAsync(ItemStatus.InProgress);

        var outcomes = await Task.WhenAll(
            _service.MoveAsync(_user, new MoveRequest(item.Id, item.Version, ItemStatus.Completed), Token),
            _service.MoveAsync(_user, new MoveRequest(item.Id, item.Version, ItemStatus.NotStarted), Token));

        Assert.Single(outcomes, o => o.Status == ChangeStatus.Saved);
        Assert.Single(outcomes, o => o.Status == ChangeStatus.Stale);
        var saved = outcomes.Single(o => o.Succeeded).Value!;
        Assert.Equal(saved.Status, (await StoredAsync(item.Id)).Status);
    }

    [Fact]
    public async Task AnUnknownItemIsReportedAndNothingIsPublished()
    {
        var outcome = await _service.MoveAsync(_user, new MoveRequest(987654, Guid.NewGuid(), ItemStatus.InProgress), Token);

        Assert.Equal(ChangeStatus.NotFound, outcome.Status);
        Assert.Equal("Punktet findes ikke (længere).", outcome.Message);
        await _changes.AssertNothingMoreAsync();
    }

    [Fact]
    public async Task ReorderingPlacesTheCardAboveItsNewNeighbourAndChangesOnlyIt()
    {
        var cell = await CellAsync();
        var last = cell[^1];
        var before = await AllVersionsAsync();

        var outcome = await _service.MoveAsync(_user, new MoveRequest(last.Id, last.Version, last.Status, BeforeItemId: cell[0].Id), Token);

        Assert.True(outcome.Succeeded);
        var reordered = await CellAsync();
        Assert.Equal(last.Id, reordered[0].Id);
        Assert.Equal(cell.Select(i => i.Id).SkipLast(1), reordered.Skip(1).Select(i => i.Id));
        var after = await AllVersionsAsync();
        Assert.Equal([last.Id], after.Where(a => before[a.Key] != a.Value).Select(a => a.Key));
    }

    [Fact]
    public async Task AValidEditIsSavedAndPublishedWithTheNewData()
    {
        var item = await ItemAsync(ItemStatus.InProgress);
        var details = item.ToDetails() with { Title = "Ny titel fra sekretariatet", Timing = new Quarter(2026, 4), Effects = [new YearlyEffect(2026, -750)] };

        var outcome = await _service.UpdateAsync(_user, item.Id, item.Version, details, Token);

        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        var stored = await StoredAsync(item.Id);
        Assert.Equal(("Ny titel fra sekretariatet", new Quarter(2026, 4), -750, 0), (stored.Title, stored.Timing!.Value, stored.EffectIn(2026), stored.EffectIn(2025)));
        Assert.Equal(item.BaselineTiming, stored.BaselineTiming);
        var change = await _changes.NextAsync();
        Assert.Equal((ChangeKind.Edited, "Ny titel fra sekretariatet"), (change.Kind, change.Item.Title));
        await _changes.AssertNothingMoreAsync();
    }

    [Fact]
    public async Task AnInvalidEditSavesNothingAndNamesEachField()
    {
        var item = await ItemAsync(ItemStatus.InProgress);
        var details = item.ToDetails() with { Title = " ", CaseNumber = "12345", Effects = [new YearlyEffect(2031, 5)] };

        var outcome = await _service.UpdateAsync(_user, item.Id, item.Version, details, Token);

        Assert.Equal(ChangeStatus.Invalid, outcome.Status);
        Assert.Equal(["CaseNumber", "Effects", "Title"], outcome.Errors.Select(e => e.Field).Order());
        Assert.Equal(item.Version, (await StoredAsync(item.Id)).Version);
        await _changes.AssertNothingMoreAsync();
    }

    [Fact]
    public async Task UnknownCommitteesMeetingsAndTakenCodesAreRefused()
    {
        var item = await ItemAsync(ItemStatus.InProgress);
        var other = await ItemAsync(ItemStatus.NotStarted);
        var details = item.ToDetails() with { Code = other.Code, CommitteeId = 999, TreatmentCommitteeId = item.CommitteeId, TreatmentMeetingId = 99999 };

        var outcome = await _service.UpdateAsync(_user, item.Id, item.Version, details, Token);

        Assert.Equal(ChangeStatus.Invalid, outcome.Status);
        Assert.Contains(outcome.Errors, e => e.Field == "CommitteeId" && e.Message == "Det valgte udvalg findes ikke.");
        Assert.Contains(outcome.Errors, e => e.Field == "TreatmentMeetingId");
        Assert.Contains(outcome.Errors, e => e.Field == "Code" && e.Message == $"Nummeret {other.Code} bruges allerede af et andet punkt i planen.");
        Assert.Equal(item.Version, (await StoredAsync(item.Id)).Version);
    }

    [Fact]
    public async Task HtmlInATitleIsKeptAsPlainText()
    {
        var item = await ItemAsync(ItemStatus.InProgress);
        const string Hostile = "<script>alert('x')</script> Tilskud < 5 mio.";

        var outcome = await _service.UpdateAsync(_user, item.Id, item.Version, item.ToDetails() with { Title = Hostile }, Token);

        Assert.True(outcome.Succeeded);
        Assert.Equal(Hostile, (await StoredAsync(item.Id)).Title);
        var client = _app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Reader);
        var html = await client.GetStringAsync("/", Token);
        Assert.DoesNotContain("<script>alert('x')</script>", html);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Tilskud &lt; 5 mio.", html);
    }

    [Fact]
    public async Task SixtyInsertsIntoTheSameGapKeepTheOrderAskedForWithDistinctPositions()
    {
        // Three cards A, B, C: each move puts the card that is last right below A, halving the gap between A and the
        // card below it, until the gap runs out and the cell must be renumbered.
        var cell = await CellAsync();
        Assert.True(cell.Count >= 3, "The sample plan has a cell with three cards.");
        var (top, first, second) = (cell[0].Id, cell[1].Id, cell[2].Id);
        var others = cell.Skip(3).Select(i => i.Id).ToList();
        var histories = await HistoryCountAsync();
        var renumbered = 0;

        for (var move = 0; move < 60; move++)
        {
            var current = await CellOfAsync(cell[0]);
            var below = current[1].Id;
            var moving = below == first ? second : first;
            var outcome = await _service.MoveAsync(_user, new MoveRequest(moving, (await StoredAsync(moving)).Version, cell[0].Status, below), Token);
            Assert.Equal(ChangeStatus.Saved, outcome.Status);
            var after = await CellOfAsync(cell[0]);
            Assert.Equal([top, moving, below, .. others], after.Select(i => i.Id));
            Assert.Equal(after.Count, after.Select(i => i.Position).Distinct().Count());
            renumbered += after.Count(i => i.Id != moving && current.Single(c => c.Id == i.Id).Position != i.Position) > 0 ? 1 : 0;
        }

        Assert.True(renumbered > 0, "The gap ran out at least once, so the cell was renumbered.");
        Assert.Equal(histories + 60, await HistoryCountAsync());

        // The shared copy every viewer starts from holds the renumbered positions too: its order is the stored one.
        var shared = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var sharedCell = shared.Items.Where(i => i.ThemeId == cell[0].ThemeId && i.Status == cell[0].Status)
            .OrderBy(i => i.Position).ThenBy(i => i.Id).Select(i => (i.Id, i.Position));
        Assert.Equal((await CellOfAsync(cell[0])).Select(i => (i.Id, i.Position)), sharedCell);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<PlanItem> ItemAsync(ItemStatus status)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().Where(i => i.Status == status).OrderByDescending(i => i.Id).FirstAsync(Token);
    }

    private async Task<List<PlanItem>> CellAsync()
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        var biggest = await db.Items.GroupBy(i => new { i.ThemeId, i.Status }).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(Token);
        return await db.Items.AsNoTracking().Where(i => i.ThemeId == biggest.ThemeId && i.Status == biggest.Status).OrderBy(i => i.Position).ToListAsync(Token);
    }

    private async Task<List<PlanItem>> CellOfAsync(PlanItem member)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().Where(i => i.ThemeId == member.ThemeId && i.Status == member.Status)
            .OrderBy(i => i.Position).ThenBy(i => i.Id).ToListAsync(Token);
    }

    private async Task<int> HistoryCountAsync()
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.History.CountAsync(Token);
    }

    private async Task<Dictionary<int, Guid>> AllVersionsAsync()
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Items.ToDictionaryAsync(i => i.Id, i => i.Version, Token);
    }

    private async Task<PlanItem> StoredAsync(int id)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().SingleAsync(i => i.Id == id, Token);
    }

    private IDbContextFactory<PlanDbContext> Contexts() => _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
}
