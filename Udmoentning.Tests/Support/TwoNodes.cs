using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Support;

/// <summary>
/// Two nodes of the app in this test process, on one SQLite file and one Redis server of the test's own (so it can stop it):
/// what two servers behind a load balancer share.
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private TwoNodes(RedisServer redis, LiveApp a, LiveApp b) => (Redis, A, B) = (redis, a, b);

    public RedisServer Redis { get; }

    public LiveApp A { get; }

    public LiveApp B { get; }

    /// <summary>Starts both nodes; with <paramref name="redisRunning"/> false they start while Redis is down.</summary>
    public static async Task<TwoNodes> StartAsync(bool redisRunning = true, IReadOnlyDictionary<string, string>? settings = null)
    {
        var redis = await RedisServer.StartNewAsync();
        if (!redisRunning)
        {
            await redis.StopAsync();
        }

        // One connection attempt at start-up: a node that starts while Redis is down is ready after connectTimeout, not three of them.
        var shared = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { [RealtimeExtensions.RedisSetting] = $"{redis.ConnectionString},connectRetry=1" };
        var a = new LiveApp { Settings = shared };
        await a.InitializeAsync();
        var b = new LiveApp { Settings = new Dictionary<string, string>(shared) { ["ConnectionStrings:Sqlite"] = TestDatabases.SqliteConnectionString(a.DatabaseFile) } };
        await b.InitializeAsync();
        var nodes = new TwoNodes(redis, a, b);
        await nodes.WaitUntilAsync(up: redisRunning, TimeSpan.FromSeconds(20));
        return nodes;
    }

    /// <summary>Waits until both nodes say the connection to the other nodes is up (or down).</summary>
    public async Task WaitUntilAsync(bool up, TimeSpan timeout)
    {
        if (!await Poll.UntilAsync(() => new[] { A, B }.All(n => n.Services.GetRequiredService<RealtimeStatus>().IsUp == up), timeout))
        {
            throw new TimeoutException($"The nodes did not see Redis {(up ? "up" : "down")} within {timeout.TotalSeconds} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
