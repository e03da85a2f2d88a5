using System.Diagnostics;
using System.Net;
using Microsoft.Playwright;
using Udmoentning.Benchmarks.Circuits;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Benchmarks.Scenarios;

public sealed record FirstRenderResult(int Items, Stats Prerender, Stats CircuitReady, Stats Browser, long InitialBatchBytes);

/// <summary>
/// First board render at a plan size: the server's prerendered page (GET /), a circuit until its interactive
/// board has rendered, and Debian's Chromium from navigation until the board is interactive.
/// </summary>
public static class FirstRenderScenario
{
    public static async Task<FirstRenderResult> RunAsync(AppServer server, int items, int samples, IBrowser? browser)
    {
        var reader = await server.SignInAsync("demo-laeser");
        var page = new Uri(server.BaseUri, "/");
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = reader });

        var prerender = new List<double>();
        var circuit = new List<double>();
        long bytes = 0;
        for (var i = 0; i <= samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var html = await http.GetStringAsync(page);
            var got = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!html.Contains("punkter vist", StringComparison.Ordinal))
            {
                throw new InvalidDataException("GET / did not return the board.");
            }

            started = Stopwatch.GetTimestamp();
            await using var client = await BlazorCircuitClient.ConnectAsync(page, reader, CancellationToken.None);
            var ready = Stopwatch.GetElapsedTime(started, client.ReadyAt).TotalMilliseconds;
            if (i > 0)
            {
                prerender.Add(got);
                circuit.Add(ready);
                bytes = client.RecentBatches.Where(b => b.BatchId <= client.ReadyBatchId).Sum(b => (long)b.Size);
            }
        }

        var inBrowser = browser is null ? [] : await BrowserAsync(browser, server, samples);
        return new FirstRenderResult(items, Stats.Of(prerender), Stats.Of(circuit), Stats.Of(inBrowser), bytes);
    }

    private static async Task<List<double>> BrowserAsync(IBrowser browser, AppServer server, int samples)
    {
        var times = new List<double>();
        for (var i = 0; i <= samples; i++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUri.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
            var tab = await context.NewPageAsync();
            await tab.GotoAsync("/konto/log-ind");
            await tab.Locator("button[name=user][value='demo-laeser']").ClickAsync();
            // Only the address: the board's own sign below says when it is ready. Waiting for the load event as well failed
            // one full run (30 s, with the network idle), and that event is not what this scenario times.
            await tab.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
            await tab.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });

            var started = Stopwatch.GetTimestamp();
            await tab.GotoAsync("/", new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
            await tab.Locator("[data-interactive=true] li.card").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            if (i > 0)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return times;
    }
}
