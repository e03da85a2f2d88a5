using System.Diagnostics;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Benchmarks.Scenarios;

/// <summary>One stretch of a soak: the viewers' latency for the timed changes, the writers' round trips, and the server's resources (medians of its samples).</summary>
public sealed record SoakWindow(
    Stats Latency, int Expected, int Received, Stats WriterLatency, int WriterMoves, int WriterErrors, double ManagedMb, double WorkingSetMb, int Handles, int Threads);

public sealed record SoakResult(int Viewers, int Writers, TimeSpan WriterEvery, TimeSpan Duration, TimeSpan Window, SoakWindow First, SoakWindow Last, string? FirstError);

/// <summary>
/// A long run (<c>--only soak</c>): N viewers on the 2,000-item board, one timed change a second on screen (timed until every
/// viewer has the batch that shows it), and W writers, each with its own hub connection, moving off-screen items every
/// <c>writerEvery</c>, for the whole duration. The first and the last window are compared: latency, memory, handles and
/// threads should agree within the run's spread; a leak shows as the last window's memory or handles above the first's.
/// </summary>
public static class SoakScenario
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(10);

    public static async Task<SoakResult> RunAsync(AppServer server, int viewerCount, int writers, TimeSpan writerEvery, TimeSpan duration, TimeSpan window)
    {
        var admin = await server.SignInAsync("demo-administrator");
        var reader = await server.SignInAsync("demo-laeser");
        var coordinator = await server.SignInAsync("demo-koordinator");
        await using var mover = await PlanMover.ConnectAsync(server.BaseUri, coordinator);
        var moves = await TimedMoves.ReadAsync(server, reader, mover, 2000, "/", offScreenWanted: writers * 3);
        await using var viewers = await Viewers.OpenAsync(new Uri(server.BaseUri, "/"), reader, viewerCount);
        Console.WriteLine($"  {viewerCount} viewers open in {viewers.ConnectTime.TotalSeconds:0.0} s; {writers} writers on {moves.OffScreen.Count} off-screen items");

        // Past the JIT's first minutes, as in the latency scenario; not counted.
        for (var i = 0; i < LatencyScenario.WarmUpChanges; i++)
        {
            await LatencyScenario.ChangeAsync([viewers], mover, await moves.OnScreenAsync(mover, moves.OnScreen[i % moves.OnScreen.Count]));
        }

        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var timed = new List<(long At, List<double> Milliseconds)>();
        var written = new List<(long At, double Milliseconds, bool Saved)>();
        var samples = new List<(long At, MemoryReading Memory, int Handles, int Threads)>();
        string? firstError = null;

        var writing = Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            await using var writer = await PlanMover.ConnectAsync(server.BaseUri, coordinator);
            var mine = moves.OffScreen.Where((_, i) => i % writers == w).ToArray();
            var state = new Dictionary<int, (Guid Version, string Status)>();
            foreach (var item in mine)
            {
                state[item] = await writer.CurrentAsync(item);
            }

            for (var m = 0; Stopwatch.GetTimestamp() < end; m++)
            {
                var next = Task.Delay(writerEvery);
                var item = mine[m % mine.Length];
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    var result = await writer.ToggleAsync(item, state[item].Version, state[item].Status);
                    lock (written)
                    {
                        written.Add((t0, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, result.Outcome == "Saved"));
                    }

                    state[item] = result.Outcome == "Saved" ? (result.Version!.Value, result.Status!) : await writer.CurrentAsync(item);
                    firstError ??= result.Outcome == "Saved" ? null : $"{result.Outcome}: {result.Message}";
                }
                catch (Exception e)
                {
                    lock (written)
                    {
                        written.Add((t0, double.NaN, false));
                    }

                    firstError ??= e.Message;
                }

                await next;
            }
        }));

        var sampling = Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var memory = await server.MemoryAsync(admin);
                using var process = Process.GetProcessById(server.ProcessId);
                samples.Add((Stopwatch.GetTimestamp(), memory, Directory.GetFiles($"/proc/{server.ProcessId}/fd").Length, process.Threads.Count));
                await Task.Delay(SampleEvery);
            }
        });

        for (var i = 0; Stopwatch.GetTimestamp() < end; i++)
        {
            var next = Task.Delay(TimeSpan.FromSeconds(1));
            var at = Stopwatch.GetTimestamp();
            var (milliseconds, _) = await LatencyScenario.ChangeAsync([viewers], mover, await moves.OnScreenAsync(mover, moves.OnScreen[i % moves.OnScreen.Count]));
            timed.Add((at, milliseconds));
            if (i % 60 == 0)
            {
                Console.WriteLine($"  {Stopwatch.GetElapsedTime(started).TotalMinutes:0} min: p95 of the last change {Stats.Of(milliseconds).P95:0} ms; {samples.LastOrDefault().Memory?.WorkingSetBytes / 1e6:0} MB");
            }

            await next;
        }

        await Task.WhenAll(writing, sampling);
        var windowTicks = (long)(window.TotalSeconds * Stopwatch.Frequency);
        return new SoakResult(viewerCount, writers, writerEvery, duration, window,
            Of(started, started + windowTicks), Of(end - windowTicks, end), firstError);

        SoakWindow Of(long from, long to)
        {
            var changes = timed.Where(t => t.At >= from && t.At < to).ToList();
            var writes = written.Where(w => w.At >= from && w.At < to).ToList();
            var sampled = samples.Where(s => s.At >= from && s.At < to).ToList();
            return new SoakWindow(
                Stats.Of(changes.SelectMany(c => c.Milliseconds)),
                changes.Count * viewerCount,
                changes.Sum(c => c.Milliseconds.Count),
                Stats.Of(writes.Where(w => w.Saved).Select(w => w.Milliseconds)),
                writes.Count,
                writes.Count(w => !w.Saved),
                Median(sampled.Select(s => s.Memory.ManagedBytes / 1e6)),
                Median(sampled.Select(s => s.Memory.WorkingSetBytes / 1e6)),
                (int)Median(sampled.Select(s => (double)s.Handles)),
                (int)Median(sampled.Select(s => (double)s.Threads)));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }
}
