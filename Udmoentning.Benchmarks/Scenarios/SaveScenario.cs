using System.Diagnostics;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Benchmarks.Scenarios;

/// <summary>
/// One save run: <see cref="Every"/> is null when each writer moves as fast as it is answered (a closed loop: with 16
/// writers, the queue decides the latency), or how often each writer starts a move (paced).
/// </summary>
public sealed record SaveResult(string Database, int Writers, int Moves, double MovesPerSecond, Stats Latency, int Errors, string? FirstError, TimeSpan? Every = null);

/// <summary>
/// Save throughput: W writers, each with its own hub connection as the coordinator, each moving its own items
/// back and forth through the application service as fast as it answers. Latency is the hub call's round trip.
/// </summary>
public static class SaveScenario
{
    public static async Task<SaveResult> RunAsync(AppServer server, string database, int writers, int movesPerWriter, IReadOnlyList<int> items)
    {
        var cookies = await server.SignInAsync("demo-koordinator");
        var movers = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => PlanMover.ConnectAsync(server.BaseUri, cookies)));
        var latencies = new List<double>[writers];
        var errors = 0;
        string? firstError = null;
        try
        {
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
            {
                latencies[w] = [];
                var mine = items.Where((_, i) => i % writers == w).ToArray();
                var state = new Dictionary<int, (Guid Version, string Status)>();
                foreach (var item in mine)
                {
                    state[item] = await movers[w].CurrentAsync(item);
                }

                for (var m = 0; m < movesPerWriter; m++)
                {
                    var item = mine[m % mine.Length];
                    var t0 = Stopwatch.GetTimestamp();
                    try
                    {
                        var result = await movers[w].ToggleAsync(item, state[item].Version, state[item].Status);
                        latencies[w].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                        if (result.Outcome == "Saved")
                        {
                            state[item] = (result.Version!.Value, result.Status!);
                        }
                        else
                        {
                            Interlocked.Increment(ref errors);
                            firstError ??= $"{result.Outcome}: {result.Message}";
                            state[item] = await movers[w].CurrentAsync(item);
                        }
                    }
                    catch (Exception e)
                    {
                        Interlocked.Increment(ref errors);
                        firstError ??= e.Message;
                    }
                }
            }));
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var all = latencies.SelectMany(l => l).ToList();
            return new SaveResult(database, writers, all.Count, all.Count / elapsed, Stats.Of(all), errors, firstError);
        }
        finally
        {
            foreach (var mover in movers)
            {
                await mover.DisposeAsync();
            }
        }
    }
}
