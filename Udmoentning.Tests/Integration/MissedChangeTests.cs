using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Integration;

/// <summary>
/// A change that is saved but whose delivery to viewers fails (here the transport throws once, as a lost backplane message
/// would) still answers Saved, and still reaches every open viewer: the node finds it by revision and sends it on.
/// </summary>
public sealed class MissedChangeTests : IAsyncLifetime
{
    private readonly FlakyApp _app = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AMoveWhoseDeliveryFailsAnswersSavedAndStillReachesTheViewersOnce()
    {
        var coordinator = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Coordinator);
        var plans = _app.Services.GetRequiredService<PlanCache>();
        using var viewer = new ChangeRecorder(_app.Services);
        await plans.GetAsync(cancellationToken: Token);
        var item = await ItemAsync();

        var outcome = await _app.Services.GetRequiredService<PlanItemService>()
            .MoveAsync(coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);

        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        Assert.Equal(1, _app.Failures);
        var change = await viewer.NextAsync();
        Assert.Equal((item.Id, ItemStatus.InProgress, outcome.Value!.Version), (change.Item.Id, change.Item.Status, change.Item.Version));
        Assert.Equal((ChangeKind.Moved, ItemStatus.NotStarted), (change.Kind, change.PreviousStatus));
        Assert.Equal(Viewer(TestUsers.Coordinator), change.ChangedBy);
        Assert.Equal(ItemStatus.InProgress, (await plans.GetAsync(cancellationToken: Token))!.Items.Single(i => i.Id == item.Id).Status);

        // The next change is delivered the usual way, once.
        var next = await _app.Services.GetRequiredService<PlanItemService>()
            .MoveAsync(coordinator, new MoveRequest(item.Id, outcome.Value.Version, ItemStatus.NotStarted), Token);
        Assert.Equal(ChangeStatus.Saved, next.Status);
        var delivered = await viewer.NextAsync();
        Assert.Equal(ItemStatus.NotStarted, delivered.Item.Status);
        Assert.Equal(1, _app.Failures);

        // Both heard of again (from another node, or by a resync pass that read the database before they arrived): not
        // handed out again. The next thing the viewer gets is the next move.
        var feed = _app.Services.GetRequiredService<LocalChangeFeed>();
        Assert.Equal((false, false), (feed.Dispatch(change), feed.Dispatch(delivered)));
        var third = await _app.Services.GetRequiredService<PlanItemService>()
            .MoveAsync(coordinator, new MoveRequest(item.Id, next.Value!.Version, ItemStatus.InProgress), Token);
        Assert.Equal(third.Value!.Revision, (await viewer.NextAsync()).Item.Revision);
    }

    /// <summary>Found again in the database, a lost comment is told as a comment (the count moved, the item's version did not), not as an edit.</summary>
    [Fact]
    public async Task ACommentWhoseDeliveryFailsReachesTheViewersAsAComment()
    {
        var editor = await TestUsers.PrincipalAsync(_app.Services, TestUsers.EditorAu);
        using var viewer = new ChangeRecorder(_app.Services);
        await _app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        var item = await db.Items.AsNoTracking().SingleAsync(i => i.Code == "AU-D1", Token);

        var outcome = await _app.Services.GetRequiredService<PlanItemService>().AddCommentAsync(editor, item.Id, "Tabt undervejs", Token);

        Assert.Equal((ChangeStatus.Saved, 1), (outcome.Status, _app.Failures));
        var change = await viewer.NextAsync();
        Assert.Equal((ChangeKind.Commented, item.Id, item.CommentCount + 1, item.Version), (change.Kind, change.Item.Id, change.Item.CommentCount, change.Item.Version));
    }

    private static string Viewer(string demoUser) => Udmoentning.Web.Access.DemoUsers.All.Single(d => d.UserName == demoUser).DisplayName;

    private async Task<PlanItem> ItemAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().Where(i => i.Status == ItemStatus.NotStarted).OrderBy(i => i.Id).FirstAsync(Token);
    }

    /// <summary>The real app whose change transport loses its first message with an exception (a fault injector; the rest is real).</summary>
    private sealed class FlakyApp : AppFactory
    {
        private int _failures;

        public int Failures => Volatile.Read(ref _failures);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(PlanResync.IntervalSetting, "00:00:00.2");
            builder.ConfigureTestServices(services => services.AddSingleton<IChangeTransport>(sp =>
                new FailingOnce(new InProcessChangeTransport(sp.GetRequiredService<LocalChangeFeed>()), () => Interlocked.CompareExchange(ref _failures, 1, 0) == 0)));
        }
    }

    private sealed class FailingOnce(IChangeTransport inner, Func<bool> fail) : IChangeTransport
    {
        public Task PublishAsync(ItemChange change, CancellationToken cancellationToken = default) =>
            fail() ? throw new IOException("The message was lost on its way to the viewers.") : inner.PublishAsync(change, cancellationToken);

        public Task PublishAsync(StructureChange change, CancellationToken cancellationToken = default) => inner.PublishAsync(change, cancellationToken);
    }
}
