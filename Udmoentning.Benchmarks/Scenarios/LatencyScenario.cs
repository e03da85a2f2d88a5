using System.Diagnostics;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Benchmarks.Scenarios;

/// <summary>One viewer count's figures on <paramref name="Page"/>: the whole board ("/") or a committee's view, which has no off-screen figures.</summary>
public sealed record LatencyResult(
    int Viewers, string Page, Timed OnScreen, Timed? OffScreen, TimeSpan ConnectTime, MemoryReading Idle, MemoryReading Loaded, double IdleCpuShare);

/// <summary>
/// The timings of one kind of change for every viewer: latency, how many arrived of how many, the batch's size, and the
/// server's CPU time per change per viewer (0 when not read). The CPU time is the steadier figure: latency on a shared
/// 2-core machine moves by tens of percent from run to run, the work the server does per viewer much less.
/// <paramref name="JitMicrosecondsPerViewer"/>: the part of that CPU time that was the JIT (still compiling code to its
/// last tier); <paramref name="WarmUpChanges"/>: the untimed changes before.
/// </summary>
public sealed record Timed(
    Stats Latency, int Expected, int Received, Stats BatchBytes, double ServerCpuMicrosecondsPerViewer, double JitMicrosecondsPerViewer = 0, int WarmUpChanges = 0);

/// <summary>
/// Change-to-visible latency: with N viewers on the board, one change at a time is saved through the hub
/// (the application service) and timed until each viewer's circuit has received the render batch that shows it
/// (<see cref="TimedMoves"/>: a card every viewer has rendered, and beside it a card none has).
/// Memory is read from the server before the viewers open and with all of them open.
/// </summary>
public static class LatencyScenario
{
    public static async Task<LatencyResult> RunAsync(AppServer server, int viewerCount, int changes, int itemCount, string page = "/")
    {
        var admin = await server.SignInAsync("demo-administrator");
        var reader = await server.SignInAsync("demo-laeser");
        await using var mover = await PlanMover.ConnectAsync(server.BaseUri, await server.SignInAsync("demo-koordinator"));
        var moves = await TimedMoves.ReadAsync(server, reader, mover, itemCount, page);

        // The plan's one shared copy is loaded by the first viewer; it is not a viewer's cost.
        await using (await Viewers.OpenAsync(new Uri(server.BaseUri, page), reader, 1))
        {
        }

        var idle = await server.MemoryAsync(admin);
        await using var viewers = await Viewers.OpenAsync(new Uri(server.BaseUri, page), reader, viewerCount);
        var loaded = await server.MemoryAsync(admin);
        Console.WriteLine($"  {viewerCount} viewers open in {viewers.ConnectTime.TotalSeconds:0.0} s; server sees {loaded.LiveBoards} live boards");

        // Timed once the server has settled; then what the open viewers cost it while nothing changes.
        var settled = await server.SettleAsync(TimeSpan.FromSeconds(60));
        var idleFrom = server.CpuTime();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idleCpu = (server.CpuTime() - idleFrom).TotalSeconds / 3;
        Console.WriteLine($"  settled after {settled.TotalSeconds:0} s; idle with {viewerCount} viewers the server uses {idleCpu:P0} of one core");

        var onScreen = await MeasureAsync(mover, [viewers], changes, moves.OnScreen, moves.OnScreenAsync, server.CpuTime, () => server.JitAsync(admin));
        var offScreen = moves.OffScreen.Count == 0 ? null
            : await MeasureAsync(mover, [viewers], changes, moves.OffScreen, moves.OffScreenAsync, server.CpuTime, () => server.JitAsync(admin));
        return new LatencyResult(viewerCount, page, onScreen, offScreen, viewers.ConnectTime, idle, loaded, idleCpu);
    }

    /// <summary>
    /// Untimed changes before the timed ones. A server that has just started is still compiling its hot code to its
    /// faster tier (measured: about 1,000 methods and 1 s of JIT time per 2 s in the first minute of a run), which no
    /// server that has run for a while does; one change was too few to get past that.
    /// </summary>
    public const int WarmUpChanges = 30;

    /// <summary>
    /// With a JIT reading, the warm-up goes on in rounds of this many changes until a round compiles fewer than
    /// <see cref="QuietMethods"/> methods, at most <see cref="MostWarmUpRounds"/> rounds: 30 changes left the JIT compiling
    /// 200–900 methods a second through the timed changes (dotnet-trace, 2026-11-28), up to a third of the CPU counted.
    /// </summary>
    public const int WarmUpRound = 10;

    public const int QuietMethods = 20;

    public const int MostWarmUpRounds = 30;

    /// <summary>
    /// <paramref name="changes"/> changes one after another (after the warm-up), each timed for every viewer of every group;
    /// the groups may be on different nodes.
    /// </summary>
    public static async Task<Timed> MeasureAsync(
        PlanMover mover, IReadOnlyList<Viewers> groups, int changes, IReadOnlyList<int> items, Func<PlanMover, int, Task<TimedMove>> plan,
        Func<TimeSpan>? serverCpu = null, Func<Task<JitReading>>? jit = null)
    {
        var warmUp = 0;
        for (; warmUp < WarmUpChanges; warmUp++)
        {
            await ChangeAsync(groups, mover, await plan(mover, items[warmUp % items.Count]));
        }

        // Each reading ends one round and starts the next; the last one starts the timed changes.
        var jitBefore = jit is null ? null : await jit();
        for (var round = 0; jit is not null && round < MostWarmUpRounds; round++)
        {
            for (var i = 0; i < WarmUpRound; i++, warmUp++)
            {
                await ChangeAsync(groups, mover, await plan(mover, items[warmUp % items.Count]));
            }

            var after = await jit();
            var compiled = after.CompiledMethods - jitBefore!.CompiledMethods;
            jitBefore = after;
            if (compiled < QuietMethods)
            {
                break;
            }
        }

        var latencies = new List<double>();
        var bytes = new List<double>();
        var cpuBefore = serverCpu?.Invoke() ?? TimeSpan.Zero;
        for (var i = 1; i <= changes; i++)
        {
            var (times, sizes) = await ChangeAsync(groups, mover, await plan(mover, items[i % items.Count]));
            latencies.AddRange(times);
            bytes.AddRange(sizes);
        }

        // Between changes the server also answers the mover's reads of the next item: a small part, counted in.
        var cpu = serverCpu is null ? 0 : (serverCpu() - cpuBefore).TotalMicroseconds / changes / groups.Sum(g => g.Count);
        var jitTime = jitBefore is null ? 0 : ((await jit!()).CompilationMilliseconds - jitBefore.CompilationMilliseconds) * 1000 / changes / groups.Sum(g => g.Count);
        return new Timed(Stats.Of(latencies), changes * groups.Sum(g => g.Count), latencies.Count, Stats.Of(bytes), cpu, jitTime, warmUp);
    }

    /// <summary>One change, timed from just before the save is asked for until each viewer has the batch that shows it.</summary>
    internal static async Task<(List<double> Milliseconds, List<double> Bytes)> ChangeAsync(IReadOnlyList<Viewers> groups, PlanMover mover, TimedMove move)
    {
        var watches = groups.SelectMany(g => g.Watch(move.Shows)).ToList();
        var saved = Stopwatch.GetTimestamp();
        var result = await mover.MoveAsync(move.ItemId, move.Version, move.To, move.BeforeItemId);
        if (result.Outcome != "Saved")
        {
            throw new InvalidOperationException($"Move of item {move.ItemId}: {result.Outcome} {result.Message}");
        }

        await Task.WhenAny(Task.WhenAll(watches.Select(w => w.Received)), Task.Delay(TimeSpan.FromSeconds(30)));
        var arrived = watches.Where(w => w.Received.IsCompletedSuccessfully).Select(w => w.Received.Result).ToList();
        return ([.. arrived.Select(a => Stopwatch.GetElapsedTime(saved, a.At).TotalMilliseconds)], [.. arrived.Select(a => (double)a.Bytes)]);
    }
}
