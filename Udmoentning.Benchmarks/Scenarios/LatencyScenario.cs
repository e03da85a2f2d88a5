using System.Diagnostics;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Benchmarks.Scenarios;

public sealed record LatencyResult(int Viewers, Stats Latency, int Expected, int Received, TimeSpan ConnectTime, MemoryReading Idle, MemoryReading Loaded);

/// <summary>
/// Change-to-visible latency: with N viewers on the board, one change at a time is saved through the hub
/// (the application service) and timed until each viewer's circuit has received the render batch that shows it.
/// Memory is read from the server before the viewers open and with all of them open.
/// </summary>
public static class LatencyScenario
{
    public static async Task<LatencyResult> RunAsync(AppServer server, int viewerCount, int changes, IReadOnlyList<int> items)
    {
        var admin = await server.SignInAsync("demo-administrator");
        var reader = await server.SignInAsync("demo-laeser");
        await using var mover = await PlanMover.ConnectAsync(server.BaseUri, await server.SignInAsync("demo-koordinator"));
        var idle = await server.MemoryAsync(admin);

        await using var viewers = await Viewers.OpenAsync(new Uri(server.BaseUri, "/"), reader, viewerCount);
        var loaded = await server.MemoryAsync(admin);
        Console.WriteLine($"  {viewerCount} viewers open in {viewers.ConnectTime.TotalSeconds:0.0} s; server sees {loaded.LiveBoards} live boards");

        var (latency, received) = await MeasureAsync(mover, [viewers], changes, items);
        return new LatencyResult(viewerCount, latency, changes * viewerCount, received, viewers.ConnectTime, idle, loaded);
    }

    /// <summary>
    /// <paramref name="changes"/> changes one after another (after one to warm up), each timed for every viewer of every group;
    /// the groups may be on different nodes.
    /// </summary>
    public static async Task<(Stats Latency, int Received)> MeasureAsync(PlanMover mover, IReadOnlyList<Viewers> groups, int changes, IReadOnlyList<int> items)
    {
        await ChangeAsync(groups, mover, items[0]);
        var latencies = new List<double>();
        var received = 0;
        for (var i = 1; i <= changes; i++)
        {
            var (times, count) = await ChangeAsync(groups, mover, items[i % items.Count]);
            latencies.AddRange(times);
            received += count;
        }

        return (Stats.Of(latencies), received);
    }

    /// <summary>One change, timed from just before the save is asked for until each viewer has rendered its announcement.</summary>
    private static async Task<(IReadOnlyList<double> Milliseconds, int Received)> ChangeAsync(IReadOnlyList<Viewers> groups, PlanMover mover, int itemId)
    {
        var (version, status) = await mover.CurrentAsync(itemId);
        var watches = groups.SelectMany(g => g.Watch(" flyttet til ")).ToList();
        var saved = Stopwatch.GetTimestamp();
        var result = await mover.ToggleAsync(itemId, version, status);
        if (result.Outcome != "Saved")
        {
            throw new InvalidOperationException($"Move of item {itemId}: {result.Outcome} {result.Message}");
        }

        var all = Task.WhenAll(watches.Select(w => w.Received));
        await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30)));
        var arrived = watches.Where(w => w.Received.IsCompletedSuccessfully).Select(w => Stopwatch.GetElapsedTime(saved, w.Received.Result.At).TotalMilliseconds).ToList();
        return (arrived, arrived.Count);
    }
}
