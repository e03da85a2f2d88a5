using System.Diagnostics;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Benchmarks.Scenarios;

public sealed record BurstResult(int Viewers, int Changes, TimeSpan SendTime, Stats LastVisible, int Received, Stats BatchesPerViewer);

/// <summary>
/// A burst: 20 changes within one second seen by N viewers. For each viewer: when the last change became visible
/// (from the first save), and how many render batches it took (fewer than the changes means updates were coalesced).
/// </summary>
public static class BurstScenario
{
    public static async Task<BurstResult> RunAsync(AppServer server, int viewerCount, IReadOnlyList<int> items, int changes = 20)
    {
        var reader = await server.SignInAsync("demo-laeser");
        var coordinator = await server.SignInAsync("demo-koordinator");
        await using var viewers = await Viewers.OpenAsync(new Uri(server.BaseUri, "/"), reader, viewerCount);
        await server.SettleAsync(TimeSpan.FromSeconds(60));
        var movers = await Task.WhenAll(Enumerable.Range(0, changes).Select(_ => PlanMover.ConnectAsync(server.BaseUri, coordinator)));
        try
        {
            // A change every viewer must show first, so start-up renders (MudBlazor's) are not counted as the burst's.
            var warmUp = viewers.Watch(" flyttet til ");
            var probe = await movers[0].CurrentAsync(items[^1]);
            await movers[0].ToggleAsync(items[^1], probe.Version, probe.Status);
            await Task.WhenAny(Task.WhenAll(warmUp.Select(w => w.Received)), Task.Delay(TimeSpan.FromSeconds(30)));

            var current = await Task.WhenAll(Enumerable.Range(0, changes).Select(i => movers[i].CurrentAsync(items[i])));
            var lastCode = (await movers[^1].CurrentCodeAsync(items[changes - 1])) + " flyttet til ";
            var watches = viewers.Watch(lastCode);

            var first = Stopwatch.GetTimestamp();
            var sends = new List<Task<PlanMover.MoveResult>>();
            for (var i = 0; i < changes; i++)
            {
                sends.Add(movers[i].ToggleAsync(items[i], current[i].Version, current[i].Status));
                await Task.Delay(TimeSpan.FromMilliseconds(1000.0 / changes));
            }

            var results = await Task.WhenAll(sends);
            var sendTime = Stopwatch.GetElapsedTime(first);
            if (results.FirstOrDefault(r => r.Outcome != "Saved") is { } failed)
            {
                throw new InvalidOperationException($"A burst move failed: {failed.Outcome} {failed.Message}");
            }

            var all = Task.WhenAll(watches.Select(w => w.Received));
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30)));
            var arrived = watches.Where(w => w.Received.IsCompletedSuccessfully).Select(w => w.Received.Result).ToList();
            return new BurstResult(viewerCount, changes, sendTime,
                Stats.Of(arrived.Select(a => Stopwatch.GetElapsedTime(first, a.At).TotalMilliseconds)), arrived.Count, Stats.Of(arrived.Select(a => (double)a.Batches)));
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
