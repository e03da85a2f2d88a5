using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// Sixteen writers move the same three cards a hundred times each through <c>/hubs/plan</c>, on real connections to
/// the app on Kestrel: every answer tells the truth about what is stored, and the record of changes has every change once.
/// </summary>
public sealed class ConflictStormTests(LiveApp app) : IClassFixture<LiveApp>
{
    private const int Writers = 16;
    private const int MovesEach = 100;
    private static readonly ItemStatus[] _targets = [ItemStatus.NotStarted, ItemStatus.InProgress];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed record Move(int Writer, int ItemId, Guid Expected, ItemStatus Asked, HubMoveResult Answer);

    [Fact]
    public async Task EverySavedAnswerIsWhatIsStoredAndEveryChangeIsRecordedOnce()
    {
        var items = await ItemsInOneCellAsync();
        var historyBefore = await HistoryAsync(items.Keys);
        Assert.Empty(historyBefore);

        var cookies = new CookieContainer();
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress })
        {
            await TestUsers.SignInAsync(http, TestUsers.Coordinator);
        }

        var connections = await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            var hub = new HubConnectionBuilder().WithUrl(app.Url(PlanHub.Path), o => o.Cookies = cookies).Build();
            await hub.StartAsync(Token);
            return hub;
        }));

        var moves = new ConcurrentBag<Move>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        try
        {
            await Task.WhenAll(connections.Select((hub, writer) => Task.Run(async () =>
            {
                var random = new Random(writer);
                var known = new Dictionary<int, Guid>(items.Select(i => KeyValuePair.Create(i.Key, i.Value.Version)));
                var ids = known.Keys.ToArray();
                for (var n = 0; n < MovesEach; n++)
                {
                    var id = ids[random.Next(ids.Length)];
                    var to = _targets[random.Next(_targets.Length)];
                    var answer = await hub.InvokeAsync<HubMoveResult>("Move", id, known[id], to.ToString(), Token);
                    moves.Add(new Move(writer, id, known[id], to, answer));
                    if (answer.Version is { } version)
                    {
                        known[id] = version;
                    }
                }
            }, Token)));
        }
        finally
        {
            foreach (var hub in connections)
            {
                await hub.DisposeAsync();
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{moves.Count} moves in {clock.Elapsed.TotalSeconds:F1} s, CPU {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s");
        Assert.Equal(Writers * MovesEach, moves.Count);
        Assert.All(moves, m => Assert.Contains(m.Answer.Outcome, new[] { nameof(ChangeStatus.Saved), nameof(ChangeStatus.Stale) }));
        var saved = moves.Where(m => m.Answer.Outcome == nameof(ChangeStatus.Saved)).ToList();
        Assert.NotEmpty(saved);
        Assert.Contains(moves, m => m.Answer.Outcome == nameof(ChangeStatus.Stale));

        // A Saved answer says the item is now where the user asked for it.
        Assert.All(saved, m => Assert.Equal(m.Asked.ToString(), m.Answer.Status));

        var history = await HistoryAsync(items.Keys);
        var stored = await StoredAsync(items.Keys);
        foreach (var (id, start) in items)
        {
            // Each real change starts from the version the one before it left: one line of versions, no branches.
            var changes = saved.Where(m => m.ItemId == id && m.Answer.Version != m.Expected).ToDictionary(m => m.Expected);
            var chain = new List<Move>();
            var version = start.Version;
            var statusAt = new Dictionary<Guid, ItemStatus> { [version] = start.Status };
            while (changes.Remove(version, out var next))
            {
                chain.Add(next);
                version = next.Answer.Version!.Value;
                statusAt[version] = next.Asked;
            }

            Assert.Empty(changes);

            // Every real change has exactly one record, in the same order, saying the same status change.
            var records = history.Where(h => h.ItemId == id).ToList();
            Assert.Equal(chain.Count, records.Count);
            var status = start.Status;
            for (var i = 0; i < chain.Count; i++)
            {
                Assert.Equal(PlanItemService.MovedKind, records[i].Kind);
                var statusChange = records[i].Changes.SingleOrDefault(c => c.Field == "Status");
                if (chain[i].Asked == status)
                {
                    Assert.Null(statusChange);
                    Assert.Contains(records[i].Changes, c => c.Field == "Placering");
                }
                else
                {
                    Assert.NotNull(statusChange);
                    Assert.Equal(status.Name(), statusChange.Old);
                    Assert.Equal(chain[i].Asked.Name(), statusChange.New);
                }

                status = chain[i].Asked;
            }

            // A Saved answer that changed nothing names a version that was stored, with the status asked for.
            foreach (var same in saved.Where(m => m.ItemId == id && m.Answer.Version == m.Expected))
            {
                Assert.True(statusAt.TryGetValue(same.Expected, out var then), "A Saved answer names a version that was never stored.");
                Assert.Equal(same.Asked, then);
            }

            // The final state is the last saved answer.
            Assert.Equal(version, stored[id].Version);
            Assert.Equal(status, stored[id].Status);
        }
    }

    /// <summary>Three cards that start in the same cell (not started, one theme), so moves also reorder them.</summary>
    private async Task<Dictionary<int, PlanItem>> ItemsInOneCellAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        var notStarted = await db.Items.AsNoTracking().Where(i => i.Status == ItemStatus.NotStarted).ToListAsync(Token);
        return notStarted.GroupBy(i => i.ThemeId).First(g => g.Count() >= 3).Take(3).ToDictionary(i => i.Id);
    }

    private async Task<Dictionary<int, PlanItem>> StoredAsync(IEnumerable<int> ids)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, Token);
    }

    private async Task<List<Udmoentning.Domain.History.ItemHistoryEntry>> HistoryAsync(IEnumerable<int> ids)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        return await db.History.AsNoTracking().Where(h => ids.Contains(h.ItemId)).OrderBy(h => h.Id).ToListAsync(Token);
    }
}
