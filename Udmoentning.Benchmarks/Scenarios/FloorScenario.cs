using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Benchmarks.Scenarios;

/// <summary>
/// The floor: a plain SignalR broadcast of a small message to N plain SignalR clients on this machine.
/// No app, no database, no rendering: the least a live board could cost.
/// </summary>
public static class FloorScenario
{
    public static async Task<Stats> RunAsync(int clientCount, int broadcasts)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSignalR();
        await using var app = builder.Build();
        app.MapHub<FloorHub>("/floor");
        await app.StartAsync();
        var url = new Uri(new Uri(app.Urls.First()), "/floor");
        var hub = app.Services.GetRequiredService<IHubContext<FloorHub>>();

        var clients = new List<HubConnection>();
        foreach (var group in Enumerable.Range(0, clientCount).Chunk(50))
        {
            clients.AddRange(await Task.WhenAll(group.Select(async _ =>
            {
                var connection = new HubConnectionBuilder().WithUrl(url).Build();
                await connection.StartAsync();
                return connection;
            })));
        }

        var latencies = new List<double>();
        try
        {
            for (var round = 0; round <= broadcasts; round++)
            {
                var received = clients.Select(_ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
                var handlers = clients.Select((c, i) => c.On<long>("m", _ => received[i].TrySetResult(Stopwatch.GetTimestamp()))).ToList();
                var sent = Stopwatch.GetTimestamp();
                await hub.Clients.All.SendAsync("m", sent);
                var arrivals = await ArrivalsAsync(clients, received, round);
                if (round > 0)
                {
                    latencies.AddRange(arrivals.Select(a => Stopwatch.GetElapsedTime(sent, a).TotalMilliseconds));
                }

                handlers.ForEach(h => h.Dispose());
            }
        }
        finally
        {
            foreach (var group in clients.Chunk(50))
            {
                await Task.WhenAll(group.Select(c => c.DisposeAsync().AsTask()));
            }
        }

        return Stats.Of(latencies);
    }

    /// <summary>
    /// When every client has the broadcast. Bounded: a client that lost its connection would otherwise hang the whole run
    /// (seen once, at 300 clients, with the process idle); the run stops instead and says how many clients had it.
    /// </summary>
    private static async Task<long[]> ArrivalsAsync(List<HubConnection> clients, TaskCompletionSource<long>[] received, int round)
    {
        var all = Task.WhenAll(received.Select(r => r.Task));
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30))) != all)
        {
            throw new TimeoutException(
                $"Floor, broadcast {round}: {received.Count(r => r.Task.IsCompleted)} of {clients.Count} clients had it after 30 s; " +
                $"{clients.Count(c => c.State != HubConnectionState.Connected)} were no longer connected.");
        }

        return await all;
    }

    private sealed class FloorHub : Hub;
}
