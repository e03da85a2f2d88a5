using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Integration;

/// <summary>
/// "Fortryd" through the one service, on the real app and a real SQLite file: a user's own last move or edit goes back,
/// is recorded and reaches every viewer; every refusal changes, records and publishes nothing. The tests share one app and
/// change items of their own; the app's clock can be moved forward.
/// </summary>
public sealed class UndoTests(UndoTests.App app) : IClassFixture<UndoTests.App>, IAsyncLifetime
{
    private readonly ChangeRecorder _changes = new(app.Services);
    private PlanItemService _service = null!;
    private ClaimsPrincipal _coordinator = null!;
    private ClaimsPrincipal _editor = null!;
    private ClaimsPrincipal _administrator = null!;
    private ClaimsPrincipal _marker = null!;

    public async ValueTask InitializeAsync()
    {
        _service = app.Services.GetRequiredService<PlanItemService>();
        _coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        _editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        _administrator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator);
        _marker = await TestUsers.CreateAsync(app.Services, "undo-marker", Role.Coordinator);
    }

    public ValueTask DisposeAsync()
    {
        _changes.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task UndoingAMovePutsTheCardBackInItsPlaceRecordsItAndTellsEveryViewer()
    {
        var cell = await BiggestCellAsync(ItemStatus.NotStarted);
        var item = cell[1];
        var moved = await _service.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);
        Assert.True(moved.Succeeded);
        await _changes.NextAsync();

        var offer = _service.UndoOfferFor(_coordinator);
        Assert.NotNull(offer);
        Assert.Equal($"{item.Code} flyttet til I gang", offer.Done);
        Assert.Equal($"Flyt {item.Code} tilbage til Ikke påbegyndt", offer.Undo);

        var undone = await _service.UndoAsync(_coordinator, offer.Id, Token);

        Assert.Equal(ChangeStatus.Saved, undone.Status);
        Assert.Equal($"Fortrudt: {item.Code} er flyttet tilbage til Ikke påbegyndt.", undone.Message);
        Assert.Equal(cell.Select(i => i.Id), (await CellOfAsync(item)).Select(i => i.Id));
        var record = await NewestHistoryAsync(item.Id);
        Assert.Equal((PlanItemService.UndoneKind, DisplayName(TestUsers.Coordinator)), (record.Kind, record.UserName));
        Assert.Contains(record.Changes, c => c.Field == "Status" && c.Old == "I gang" && c.New == "Ikke påbegyndt");
        var change = await _changes.NextAsync();
        Assert.Equal((item.Id, ChangeKind.Undone, ItemStatus.NotStarted, ItemStatus.InProgress), (change.Item.Id, change.Kind, change.Item.Status, change.PreviousStatus));
        Assert.Equal(undone.Value!.Version, change.Item.Version);

        // An undo is not undone again: there is no redo.
        Assert.Null(_service.UndoOfferFor(_coordinator));
        var again = await _service.UndoAsync(_coordinator, cancellationToken: Token);
        Assert.Equal(ChangeStatus.Refused, again.Status);
        Assert.StartsWith("Der er ikke noget at fortryde.", again.Message);
        Assert.Equal(undone.Value.Version, (await StoredAsync(item.Id)).Version);
        await _changes.AssertNothingMoreAsync(by: _marker);
    }

    [Fact]
    public async Task UndoingAnEditPutsTheDetailsBack()
    {
        var item = await ItemAsync(ItemStatus.InProgress, skip: 0);
        var details = item.ToDetails() with { Title = "En ny titel", Notes = "Skrevet ved en fejl" };
        var edited = await _service.UpdateAsync(_coordinator, item.Id, item.Version, details, Token);
        Assert.True(edited.Succeeded);
        await _changes.NextAsync();
        Assert.Equal($"Fortryd ændringen af {item.Code} (titel, noter)", _service.UndoOfferFor(_coordinator)?.Undo);

        var undone = await _service.UndoAsync(_coordinator, cancellationToken: Token);

        Assert.Equal(ChangeStatus.Saved, undone.Status);
        var stored = await StoredAsync(item.Id);
        Assert.Equal((item.Title, item.Notes), (stored.Title, stored.Notes));
        Assert.NotEqual(edited.Value!.Version, stored.Version);
        var record = await NewestHistoryAsync(item.Id);
        Assert.Equal(PlanItemService.UndoneKind, record.Kind);
        Assert.Contains(record.Changes, c => c.Field == "Titel" && c.Old == "En ny titel" && c.New == item.Title);
        var change = await _changes.NextAsync();
        Assert.Equal((item.Id, ChangeKind.Undone, item.Title), (change.Item.Id, change.Kind, change.Item.Title));
    }

    [Fact]
    public async Task AnUndoIsRefusedWhenSomeoneElseChangedTheItemSinceAndNamesThem()
    {
        var item = await AuItemAsync(skip: 0);
        var moved = await _service.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, Other(item.Status)), Token);
        var edited = await _service.UpdateAsync(_editor, item.Id, moved.Value!.Version, moved.Value.ToDetails() with { Notes = "Redaktørens note" }, Token);
        Assert.True(edited.Succeeded);
        await _changes.NextAsync();
        await _changes.NextAsync();
        var histories = await HistoryCountAsync(item.Id);

        var refused = await _service.UndoAsync(_coordinator, cancellationToken: Token);

        Assert.Equal(ChangeStatus.Stale, refused.Status);
        Assert.Equal($"{item.Code} er ændret af {DisplayName(TestUsers.EditorAu)} siden din ændring, så den kan ikke fortrydes.", refused.Message);
        var stored = await StoredAsync(item.Id);
        Assert.Equal((edited.Value!.Version, moved.Value.Status, "Redaktørens note"), (stored.Version, stored.Status, stored.Notes));
        Assert.Equal(histories, await HistoryCountAsync(item.Id));
        await _changes.AssertNothingMoreAsync(by: _marker);
    }

    [Fact]
    public async Task ACommentOrCheckpointSinceDoesNotStandInTheWay()
    {
        var item = await ItemAsync(ItemStatus.InProgress, skip: 1);
        var moved = await _service.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.NotStarted), Token);
        await _changes.NextAsync();
        await using (var db = await Contexts().CreateDbContextAsync(Token))
        {
            // What a comment does to the item: a new revision, the same version.
            var tracked = await db.Items.SingleAsync(i => i.Id == item.Id, Token);
            tracked.CountComments(1);
            await db.SaveChangesAsync(Token);
        }

        var undone = await _service.UndoAsync(_coordinator, cancellationToken: Token);

        Assert.Equal(ChangeStatus.Saved, undone.Status);
        var stored = await StoredAsync(item.Id);
        Assert.Equal((ItemStatus.InProgress, 1), (stored.Status, stored.CommentCount));
        Assert.True(stored.Revision > moved.Value!.Revision + 1);
    }

    [Fact]
    public async Task AnUndoIsRefusedAfterTheWindow()
    {
        var item = await ItemAsync(ItemStatus.InProgress, skip: 2);
        var moved = await _service.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.NotStarted), Token);
        await _changes.NextAsync();
        var histories = await HistoryCountAsync(item.Id);
        Assert.NotNull(_service.UndoOfferFor(_coordinator));

        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.Null(_service.UndoOfferFor(_coordinator));
        var refused = await _service.UndoAsync(_coordinator, cancellationToken: Token);
        Assert.Equal(ChangeStatus.Refused, refused.Status);
        Assert.Equal($"{item.Code} flyttet til Ikke påbegyndt for mere end 5 minutter siden, så det kan ikke længere fortrydes. Intet er ændret.", refused.Message);
        Assert.Equal((moved.Value!.Version, ItemStatus.NotStarted), await VersionAndStatusAsync(item.Id));
        Assert.Equal(histories, await HistoryCountAsync(item.Id));
        await _changes.AssertNothingMoreAsync(by: _marker);
    }

    [Fact]
    public async Task AnotherUserCannotUndoYourChange()
    {
        var item = await ItemAsync(ItemStatus.InProgress, skip: 3);
        var moved = await _service.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.NotStarted), Token);
        await _changes.NextAsync();

        var refused = await _service.UndoAsync(_administrator, cancellationToken: Token);

        Assert.Equal(ChangeStatus.Refused, refused.Status);
        Assert.StartsWith("Der er ikke noget at fortryde.", refused.Message);
        Assert.Equal((moved.Value!.Version, ItemStatus.NotStarted), await VersionAndStatusAsync(item.Id));
        await _changes.AssertNothingMoreAsync(by: _marker);
        Assert.Equal(ChangeStatus.Saved, (await _service.UndoAsync(_coordinator, cancellationToken: Token)).Status);
    }

    [Fact]
    public async Task AnUndoIsRefusedWhenTheRightsAreGone()
    {
        var editor = await TestUsers.CreateAsync(app.Services, "undo-editor", Role.Editor, "AU");
        var item = await AuItemAsync(skip: 1);
        var moved = await _service.MoveAsync(editor, new MoveRequest(item.Id, item.Version, Other(item.Status)), Token);
        Assert.True(moved.Succeeded);
        await _changes.NextAsync();
        var histories = await HistoryCountAsync(item.Id);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserAdministration>().AssignAsync(_administrator, "undo-editor", Role.Reader, []));
        }

        var refused = await _service.UndoAsync(editor, cancellationToken: Token);

        Assert.Equal(ChangeStatus.Forbidden, refused.Status);
        Assert.Equal(AccessRules.ReadOnly, refused.Message);
        Assert.Equal((moved.Value!.Version, moved.Value.Status), await VersionAndStatusAsync(item.Id));
        Assert.Equal(histories, await HistoryCountAsync(item.Id));
        await _changes.AssertNothingMoreAsync(by: _marker);
    }

    [Fact]
    public async Task AnUndoIsRefusedInAnArchivedPlan()
    {
        var item = await ItemAsync(ItemStatus.InProgress, skip: 4);
        var moved = await _service.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.NotStarted), Token);
        await _changes.NextAsync();
        var administration = app.Services.GetRequiredService<PlanAdministration>();
        var plan = await PlanAsync(item.PlanId);
        Assert.True((await administration.SetStageAsync(_administrator, plan.Id, plan.Version, PlanStage.Archived, Token)).Succeeded);
        try
        {
            var refused = await _service.UndoAsync(_coordinator, cancellationToken: Token);

            Assert.Equal(ChangeStatus.Refused, refused.Status);
            Assert.Equal($"Planen \"{plan.Name}\" er arkiveret og kan kun læses.", refused.Message);
            Assert.Equal((moved.Value!.Version, ItemStatus.NotStarted), await VersionAndStatusAsync(item.Id));
        }
        finally
        {
            var archived = await PlanAsync(item.PlanId);
            Assert.True((await administration.SetStageAsync(_administrator, archived.Id, archived.Version, plan.Stage, Token)).Succeeded);
        }
    }

    [Fact]
    public async Task OnlyTheLastChangeIsOfferedAndAButtonNeverUndoesAnotherChange()
    {
        var first = await ItemAsync(ItemStatus.InProgress, skip: 5);
        var second = await ItemAsync(ItemStatus.InProgress, skip: 6);
        Assert.True((await _service.MoveAsync(_coordinator, new MoveRequest(first.Id, first.Version, ItemStatus.NotStarted), Token)).Succeeded);
        var shown = _service.UndoOfferFor(_coordinator)!;
        var moved = await _service.MoveAsync(_coordinator, new MoveRequest(second.Id, second.Version, ItemStatus.NotStarted), Token);
        await _changes.NextAsync();
        await _changes.NextAsync();

        var refused = await _service.UndoAsync(_coordinator, shown.Id, Token);

        Assert.Equal(ChangeStatus.Refused, refused.Status);
        Assert.Equal($"Du har lavet en nyere ændring siden: {second.Code} flyttet til Ikke påbegyndt. Tryk Fortryd igen for at fortryde den.", refused.Message);
        Assert.Equal((moved.Value!.Version, ItemStatus.NotStarted), await VersionAndStatusAsync(second.Id));
        await _changes.AssertNothingMoreAsync(by: _marker);

        var latest = _service.UndoOfferFor(_coordinator)!;
        Assert.Equal($"{second.Code} flyttet til Ikke påbegyndt", latest.Done);
        Assert.True((await _service.UndoAsync(_coordinator, latest.Id, Token)).Succeeded);
        Assert.Equal(ItemStatus.InProgress, (await StoredAsync(second.Id)).Status);
        Assert.Equal(ItemStatus.NotStarted, (await StoredAsync(first.Id)).Status);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string DisplayName(string demoUser) => DemoUsers.All.Single(d => d.UserName == demoUser).DisplayName;

    private static ItemStatus Other(ItemStatus status) => status == ItemStatus.InProgress ? ItemStatus.NotStarted : ItemStatus.InProgress;

    private async Task<PlanItem> ItemAsync(ItemStatus status, int skip)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().Where(i => i.Status == status && !i.IsCrossCutting && !i.RequiresMedInvolvement)
            .OrderByDescending(i => i.Id).Skip(skip).FirstAsync(Token);
    }

    /// <summary>An item the AU editor may change: AU's own, not cross-cutting, movable between "Ikke påbegyndt" and "I gang".</summary>
    private async Task<PlanItem> AuItemAsync(int skip)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        var au = await db.Committees.Where(c => c.ShortCode == "AU").Select(c => c.Id).SingleAsync(Token);
        return await db.Items.AsNoTracking()
            .Where(i => i.CommitteeId == au && !i.IsCrossCutting && i.Kind != ItemKind.FiscalLeewayProposal && (i.Status == ItemStatus.NotStarted || i.Status == ItemStatus.InProgress))
            .OrderBy(i => i.Id).Skip(skip).FirstAsync(Token);
    }

    private async Task<List<PlanItem>> BiggestCellAsync(ItemStatus status)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        var theme = await db.Items.Where(i => i.Status == status).GroupBy(i => i.ThemeId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(Token);
        var cell = await db.Items.AsNoTracking().Where(i => i.ThemeId == theme && i.Status == status).OrderBy(i => i.Position).ThenBy(i => i.Id).ToListAsync(Token);
        Assert.True(cell.Count >= 3, "The test needs a cell of at least three cards.");
        return cell;
    }

    private async Task<List<PlanItem>> CellOfAsync(PlanItem member)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        var status = (await db.Items.SingleAsync(i => i.Id == member.Id, Token)).Status;
        return await db.Items.AsNoTracking().Where(i => i.ThemeId == member.ThemeId && i.Status == status)
            .OrderBy(i => i.Position).ThenBy(i => i.Id).ToListAsync(Token);
    }

    private async Task<Udmoentning.Domain.History.ItemHistoryEntry> NewestHistoryAsync(int itemId)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.History.AsNoTracking().Where(h => h.ItemId == itemId).OrderByDescending(h => h.Id).FirstAsync(Token);
    }

    private async Task<int> HistoryCountAsync(int itemId)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.History.CountAsync(h => h.ItemId == itemId, Token);
    }

    private async Task<PlanItem> StoredAsync(int id)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().SingleAsync(i => i.Id == id, Token);
    }

    private async Task<(Guid, ItemStatus)> VersionAndStatusAsync(int id)
    {
        var stored = await StoredAsync(id);
        return (stored.Version, stored.Status);
    }

    private async Task<Plan> PlanAsync(int id)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Plans.AsNoTracking().SingleAsync(p => p.Id == id, Token);
    }

    private IDbContextFactory<PlanDbContext> Contexts() => app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();

    /// <summary>The app with a clock a test can move forward.</summary>
    public sealed class App : AppFactory
    {
        public ShiftedClock Clock { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    /// <summary>The system's time, moved forward by what a test adds.</summary>
    public sealed class ShiftedClock : TimeProvider
    {
        private long _offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
    }
}
