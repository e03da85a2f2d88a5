using System.Diagnostics;
using Udmoentning.Benchmarks.Circuits;

namespace Udmoentning.Benchmarks;

/// <summary>
/// A probe for a running app (Development, demo sign-in): opens N headless viewers on a page and reports how long
/// each took until its first interactive render. Usage: <c>Udmoentning.Benchmarks BASE-URL [VIEWERS] [PATH] [USER]</c>.
/// </summary>
internal static class BenchmarkProgram
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length < 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var baseUri))
        {
            await Console.Error.WriteLineAsync("Usage: Udmoentning.Benchmarks BASE-URL [VIEWERS=1] [PATH=/] [USER=demo-laeser]");
            return 2;
        }

        var viewers = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
        var page = new Uri(baseUri, args.Length > 2 ? args[2] : "/");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var cookies = await DemoSignIn.SignInAsync(baseUri, args.Length > 3 ? args[3] : "demo-laeser", cancel.Token);

        var clients = await Task.WhenAll(Enumerable.Range(0, viewers).Select(async _ =>
        {
            var started = Stopwatch.GetTimestamp();
            var client = await BlazorCircuitClient.ConnectAsync(page, cookies, cancel.Token);
            return (Client: client, Ready: Stopwatch.GetElapsedTime(started, client.ReadyAt));
        }));

        var ready = clients.Select(c => c.Ready.TotalMilliseconds).Order().ToList();
        Console.WriteLine($"{viewers} viewers ready: p50 {ready[ready.Count / 2]:0} ms, max {ready[^1]:0} ms; initial render {clients[0].Client.RecentBatches.Where(b => b.BatchId <= clients[0].Client.ReadyBatchId).Sum(b => b.Size)} bytes");
        foreach (var (client, _) in clients)
        {
            await client.DisposeAsync();
        }

        return 0;
    }
}
