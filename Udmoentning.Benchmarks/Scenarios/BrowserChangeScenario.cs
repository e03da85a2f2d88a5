using Microsoft.Playwright;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Benchmarks.Scenarios;

/// <summary>What a change cost the viewer's browser: its main thread's time per change, and how much of it was layout and style.</summary>
public sealed record BrowserCost(double TaskMilliseconds, double ScriptMilliseconds, double LayoutAndStyleMilliseconds, int Changes);

/// <param name="OnScreenVisible">Per on-screen change, ms from just before the move was asked of the hub until the first
/// frame in which the viewer's page had it (its announcement in the live region), on the machine's one clock.</param>
public sealed record BrowserChangeResult(int Items, BrowserCost OnScreen, BrowserCost OffScreen, BrowserCost Idle, Stats OnScreenVisible, Stats OffScreenVisible);

/// <summary>
/// What another viewer's change costs a viewer's browser: Chromium shows the board (1,280 × 900), and the moves of the
/// latency scenario (<see cref="TimedMoves"/>) are saved through the hub one after another, each waited for until the
/// board's live region announces it and a frame has passed. Chromium's own counters (the DevTools protocol's
/// <c>Performance.getMetrics</c>) give the main thread's busy time over the changes; beside them, the same number of
/// waits of the same length without a change (idle: the page's timers and the waiting itself). Each change is also timed
/// from just before the move is asked of the hub until the animation frame in which the page first has its announcement:
/// the harness and the page read the same system clock (the page as <c>performance.timeOrigin + performance.now()</c>),
/// so the time does not include Playwright's hop back to the harness.
/// </summary>
public static class BrowserChangeScenario
{
    private const int WarmUp = 5;

    public static async Task<BrowserChangeResult> RunAsync(IBrowser browser, AppServer server, int items, int changes, double cpuThrottle = 1)
    {
        await using var mover = await PlanMover.ConnectAsync(server.BaseUri, await server.SignInAsync("demo-koordinator"));
        var moves = await TimedMoves.ReadAsync(server, await server.SignInAsync("demo-laeser"), mover, items);

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUri.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var tab = await context.NewPageAsync();
        await CpuThrottle.ApplyAsync(context, tab, cpuThrottle);
        await tab.GotoAsync("/konto/log-ind");
        await tab.Locator("button[name=user][value='demo-laeser']").ClickAsync();
        await tab.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await tab.Locator("[data-interactive=true] li.card").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        var session = await context.NewCDPSessionAsync(tab);
        await session.SendAsync("Performance.enable");

        var onScreen = await MeasureAsync(tab, session, mover, moves.OnScreen, moves.OnScreenAsync, changes, cardShown: true);
        var offScreen = await MeasureAsync(tab, session, mover, moves.OffScreen, moves.OffScreenAsync, changes, cardShown: false);
        var idle = await IdleAsync(tab, session, changes, onScreen.Elapsed);
        return new BrowserChangeResult(items, onScreen.Cost, offScreen.Cost, idle, Stats.Of(onScreen.Visible), Stats.Of(offScreen.Visible));
    }

    private static async Task<(BrowserCost Cost, TimeSpan Elapsed, List<double> Visible)> MeasureAsync(
        IPage tab, ICDPSession session, PlanMover mover, IReadOnlyList<int> items, Func<PlanMover, int, Task<TimedMove>> plan, int changes, bool cardShown)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            await ChangeAsync(tab, mover, await plan(mover, items[i % items.Count]), cardShown);
        }

        var before = await MetricsAsync(session);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var visible = new List<double>(changes);
        for (var i = 0; i < changes; i++)
        {
            visible.Add(await ChangeAsync(tab, mover, await plan(mover, items[(WarmUp + i) % items.Count]), cardShown));
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return (Cost(before, await MetricsAsync(session), changes), elapsed, visible);
    }

    /// <summary>The same waits, as many and as long in all as the on-screen changes, without a change.</summary>
    private static async Task<BrowserCost> IdleAsync(IPage tab, ICDPSession session, int changes, TimeSpan elapsed)
    {
        var before = await MetricsAsync(session);
        for (var i = 0; i < changes; i++)
        {
            await Task.Delay(elapsed / changes);
            await tab.EvaluateAsync(NextFrame);
        }

        return Cost(before, await MetricsAsync(session), changes);
    }

    /// <summary>
    /// Saves <paramref name="move"/>, waits until the page has announced it (and, with <paramref name="cardShown"/>, shows the
    /// card in the cell it went to) and drawn a frame, and returns the ms from just before the move until that frame. The
    /// announcement comes with the view's message and the card with Blazor's batch (ADR 0025): the later of the two counts.
    /// </summary>
    private static async Task<double> ChangeAsync(IPage tab, PlanMover mover, TimedMove move, bool cardShown)
    {
        var code = await mover.CurrentCodeAsync(move.ItemId);
        var status = move.To == "InProgress" ? 2 : 1;
        var shown = tab.EvaluateAsync<double>(Announced, new object?[] { $"{code} flyttet til ", cardShown ? code : null, status });
        // The observer must be in place before the move: one round trip to the page makes sure the evaluation has started.
        await tab.EvaluateAsync("() => 0");
        var asked = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
        var result = await mover.MoveAsync(move.ItemId, move.Version, move.To, move.BeforeItemId);
        if (result.Outcome != "Saved")
        {
            throw new InvalidOperationException($"Move of item {move.ItemId}: {result.Outcome} {result.Message}");
        }

        var frame = await shown.WaitAsync(TimeSpan.FromSeconds(30));
        return frame - asked;
    }

    /// <summary>
    /// Resolves once the live region for others' changes holds the text and, given a card's code, the card is in a cell of the
    /// status (its number), after the frame that shows it, with that frame's time on the system clock (ms since 1970, as the
    /// harness reads it).
    /// </summary>
    private const string Announced = """
        ([text, code, status]) => new Promise(resolve => {
          const region = document.getElementById('board-heard');
          const board = document.querySelector('.live-board');
          const done = () => requestAnimationFrame(() => { const at = performance.timeOrigin + performance.now(); setTimeout(() => resolve(at)); });
          const card = () => code === null || board.querySelector(`li.card[data-code="${code}"]`)?.closest('.cell')?.dataset.status === String(status);
          if (region.textContent.includes(text) && card()) { done(); return; }
          const observer = new MutationObserver(() => {
            if (region.textContent.includes(text) && card()) { observer.disconnect(); done(); }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        })
        """;

    private const string NextFrame = "() => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve)))";

    private static async Task<Dictionary<string, double>> MetricsAsync(ICDPSession session)
    {
        var reply = await session.SendAsync("Performance.getMetrics") ?? throw new InvalidDataException("Chromium sent no metrics.");
        return reply.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
    }

    /// <summary>The counters are seconds since the page opened; the difference, per change, in ms.</summary>
    private static BrowserCost Cost(Dictionary<string, double> before, Dictionary<string, double> after, int changes)
    {
        double PerChange(string name) => (after.GetValueOrDefault(name) - before.GetValueOrDefault(name)) * 1000 / changes;
        return new BrowserCost(PerChange("TaskDuration"), PerChange("ScriptDuration"), PerChange("LayoutDuration") + PerChange("RecalcStyleDuration"), changes);
    }
}
