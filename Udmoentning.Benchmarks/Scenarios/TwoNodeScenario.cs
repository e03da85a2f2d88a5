using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Benchmarks.Scenarios;

public sealed record TwoNodeResult(int Viewers, Stats SingleNode, int SingleExpected, int SingleReceived, Stats TwoNodes, int TwoExpected, int TwoReceived);

/// <summary>
/// Change-to-visible latency with the viewers split over two web nodes that share one PostgreSQL database and one Redis,
/// the change saved on the first node, beside the same number of viewers on one node (no Redis) on the same database in
/// the same run. Both phases run on this machine's two cores, so the two nodes also share the CPU.
/// </summary>
public static class TwoNodeScenario
{
    public static async Task<TwoNodeResult> RunAsync(string publish, PostgresCluster postgres, RedisProcess redis, int viewerCount, int changes, IReadOnlyList<int> items)
    {
        Stats single;
        int singleReceived;
        await using (var node = await AppServer.StartAsync(publish, 2000, postgres.ConnectionString))
        {
            await using var mover = await PlanMover.ConnectAsync(node.BaseUri, await node.SignInAsync("demo-koordinator"));
            await using var viewers = await Viewers.OpenAsync(new Uri(node.BaseUri, "/"), await node.SignInAsync("demo-laeser"), viewerCount);
            (single, singleReceived) = await LatencyScenario.MeasureAsync(mover, [viewers], changes, items);
            Console.WriteLine($"  one node, {viewerCount} viewers: {single.Row} ms, {singleReceived}/{changes * viewerCount} received");
        }

        await using var a = await AppServer.StartAsync(publish, 2000, postgres.ConnectionString, redis.ConnectionString);
        await using var b = await AppServer.StartAsync(publish, 2000, postgres.ConnectionString, redis.ConnectionString);
        await using var moverOnA = await PlanMover.ConnectAsync(a.BaseUri, await a.SignInAsync("demo-koordinator"));
        await using var onA = await Viewers.OpenAsync(new Uri(a.BaseUri, "/"), await a.SignInAsync("demo-laeser"), viewerCount / 2);
        await using var onB = await Viewers.OpenAsync(new Uri(b.BaseUri, "/"), await b.SignInAsync("demo-laeser"), viewerCount - viewerCount / 2);
        var (two, twoReceived) = await LatencyScenario.MeasureAsync(moverOnA, [onA, onB], changes, items);
        Console.WriteLine($"  two nodes, {viewerCount} viewers split: {two.Row} ms, {twoReceived}/{changes * viewerCount} received");
        return new TwoNodeResult(viewerCount, single, changes * viewerCount, singleReceived, two, changes * viewerCount, twoReceived);
    }
}
