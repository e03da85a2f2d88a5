using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.EndToEnd;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Integration;

/// <summary>
/// Two nodes on one database and one real Redis (<c>Realtime:Redis</c>): a change saved on one node reaches the viewers,
/// hub clients and the shared plan copy of the other, in order and once; with Redis down each node keeps serving its own
/// viewers and the other node catches up from the database.
/// </summary>
public sealed class ChangesBetweenNodesTests : IAsyncLifetime
{
    private TwoNodes _nodes = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_nodes is not null)
        {
            await _nodes.DisposeAsync();
        }
    }

    [Fact]
    public async Task ABurstOfMovesOnOneNodeReachesViewersHubClientsAndThePlanOnTheOtherInOrderAndOnce()
    {
        // B also compares itself with the database every 20 ms (15 s in use), so most moves reach it both ways, racing:
        // over Redis and from its resync. Each must still arrive once, as a move, in the order it was made.
        _nodes = await TwoNodes.StartAsync(settings: new Dictionary<string, string> { [PlanResync.IntervalSetting] = "00:00:00.02" });
        var (a, b) = (_nodes.A, _nodes.B);
        var items = await ItemsAsync(50);
        var planId = items[0].PlanId;
        await b.Services.GetRequiredService<PlanCache>().GetAsync(planId, Token);
        using var viewerOnB = new ChangeRecorder(b.Services, planId);
        await using var hubClientOnB = await HubListener.FollowAsync(b, planId, null);
        var coordinator = await TestUsers.PrincipalAsync(a.Services, TestUsers.Coordinator);
        var service = a.Services.GetRequiredService<PlanItemService>();

        var moved = new List<PlanItem>();
        foreach (var item in items)
        {
            var outcome = await service.MoveAsync(coordinator, new MoveRequest(item.Id, item.Version, Target(item)), Token);
            Assert.Equal(ChangeStatus.Saved, outcome.Status);
            moved.Add(outcome.Value!);
        }

        // Every change the viewer on B got, until the last move: each item's revisions only go up (nothing twice),
        // the moves come in the order they were made, and each moved item arrives as saved.
        var received = new List<ItemChange>();
        while (received.Count == 0 || received[^1].Item.Id != moved[^1].Id || received[^1].Kind != ChangeKind.Moved)
        {
            received.Add(await viewerOnB.NextAsync());
        }

        Assert.All(received.GroupBy(c => c.Item.Id), changes => Assert.Equal(changes.Select(c => c.Item.Revision).Order(), changes.Select(c => c.Item.Revision).Distinct()));
        Assert.Equal(moved.Select(i => i.Id), received.Where(c => c.Kind == ChangeKind.Moved).Select(c => c.Item.Id));
        var lastOnB = received.GroupBy(c => c.Item.Id).ToDictionary(g => g.Key, g => g.Last().Item);
        Assert.All(moved, m => Assert.Equal((m.Status, true), (lastOnB[m.Id].Status, lastOnB[m.Id].Revision >= m.Revision)));

        await hubClientOnB.WaitForAsync(moved[^1].Code, TimeSpan.FromSeconds(10));
        Assert.Equal(moved.Select(i => i.Code), hubClientOnB.Received.Where(m => m.GetProperty("change").GetString() == "Moved").Select(HubListener.CodeOf));

        // Nothing more was on its way: the next change on A is the next thing B's viewer gets.
        var sentinel = (await ItemsAsync(51))[^1];
        Assert.Equal(ChangeStatus.Saved, (await service.MoveAsync(coordinator, new MoveRequest(sentinel.Id, sentinel.Version, Target(sentinel)), Token)).Status);
        var next = await viewerOnB.NextAsync();
        while (next.Kind == ChangeKind.Reordered && next.Item.Id != sentinel.Id)
        {
            next = await viewerOnB.NextAsync();
        }

        Assert.Equal(sentinel.Id, next.Item.Id);

        // A fresh read of the plan on B shows what was saved on A, whether B held the plan or not.
        var onB = (await b.Services.GetRequiredService<PlanCache>().GetAsync(planId, Token))!.Items.ToDictionary(i => i.Id);
        Assert.All(moved, m => Assert.Equal((m.Status, m.Version), (onB[m.Id].Status, onB[m.Id].Version)));
    }

    [Fact]
    public async Task WithRedisDownEachNodeServesItsOwnViewersAndTheOtherCatchesUpFromTheDatabase()
    {
        _nodes = await TwoNodes.StartAsync();
        var (a, b) = (_nodes.A, _nodes.B);
        var item = (await ItemsAsync(1))[0];
        foreach (var node in new[] { a, b })
        {
            await node.Services.GetRequiredService<PlanCache>().GetAsync(item.PlanId, Token);
        }

        using var viewerOnA = new ChangeRecorder(a.Services, item.PlanId);
        using var viewerOnB = new ChangeRecorder(b.Services, item.PlanId);
        var structureOnB = Channel.CreateUnbounded<StructureChange>();
        using var structureViewer = b.Services.GetRequiredService<LocalChangeFeed>().Subscribe(item.PlanId, _ => Task.CompletedTask,
            change => structureOnB.Writer.WriteAsync(change).AsTask());
        var statusChanges = new[] { a, b }.Select(n => Changes(n.Services.GetRequiredService<RealtimeStatus>())).ToArray();
        var coordinator = await TestUsers.PrincipalAsync(a.Services, TestUsers.Coordinator);

        await _nodes.Redis.StopAsync();
        await _nodes.WaitUntilAsync(up: false, TimeSpan.FromSeconds(10));

        // Hub clients (a wall display, another system) connect to either node while Redis is down, and catch up from Follow's answer.
        await using var hubClientOnA = await HubListener.FollowAsync(a, item.PlanId, null);
        await using var hubClientOnB = await HubListener.FollowAsync(b, item.PlanId, null);
        Assert.All(new[] { hubClientOnA, hubClientOnB }, h => Assert.Contains(h.Current, m => HubListener.CodeOf(m) == item.Code));

        var clock = Stopwatch.StartNew();
        var moved = await a.Services.GetRequiredService<PlanItemService>().MoveAsync(coordinator, new MoveRequest(item.Id, item.Version, Target(item)), Token);
        Assert.Equal(ChangeStatus.Saved, moved.Status);
        Assert.Equal(moved.Value!.Revision, (await NextOfAsync(viewerOnA, item.Id)).Item.Revision);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"A's own viewer waited {clock.Elapsed.TotalMilliseconds:0} ms for A's change while Redis was down.");
        Assert.Equal(moved.Value.Revision, (await hubClientOnA.WaitForAsync(item.Code, TimeSpan.FromSeconds(2))).GetProperty("revision").GetInt32());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"A's own hub client waited {clock.Elapsed.TotalMilliseconds:0} ms for A's change while Redis was down.");
        Assert.Equal(moved.Value.Revision, (await NextOfAsync(viewerOnB, item.Id)).Item.Revision);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"B got A's change after {clock.Elapsed.TotalSeconds:0.0} s while Redis was down.");
        Assert.Equal(moved.Value.Revision, (await hubClientOnB.WaitForAsync(item.Code, TimeSpan.FromSeconds(5))).GetProperty("revision").GetInt32());

        var theme = await a.Services.GetRequiredService<PlanAdministration>().AddThemeAsync(coordinator, item.PlanId, "Tilføjet mens Redis var væk", Token);
        Assert.True(theme.Succeeded, theme.Message);
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(Token))
        {
            wait.CancelAfter(TimeSpan.FromSeconds(5));
            await structureOnB.Reader.ReadAsync(wait.Token);
        }

        Assert.Contains((await b.Services.GetRequiredService<PlanCache>().GetAsync(item.PlanId, Token))!.Themes, t => t.Name == "Tilføjet mens Redis var væk");

        await _nodes.Redis.StartAsync();
        await _nodes.WaitUntilAsync(up: true, TimeSpan.FromSeconds(30));
        Assert.All(statusChanges, changes => Assert.Equal([false, true], changes));

        // Back over Redis: quickly, not at the next resync.
        var back = await a.Services.GetRequiredService<PlanItemService>().MoveAsync(coordinator, new MoveRequest(item.Id, moved.Value.Version, item.Status), Token);
        Assert.Equal(ChangeStatus.Saved, back.Status);
        clock.Restart();
        Assert.Equal(back.Value!.Revision, (await NextOfAsync(viewerOnB, item.Id)).Item.Revision);
        Assert.Equal(back.Value.Revision, (await hubClientOnB.WaitForAsync(item.Code, TimeSpan.FromSeconds(2))).GetProperty("revision").GetInt32());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"B's viewer and hub client got A's change {clock.Elapsed.TotalSeconds:0.0} s after Redis was back.");
    }

    [Fact]
    public async Task AGapInTheSendersSequenceMakesTheOtherNodeCatchUpFromTheDatabaseAtOnceInTheOrderTheMovesWereMade()
    {
        _nodes = await TwoNodes.StartAsync();
        var (a, b) = (_nodes.A, _nodes.B);
        var items = await ItemsAsync(4);
        await b.Services.GetRequiredService<PlanCache>().GetAsync(items[0].PlanId, Token);
        using var viewerOnB = new ChangeRecorder(b.Services, items[0].PlanId);
        var coordinator = await TestUsers.PrincipalAsync(a.Services, TestUsers.Coordinator);
        var service = a.Services.GetRequiredService<PlanItemService>();
        var first = await service.MoveAsync(coordinator, new MoveRequest(items[3].Id, items[3].Version, Target(items[3])), Token);
        Assert.Equal(first.Value!.Revision, (await NextOfAsync(viewerOnB, items[3].Id)).Item.Revision);

        // A believes Redis is away for two moves (the later item first): it saves and numbers them, but does not send them.
        var statusOfA = a.Services.GetRequiredService<RealtimeStatus>();
        statusOfA.Set(false);
        var unsent = new List<PlanItem>();
        foreach (var item in new[] { items[1], items[0] })
        {
            var outcome = await service.MoveAsync(coordinator, new MoveRequest(item.Id, item.Version, Target(item)), Token);
            Assert.Equal(ChangeStatus.Saved, outcome.Status);
            unsent.Add(outcome.Value!);
        }

        statusOfA.Set(true);
        var sent = await service.MoveAsync(coordinator, new MoveRequest(items[2].Id, items[2].Version, Target(items[2])), Token);
        Assert.Equal(ChangeStatus.Saved, sent.Status);

        // The next message shows B the gap; B finds the unsent moves in the database now, not at its next resync (15 s),
        // and tells its viewers of them as moves (a screen reader hears where each card went), in the order they were made.
        var clock = Stopwatch.StartNew();
        var caughtUp = new List<ItemChange>();
        while (caughtUp.Count < unsent.Count)
        {
            if (await viewerOnB.NextAsync() is { Kind: not ChangeKind.Reordered } change && unsent.Any(u => u.Id == change.Item.Id))
            {
                caughtUp.Add(change);
            }
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"B caught up with the unsent moves after {clock.Elapsed.TotalSeconds:0.0} s.");
        Assert.Equal(unsent.Select(u => (u.Id, u.Revision, u.Status, ChangeKind.Moved)), caughtUp.Select(c => (c.Item.Id, c.Item.Revision, c.Item.Status, c.Kind)));
    }

    /// <summary>
    /// The last change's message is lost and no later change shows the gap: the sender's heartbeat does, and the other node
    /// catches up within two heartbeats (one second each), not at its next resync (set to a minute here).
    /// </summary>
    [Fact]
    public async Task ALostLastMessageIsFoundByTheSendersHeartbeatWithinTwoHeartbeats()
    {
        _nodes = await TwoNodes.StartAsync(settings: new Dictionary<string, string> { [PlanResync.IntervalSetting] = "00:01:00" });
        var (a, b) = (_nodes.A, _nodes.B);
        var items = await ItemsAsync(2);
        await b.Services.GetRequiredService<PlanCache>().GetAsync(items[0].PlanId, Token);
        using var viewerOnB = new ChangeRecorder(b.Services, items[0].PlanId);
        var coordinator = await TestUsers.PrincipalAsync(a.Services, TestUsers.Coordinator);
        var service = a.Services.GetRequiredService<PlanItemService>();
        var first = await service.MoveAsync(coordinator, new MoveRequest(items[1].Id, items[1].Version, Target(items[1])), Token);
        Assert.Equal(first.Value!.Revision, (await NextOfAsync(viewerOnB, items[1].Id)).Item.Revision);

        // A believes Redis is away for one move: it saves and numbers it, but does not send it; then nothing more happens.
        var statusOfA = a.Services.GetRequiredService<RealtimeStatus>();
        statusOfA.Set(false);
        var unsent = await service.MoveAsync(coordinator, new MoveRequest(items[0].Id, items[0].Version, Target(items[0])), Token);
        Assert.Equal(ChangeStatus.Saved, unsent.Status);
        statusOfA.Set(true);

        var clock = Stopwatch.StartNew();
        var caughtUp = await NextOfAsync(viewerOnB, items[0].Id);

        Assert.Equal(unsent.Value!.Revision, caughtUp.Item.Revision);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"B caught up with the unsent move after {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    [Fact]
    public async Task NodesStartWhileRedisIsDownAndShareChangesOnceItIsThere()
    {
        _nodes = await TwoNodes.StartAsync(redisRunning: false);
        var (a, b) = (_nodes.A, _nodes.B);
        var items = await ItemsAsync(2);
        await b.Services.GetRequiredService<PlanCache>().GetAsync(items[0].PlanId, Token);
        using var viewerOnB = new ChangeRecorder(b.Services, items[0].PlanId);
        var coordinator = await TestUsers.PrincipalAsync(a.Services, TestUsers.Coordinator);
        var service = a.Services.GetRequiredService<PlanItemService>();

        // The first move is made the moment both nodes say Redis is up: B must be listening by then.
        await _nodes.Redis.StartAsync();
        await _nodes.WaitUntilAsync(up: true, TimeSpan.FromSeconds(10));
        var first = await service.MoveAsync(coordinator, new MoveRequest(items[0].Id, items[0].Version, Target(items[0])), Token);
        Assert.Equal(ChangeStatus.Saved, first.Status);
        var clock = Stopwatch.StartNew();
        Assert.Equal(first.Value!.Revision, (await NextOfAsync(viewerOnB, items[0].Id)).Item.Revision);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"B got A's change after {clock.Elapsed.TotalSeconds:0.0} s.");

        // B's hub clients hear the next one (a hub client cannot join a plan's group while Redis, its backplane, is down).
        await using var hubClientOnB = await HubListener.FollowAsync(b, items[1].PlanId, null);
        var second = await service.MoveAsync(coordinator, new MoveRequest(items[1].Id, items[1].Version, Target(items[1])), Token);
        clock.Restart();
        Assert.Equal(second.Value!.Revision, (await NextOfAsync(viewerOnB, items[1].Id)).Item.Revision);
        await hubClientOnB.WaitForAsync(items[1].Code, TimeSpan.FromSeconds(5));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"B's hub client got A's change after {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    private static ItemStatus Target(PlanItem item) => item.Status == ItemStatus.NotStarted ? ItemStatus.InProgress : ItemStatus.NotStarted;

    private static List<bool> Changes(RealtimeStatus status)
    {
        var changes = new List<bool>();
        status.Changed += up =>
        {
            lock (changes)
            {
                changes.Add(up);
            }
        };
        return changes;
    }

    private static async Task<ItemChange> NextOfAsync(ChangeRecorder viewer, int itemId)
    {
        while (true)
        {
            if ((await viewer.NextAsync()) is { } change && change.Item.Id == itemId)
            {
                return change;
            }
        }
    }

    private async Task<List<PlanItem>> ItemsAsync(int count)
    {
        await using var db = await _nodes.A.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        var planId = (await _nodes.A.Services.GetRequiredService<PlanCache>().DefaultAsync(Token))!.Id;
        return await db.Items.AsNoTracking().Where(i => i.PlanId == planId && (i.Status == ItemStatus.NotStarted || i.Status == ItemStatus.InProgress))
            .OrderBy(i => i.Id).Take(count).ToListAsync(Token);
    }
}
