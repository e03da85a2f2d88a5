using System.Diagnostics;
using System.Net;
using Microsoft.Playwright;
using Udmoentning.Benchmarks.Circuits;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Benchmarks.Scenarios;

public sealed record FirstRenderResult(int Items, string Page, Stats Prerender, Stats CircuitReady, Stats Browser, Stats InPage, PagePhases Phases, long InitialBatchBytes);

/// <summary>
/// The medians of where a board page's own clock says the time went, in ms from the navigation's start: the HTML received,
/// the document parsed (the prerendered board laid out and the scripts run), the circuit's WebSocket opened, and the first
/// frame with an interactive card.
/// </summary>
public sealed record PagePhases(double Html, double Parsed, double WebSocket, double LiveCard);

/// <summary>
/// First board render at a plan size: the server's prerendered page (GET of the board, <c>/</c> or a committee's view
/// such as <c>/udvalg/oeu</c>), a circuit until its interactive board has rendered, and Debian's Chromium from navigation
/// until the board is interactive.
/// Chromium's time is taken twice: by Playwright, which learns of the card through its driver and so adds that hop (150–250
/// ms on this 2-core machine), and by the page's own clock, from the navigation's start to the first frame that shows an
/// interactive card, which is what the viewer sees.
/// </summary>
public static class FirstRenderScenario
{
    public static async Task<FirstRenderResult> RunAsync(AppServer server, int items, int samples, IBrowser? browser, double cpuThrottle = 1, string path = "/")
    {
        var reader = await server.SignInAsync("demo-laeser");
        var page = new Uri(server.BaseUri, path);
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
                throw new InvalidDataException($"GET {path} did not return the board.");
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

        var inBrowser = browser is null ? [] : await BrowserAsync(browser, server, samples, cpuThrottle, path);
        var phases = new PagePhases(
            Median(inBrowser.Select(s => s.Page.Html)), Median(inBrowser.Select(s => s.Page.Parsed)),
            Median(inBrowser.Select(s => s.Page.WebSocket)), Median(inBrowser.Select(s => s.Page.LiveCard)));
        return new FirstRenderResult(items, path, Stats.Of(prerender), Stats.Of(circuit), Stats.Of(inBrowser.Select(s => s.Playwright)),
            Stats.Of(inBrowser.Select(s => s.Page.LiveCard)), phases, bytes);
    }

    private static double Median(IEnumerable<double> values) => values.Any() ? Stats.Of(values).P50 : 0;

    /// <summary>
    /// Run in the page before its own scripts: notes when the circuit's WebSocket opens, and the first animation frame after
    /// an interactive card is in the document (the frame the viewer sees it in), on the page's clock.
    /// </summary>
    private const string PageClock = """
        (() => {
          const clock = window.__udmClock = {};
          const Socket = window.WebSocket;
          window.WebSocket = class extends Socket {
            constructor(...args) { super(...args); this.addEventListener('open', () => clock.webSocket ??= performance.now()); }
          };
          new MutationObserver((_, observer) => {
            if (document.querySelector('[data-interactive=true] li.card')) {
              observer.disconnect();
              requestAnimationFrame(() => clock.liveCard = performance.now());
            }
          }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-interactive'] });
        })()
        """;

    private const string ReadClock = """
        () => {
          const navigation = performance.getEntriesByType('navigation')[0];
          const clock = window.__udmClock;
          return [navigation.responseEnd, navigation.domInteractive, clock.webSocket ?? -1, clock.liveCard ?? -1];
        }
        """;

    private sealed record PageTimes(double Html, double Parsed, double WebSocket, double LiveCard);

    private sealed record BrowserSample(double Playwright, PageTimes Page);

    private static async Task<List<BrowserSample>> BrowserAsync(IBrowser browser, AppServer server, int samples, double cpuThrottle, string path)
    {
        var times = new List<BrowserSample>();
        for (var i = 0; i <= samples; i++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUri.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
            await context.AddInitScriptAsync(PageClock);
            var tab = await context.NewPageAsync();
            await CpuThrottle.ApplyAsync(context, tab, cpuThrottle);
            await tab.GotoAsync("/konto/log-ind");
            await tab.Locator("button[name=user][value='demo-laeser']").ClickAsync();
            // Only the address: the board's own sign below says when it is ready. Waiting for the load event as well failed
            // one full run (30 s, with the network idle), and that event is not what this scenario times.
            await tab.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
            await tab.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });

            var started = Stopwatch.GetTimestamp();
            await tab.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
            await tab.Locator("[data-interactive=true] li.card").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            var playwright = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            // The frame after the card may still be due when Playwright has seen the card.
            await tab.WaitForFunctionAsync("() => window.__udmClock.liveCard !== undefined", null, new() { Timeout = 60_000 });
            var page = await tab.EvaluateAsync<double[]>(ReadClock);
            if (i > 0)
            {
                times.Add(new BrowserSample(playwright, new PageTimes(page[0], page[1], page[2], page[3])));
            }
        }

        return times;
    }
}
