using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Benchmarks.Harness;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;

namespace Udmoentning.Benchmarks.Scenarios;

/// <summary>
/// The application service's own time for a move, without the hub or the network: the app's services hosted in-process
/// (Development settings, a 500-item plan, a SQLite file in WAL as the app configures it, or PostgreSQL), W writers as the
/// coordinator, each on a thread of its own, moving its own items back and forth through <see cref="PlanItemService.MoveAsync"/>
/// as fast as it answers, after an untimed warm-up that lasts until the JIT has compiled the moves' code. Latency is the
/// service call. A paced run (<c>Every</c>) has each writer start a move at that interval instead (or at once, when the
/// previous move took longer): people moving cards, not a queue of 16 writers that never pause, whose latency is the
/// queue's (Little's law: 16 moves in flight at 700 moves/s wait about 23 ms each).
/// </summary>
public static class InProcessSaveScenario
{
    public const int Items = 500;

    public static async Task<IReadOnlyList<SaveResult>> RunAsync(string database, string? postgres, IReadOnlyList<(int Writers, int MovesPerWriter, TimeSpan? Every)> runs)
    {
        var folder = Directory.CreateTempSubdirectory("udm-bench-save");
        try
        {
            await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Development");
                builder.UseSetting("Database:SampleItemCount", Items.ToString(CultureInfo.InvariantCulture));
                builder.UseSetting("Database:SampleDate", Harness.AppServer.SampleDate);
                builder.UseSetting("RateLimits:ChangesPerUser", "1000000");
                builder.UseSetting("Logging:LogLevel:Default", "Warning");
                if (postgres is null)
                {
                    builder.UseSetting("Database:Provider", "Sqlite");
                    builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(folder.FullName, "save.db")}");
                }
                else
                {
                    builder.UseSetting("Database:Provider", "Postgres");
                    builder.UseSetting("ConnectionStrings:Postgres", postgres);
                }
            });
            // SQLite's provider is synchronous under its async methods, so a writer holds a thread for its whole move; without
            // threads to spare, the slowly growing thread pool would let only a few of the writers run at once.
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, runs.Max(r => r.Writers) + 4), io);
            var service = app.Services.GetRequiredService<PlanItemService>();
            var user = await AppUsers.CoordinatorAsync(app.Services);

            // As on a node where the board is open: the shared copy of the plan is loaded and every move updates it.
            _ = await app.Services.GetRequiredService<PlanCache>().GetAsync() ?? throw new InvalidOperationException("No sample plan.");
            var items = Enumerable.Range(1, 480).ToList();
            var versions = new Dictionary<int, (Guid Version, ItemStatus Status)>();
            foreach (var item in items)
            {
                versions[item] = await CurrentAsync(service, user, item);
            }

            // Warm-up: every item moved back and forth, by 16 writers, so the plan, the queries and the pool are ready, and
            // again until a round leaves the JIT (almost) nothing new to compile, or six rounds (about 5,800 moves): the steady
            // state of a node that has run a while, not its first minute, when the moves' code is still being compiled to its
            // faster tier.
            for (var round = 0; round < 6; round++)
            {
                var compiled = JitInfo.GetCompiledMethodCount();
                await MoveAsync(database, service, user, versions, items, 16, 2 * items.Count / 16);
                var fresh = JitInfo.GetCompiledMethodCount() - compiled;
                if (fresh < 10)
                {
                    break;
                }
            }

            var results = new List<SaveResult>();
            foreach (var (writers, moves, every) in runs)
            {
                results.Add(await MoveAsync(database, service, user, versions, items, writers, moves, every));
            }

            return results;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<SaveResult> MoveAsync(
        string database, PlanItemService service, ClaimsPrincipal user, Dictionary<int, (Guid Version, ItemStatus Status)> versions,
        IReadOnlyList<int> items, int writers, int movesPerWriter, TimeSpan? every = null)
    {
        var latencies = new List<double>[writers];
        var errors = 0;
        string? firstError = null;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            latencies[w] = [];
            var mine = items.Where((_, i) => i % writers == w).ToArray();
            var state = mine.ToDictionary(i => i, i => versions[i]);
            var first = Stopwatch.GetTimestamp();
            for (var m = 0; m < movesPerWriter; m++)
            {
                if (every is { } interval && interval * (m + (double)w / writers) - Stopwatch.GetElapsedTime(first) is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                var item = mine[m % mine.Length];
                var (version, status) = state[item];
                var to = status == ItemStatus.InProgress ? ItemStatus.NotStarted : ItemStatus.InProgress;
                var t0 = Stopwatch.GetTimestamp();
                var outcome = await service.MoveAsync(user, new MoveRequest(item, version, to));
                latencies[w].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                if (outcome.Succeeded)
                {
                    state[item] = (outcome.Value!.Version, outcome.Value.Status);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                    firstError ??= $"{outcome.Status}: {outcome.Message}";
                    state[item] = await CurrentAsync(service, user, item);
                }
            }

            lock (versions)
            {
                foreach (var (item, current) in state)
                {
                    versions[item] = current;
                }
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        return new SaveResult(database, writers, all.Count, all.Count / elapsed, Stats.Of(all), errors, firstError, every);
    }

    /// <summary>The item's version and status now: a move with an empty version is refused as stale and tells both.</summary>
    private static async Task<(Guid Version, ItemStatus Status)> CurrentAsync(PlanItemService service, ClaimsPrincipal user, int itemId)
    {
        var probe = await service.MoveAsync(user, new MoveRequest(itemId, Guid.Empty, ItemStatus.InProgress));
        return probe.Value is { } item ? (item.Version, item.Status) : throw new InvalidOperationException($"Item {itemId}: {probe.Status} {probe.Message}");
    }
}
