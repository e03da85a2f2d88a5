using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Tests.EndToEnd;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Collaboration;
using Udmoentning.Web.Data;
using Udmoentning.Web.Data.Sample;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Integration;

/// <summary>Comments through the one service, on the real app and a real SQLite file: saved with the count and the record, or nothing at all.</summary>
public sealed class CommentServiceTests(CommentServiceTests.CommentApp app) : IClassFixture<CommentServiceTests.CommentApp>, IDisposable
{
    private readonly ChangeRecorder _changes = new(app.Services);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private PlanItemService Service => app.Services.GetRequiredService<PlanItemService>();

    [Fact]
    public async Task ACommentIsSavedWithTheCountAndARecordAndPublishedOnce()
    {
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var item = await StoredAsync(Code(0));

        var outcome = await Service.AddCommentAsync(editor, item.Id, "  Husk at orientere MED-udvalget før 1. marts.  ", Token);

        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        var after = await StoredAsync(item.Code);
        Assert.Equal(item.CommentCount + 1, after.CommentCount);
        Assert.Equal(item.Version, after.Version);
        Assert.True(after.Revision > item.Revision);
        var comment = await CommentAsync(outcome.Value!.Id);
        Assert.Equal(("Husk at orientere MED-udvalget før 1. marts.", Viewer.DisplayName(TestUsers.EditorAu)), (comment.Text, comment.AuthorName));
        var record = (await HistoryAsync(item.Id)).First();
        Assert.Equal(PlanItemService.CommentedKind, record.Kind);
        Assert.Equal(new Udmoentning.Domain.History.FieldChange("Kommentar", null, comment.Text), Assert.Single(record.Changes));
        var change = await _changes.NextAsync();
        Assert.Equal((ChangeKind.Commented, item.Id, after.CommentCount), (change.Kind, change.Item.Id, change.Item.CommentCount));
        await _changes.AssertNothingMoreAsync(Code(7));
    }

    [Fact]
    public async Task TheAuthorEditsAndDeletesTheirOwnCommentAndBothAreRecorded()
    {
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var item = await StoredAsync(Code(1));
        var added = (await Service.AddCommentAsync(editor, item.Id, "Første udgave", Token)).Value!;

        var edited = await Service.EditCommentAsync(editor, added.Id, added.Version, "Anden udgave", Token);
        var deleted = await Service.DeleteCommentAsync(editor, added.Id, edited.Value!.Version, Token);

        Assert.Equal((ChangeStatus.Saved, ChangeStatus.Saved), (edited.Status, deleted.Status));
        Assert.Equal(item.CommentCount, (await StoredAsync(item.Code)).CommentCount);
        var records = await HistoryAsync(item.Id);
        Assert.Equal([PlanItemService.CommentDeletedKind, PlanItemService.CommentEditedKind, PlanItemService.CommentedKind], records.Take(3).Select(r => r.Kind));
        Assert.Equal(("Første udgave", "Anden udgave"), (records[1].Changes[0].Old, records[1].Changes[0].New));
        Assert.Equal(("Anden udgave", (string?)null), (records[0].Changes[0].Old, records[0].Changes[0].New));

        // The thread keeps the deleted comment's place, author and time, not its text.
        var thread = await app.Services.GetRequiredService<CommentReader>().ThreadAsync(editor, item.Id, Token);
        var shown = Assert.Single(thread.Comments, c => c.Id == added.Id);
        Assert.Equal((true, CommentView.DeletedText, Viewer.DisplayName(TestUsers.EditorAu)), (shown.IsDeleted, shown.Text, shown.AuthorName));
    }

    [Fact]
    public async Task RefusedCommentsChangeNothingRecordNothingAndSayWhyInDanish()
    {
        var reader = await TestUsers.PrincipalAsync(app.Services, TestUsers.Reader);
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var item = await StoredAsync(Code(2));
        var mine = (await Service.AddCommentAsync(editor, item.Id, "Min kommentar", Token)).Value!;
        Assert.Equal(item.Id, (await _changes.NextAsync()).Item.Id);

        var before = await StoredAsync(item.Code);
        var recordsBefore = (await HistoryAsync(item.Id)).Count;

        var outcomes = new[]
        {
            (await Service.AddCommentAsync(reader, item.Id, "Læseren skriver", Token), ChangeStatus.Forbidden, AccessRules.ReadOnly),
            (await Service.AddCommentAsync(new ClaimsPrincipal(), item.Id, "Anonym", Token), ChangeStatus.Forbidden, AccessRules.NotSignedIn),
            (await Service.AddCommentAsync(editor, item.Id, "   ", Token), ChangeStatus.Invalid, "Kommentaren skal udfyldes."),
            (await Service.AddCommentAsync(editor, item.Id, new string('x', ItemComment.TextLength + 1), Token), ChangeStatus.Invalid, "Kommentaren må højst være 2000 tegn (er 2001)."),
            (await Service.AddCommentAsync(editor, item.Id, "Skjult\u200Btegn", Token), ChangeStatus.Invalid, "Kommentaren indeholder usynlige styretegn (fx retningsskift eller tegn uden bredde). Skriv teksten igen uden dem."),
            (await Service.AddCommentAsync(editor, -5, "Ukendt punkt", Token), ChangeStatus.NotFound, "Punktet findes ikke (længere)."),
            (await Service.EditCommentAsync(coordinator, mine.Id, mine.Version, "Koordinatoren retter", Token), ChangeStatus.Forbidden, "Du kan kun rette og slette dine egne kommentarer."),
            (await Service.DeleteCommentAsync(coordinator, mine.Id, mine.Version, Token), ChangeStatus.Forbidden, "Du kan kun rette og slette dine egne kommentarer."),
            (await Service.EditCommentAsync(editor, mine.Id, Guid.NewGuid(), "Fra en gammel udgave", Token), ChangeStatus.Stale, PlanItemService.CommentStale),
            (await Service.DeleteCommentAsync(editor, mine.Id, Guid.NewGuid(), Token), ChangeStatus.Stale, PlanItemService.CommentStale),
            (await Service.EditCommentAsync(editor, mine.Id, mine.Version, "", Token), ChangeStatus.Invalid, "Kommentaren skal udfyldes."),
            (await Service.DeleteCommentAsync(editor, int.MaxValue, mine.Version, Token), ChangeStatus.NotFound, PlanItemService.CommentNotFound),
        };

        Assert.All(outcomes, o => Assert.Equal((o.Item2, o.Item3), (o.Item1.Status, o.Item1.Message)));
        var after = await StoredAsync(item.Code);
        Assert.Equal((before.CommentCount, before.Revision), (after.CommentCount, after.Revision));
        Assert.Equal(recordsBefore, (await HistoryAsync(item.Id)).Count);
        var stored = await CommentAsync(mine.Id);
        Assert.Equal(("Min kommentar", mine.Version, false), (stored.Text, stored.Version, stored.IsDeleted));
        Assert.Equal(1, await CountCommentsAsync(item.Id));
        await _changes.AssertNothingMoreAsync(Code(7));
    }

    [Fact]
    public async Task AfterTheEditWindowTheAuthorIsToldWhyAndNothingChanges()
    {
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var item = await StoredAsync(Code(3));
        var mine = (await Service.AddCommentAsync(editor, item.Id, "Skrevet før fristen", Token)).Value!;
        var recordsBefore = (await HistoryAsync(item.Id)).Count;

        app.Clock.Offset = ItemComment.EditWindow + TimeSpan.FromMinutes(1);
        try
        {
            var edit = await Service.EditCommentAsync(editor, mine.Id, mine.Version, "For sent", Token);
            var delete = await Service.DeleteCommentAsync(editor, mine.Id, mine.Version, Token);

            Assert.Equal((ChangeStatus.Refused, "En kommentar kan kun rettes eller slettes i 15 minutter, efter den er skrevet."), (edit.Status, edit.Message));
            Assert.Equal(edit.Message, delete.Message);
        }
        finally
        {
            app.Clock.Offset = TimeSpan.Zero;
        }

        Assert.Equal("Skrevet før fristen", (await CommentAsync(mine.Id)).Text);
        Assert.Equal(recordsBefore, (await HistoryAsync(item.Id)).Count);
    }

    [Fact]
    public async Task ACommentOnAnArchivedPlanIsRefused()
    {
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var administrator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator);
        var item = await StoredAsync(Code(4));
        var administration = app.Services.GetRequiredService<PlanAdministration>();
        Assert.True((await administration.SetStageAsync(administrator, item.PlanId, await PlanVersionAsync(item.PlanId), PlanStage.Archived, Token)).Succeeded);
        try
        {
            var outcome = await Service.AddCommentAsync(editor, item.Id, "På en arkiveret plan", Token);

            Assert.Equal(ChangeStatus.Refused, outcome.Status);
            Assert.EndsWith("er arkiveret og kan kun læses.", outcome.Message);
            Assert.Equal(0, await CountCommentsAsync(item.Id));
            var thread = await app.Services.GetRequiredService<CommentReader>().ThreadAsync(editor, item.Id, Token);
            Assert.Equal(outcome.Message, thread.RefusalToWrite);
        }
        finally
        {
            Assert.True((await administration.SetStageAsync(administrator, item.PlanId, await PlanVersionAsync(item.PlanId), PlanStage.Adopted, Token)).Succeeded);
        }
    }

    [Fact]
    public async Task HostileHtmlIsStoredAsTheTextItIs()
    {
        const string hostile = "<img src=x onerror=\"alert(1)\"><script>alert('x')</script>";
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var item = await StoredAsync(Code(5));

        var outcome = await Service.AddCommentAsync(editor, item.Id, hostile, Token);

        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        Assert.Equal(hostile, (await CommentAsync(outcome.Value!.Id)).Text);
    }

    [Fact]
    public async Task AMoveOfTheSameItemWhileTheCommentIsSavedLosesNeitherTheCommentNorTheMove()
    {
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var item = await StoredAsync(AuthorizationMatrixItem);
        var to = item.Status == ItemStatus.InProgress ? ItemStatus.NotStarted : ItemStatus.InProgress;
        ChangeOutcome<PlanItem>? move = null;

        // The first save of the comment finds the item moved by someone else a moment after it was read.
        app.Contexts.BeforeCommentSave = () =>
        {
            app.Contexts.BeforeCommentSave = null;
            var coordinator = TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator).GetAwaiter().GetResult();
            move = Service.MoveAsync(coordinator, new MoveRequest(item.Id, item.Version, to)).GetAwaiter().GetResult();
        };
        var outcome = await Service.AddCommentAsync(editor, item.Id, "Skrevet mens punktet blev flyttet", Token);

        Assert.Equal(ChangeStatus.Saved, move?.Status);
        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        var after = await StoredAsync(item.Code);
        Assert.Equal((to, item.CommentCount + 1), (after.Status, after.CommentCount));
        Assert.Equal(1, await CountCommentsAsync(item.Id));
        Assert.Equal([PlanItemService.CommentedKind, PlanItemService.MovedKind], (await HistoryAsync(item.Id)).Take(2).Select(r => r.Kind));
    }

    /// <summary>The one retry policy (docs/decisions/0018): a conflict on a row the user did not aim at is saved on a fresh read; an old version is Stale.</summary>
    [Fact]
    public async Task AMoveWhoseSaveMeetsACommentOnTheItemIsSavedAndAMoveFromAnOldVersionIsStaleAndChangesNothing()
    {
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var item = await StoredAsync(Code(8));
        var to = item.Status == ItemStatus.InProgress ? ItemStatus.NotStarted : ItemStatus.InProgress;
        ChangeOutcome<ItemComment>? comment = null;

        // Someone comments on the item between the move's read and its save: the item row's revision moves on under the move.
        app.Contexts.BeforeMoveSave = () =>
        {
            app.Contexts.BeforeMoveSave = null;
            comment = Service.AddCommentAsync(editor, item.Id, "Skrevet mens punktet blev flyttet").GetAwaiter().GetResult();
        };
        var moved = await Service.MoveAsync(coordinator, new MoveRequest(item.Id, item.Version, to), Token);

        Assert.Equal((ChangeStatus.Saved, ChangeStatus.Saved), (comment?.Status, moved.Status));
        var after = await StoredAsync(item.Code);
        Assert.Equal((to, item.CommentCount + 1), (after.Status, after.CommentCount));
        Assert.Equal([PlanItemService.MovedKind, PlanItemService.CommentedKind], (await HistoryAsync(item.Id)).Take(2).Select(r => r.Kind));

        var records = (await HistoryAsync(item.Id)).Count;
        var stale = await Service.MoveAsync(coordinator, new MoveRequest(item.Id, item.Version, item.Status), Token);

        Assert.Equal((ChangeStatus.Stale, after.Version), (stale.Status, stale.Value?.Version));
        Assert.Equal((to, after.Version), ((await StoredAsync(item.Code)).Status, (await StoredAsync(item.Code)).Version));
        Assert.Equal(records, (await HistoryAsync(item.Id)).Count);
    }

    [Fact]
    public async Task TheHistoryExportForAktindsigtHasTheComments()
    {
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var item = await StoredAsync(Code(6));
        var added = (await Service.AddCommentAsync(editor, item.Id, "Til aktindsigt; med \"citat\"", Token)).Value!;
        await Service.EditCommentAsync(editor, added.Id, added.Version, "Rettet til aktindsigt", Token);
        var client = app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Reader);

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/punkter/{item.Id}/historik.csv", Token));

        var name = Viewer.DisplayName(TestUsers.EditorAu);
        Assert.Contains($";{name};", csv);
        Assert.Contains($";{item.Code};Kommenteret;Kommentar;;\"Til aktindsigt; med \"\"citat\"\"\"\r\n", csv);
        Assert.Contains($";{item.Code};Kommentar rettet;Kommentar;\"Til aktindsigt; med \"\"citat\"\"\";Rettet til aktindsigt\r\n", csv);
    }

    public void Dispose() => _changes.Dispose();

    /// <summary>Items of the sample plan no other test here touches, one per test.</summary>
    private static string Code(int index) => SamplePlanData.Items.Where(i => i.Code != AuthorizationMatrixItem).Skip(10 + index).First().Code;

    private static readonly string AuthorizationMatrixItem = Udmoentning.Tests.Access.AuthorizationMatrixTests.OwnItem;

    private async Task<PlanItem> StoredAsync(string code)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().OrderBy(i => i.PlanId).FirstAsync(i => i.Code == code, Token);
    }

    private async Task<ItemComment> CommentAsync(int id)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Comments.AsNoTracking().SingleAsync(c => c.Id == id, Token);
    }

    private async Task<int> CountCommentsAsync(int itemId)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Comments.CountAsync(c => c.ItemId == itemId, Token);
    }

    private async Task<List<Udmoentning.Domain.History.ItemHistoryEntry>> HistoryAsync(int itemId)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.History.AsNoTracking().Where(h => h.ItemId == itemId).OrderByDescending(h => h.At).ThenByDescending(h => h.Id).ToListAsync(Token);
    }

    private async Task<Guid> PlanVersionAsync(int planId)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Plans.Where(p => p.Id == planId).Select(p => p.Version).SingleAsync(Token);
    }

    private IDbContextFactory<PlanDbContext> Contexts() => app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();

    /// <summary>The app with a clock a test can move forward, and contexts that let a test act just before a comment is saved.</summary>
    public sealed class CommentApp : AppFactory
    {
        public ShiftedClock Clock { get; } = new();

        public RacingContexts Contexts { get; private set; } = null!;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                var real = services.Last(d => d.ServiceType == typeof(IDbContextFactory<PlanDbContext>));
                services.Remove(real);
                services.AddSingleton<IDbContextFactory<PlanDbContext>>(sp =>
                    Contexts = new RacingContexts((IDbContextFactory<PlanDbContext>)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)));
            });
        }
    }

    public sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
    }

    /// <summary>Runs <see cref="BeforeCommentSave"/> (<see cref="BeforeMoveSave"/>) when a context is about to save a new comment (a move), before its transaction starts.</summary>
    public sealed class RacingContexts(IDbContextFactory<PlanDbContext> inner) : IDbContextFactory<PlanDbContext>
    {
        public Action? BeforeCommentSave { get; set; }

        public Action? BeforeMoveSave { get; set; }

        public PlanDbContext CreateDbContext()
        {
            var db = inner.CreateDbContext();
            db.SavingChanges += (_, _) =>
            {
                if (BeforeCommentSave is { } act && db.ChangeTracker.Entries<ItemComment>().Any(e => e.State == EntityState.Added))
                {
                    act();
                }

                if (BeforeMoveSave is { } move && db.ChangeTracker.Entries<Udmoentning.Domain.History.ItemHistoryEntry>().Any(e => e.State == EntityState.Added && e.Entity.Kind == PlanItemService.MovedKind))
                {
                    move();
                }
            };
            return db;
        }
    }
}
