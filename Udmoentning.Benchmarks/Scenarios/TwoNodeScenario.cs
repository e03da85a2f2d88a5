using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Benchmarks.Scenarios;

public sealed record TwoNodeResult(int Viewers, Timed SingleNode, Timed TwoNodes);

/// <summary>
/// Change-to-visible latency with the viewers split over two web nodes that share one PostgreSQL database and one Redis,
/// the change saved on the first node, beside the same number of viewers on one node (no Redis) on the same database in
/// the same run. Both phases run on this machine's two cores, so the two nodes also share the CPU.
/// </summary>
public static class TwoNodeScenario
{
    public static async Task<TwoNodeResult> RunAsync(string publish, PostgresCluster postgres, RedisProcess redis, int viewerCount, int changes)
    {
        Timed single;
        await using (var node = await AppServer.StartAsync(publish, 2000, postgres.ConnectionString))
        {
            await using var mover = await PlanMover.ConnectAsync(node.BaseUri, await node.SignInAsync("demo-koordinator"));
            var reader = await node.SignInAsync("demo-laeser");
            var moves = await TimedMoves.ReadAsync(node, reader, mover, 2000);
            await using var viewers = await Viewers.OpenAsync(new Uri(node.BaseUri, "/"), reader, viewerCount);
            var admin = await node.SignInAsync("demo-administrator");
            await node.SettleAsync(TimeSpan.FromSeconds(60));
            single = await LatencyScenario.MeasureAsync(mover, [viewers], changes, moves.OnScreen, moves.OnScreenAsync, node.CpuTime, () => node.JitAsync(admin));
            Console.WriteLine($"  one node, {viewerCount} viewers: {single.Latency.Row} ms, {single.Received}/{single.Expected} received, " +
                $"{single.ServerCpuMicrosecondsPerViewer:0} µs CPU per viewer after {single.WarmUpChanges} warm-up changes");
        }

        await using var a = await AppServer.StartAsync(publish, 2000, postgres.ConnectionString, redis.ConnectionString);
        await using var b = await AppServer.StartAsync(publish, 2000, postgres.ConnectionString, redis.ConnectionString);
        await using var moverOnA = await PlanMover.ConnectAsync(a.BaseUri, await a.SignInAsync("demo-koordinator"));
        var readerOnA = await a.SignInAsync("demo-laeser");
        var movesOnA = await TimedMoves.ReadAsync(a, readerOnA, moverOnA, 2000);
        await using var onA = await Viewers.OpenAsync(new Uri(a.BaseUri, "/"), readerOnA, viewerCount / 2);
        await using var onB = await Viewers.OpenAsync(new Uri(b.BaseUri, "/"), await b.SignInAsync("demo-laeser"), viewerCount - viewerCount / 2);
        var (adminOnA, adminOnB) = (await a.SignInAsync("demo-administrator"), await b.SignInAsync("demo-administrator"));
        await Task.WhenAll(a.SettleAsync(TimeSpan.FromSeconds(60)), b.SettleAsync(TimeSpan.FromSeconds(60)));

        // Both nodes warm up until their JIT is quiet, as one node does; the CPU and the JIT are the two processes' together.
        var two = await LatencyScenario.MeasureAsync(moverOnA, [onA, onB], changes, movesOnA.OnScreen, movesOnA.OnScreenAsync,
            () => a.CpuTime() + b.CpuTime(), async () => (await a.JitAsync(adminOnA)).Plus(await b.JitAsync(adminOnB)));
        Console.WriteLine($"  two nodes, {viewerCount} viewers split: {two.Latency.Row} ms, {two.Received}/{two.Expected} received, " +
            $"{two.ServerCpuMicrosecondsPerViewer:0} µs CPU per viewer after {two.WarmUpChanges} warm-up changes");
        return new TwoNodeResult(viewerCount, single, two);
    }
}
