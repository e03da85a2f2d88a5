using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// The line between one browser and its Blazor circuit, which a test cuts and mends as Wi-Fi or a sleeping laptop does.
/// Cutting closes the circuit's WebSocket at both ends; the browser's attempts to connect again then hang (as they do
/// with no network) until the line is mended, when the attempt under way goes through to the same circuit at once.
/// </summary>
public sealed partial class CircuitLine
{
    private readonly List<IWebSocketRoute> _open = [];
    private TaskCompletionSource _mended = Mended();

    /// <summary>Routes the circuit connections of <paramref name="context"/> through a new line; call before the page opens.</summary>
    public static async Task<CircuitLine> AttachAsync(IBrowserContext context)
    {
        var line = new CircuitLine();
        await context.RouteAsync(Negotiation(), async route =>
        {
            await line._mended.Task;
            await route.ContinueAsync();
        });
        await context.RouteWebSocketAsync(Hub(), browser =>
        {
            lock (line._open)
            {
                line._open.Add(browser.ConnectToServer());
                line._open.Add(browser);
            }
        });
        return line;
    }

    [GeneratedRegex("/_blazor/negotiate")]
    private static partial Regex Negotiation();

    [GeneratedRegex("/_blazor")]
    private static partial Regex Hub();

    private static TaskCompletionSource Mended()
    {
        var mended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        mended.SetResult();
        return mended;
    }

    /// <summary>Cuts the line and waits until the page shows it lost its connection.</summary>
    public async Task CutAsync(IPage page)
    {
        _mended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        List<IWebSocketRoute> open;
        lock (_open)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var end in open)
        {
            await end.CloseAsync(new() { Code = 1001, Reason = "Netværket er væk" });
        }

        await Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
    }

    /// <summary>Mends the line and waits until the page is connected to its circuit again (no reload).</summary>
    public async Task MendAsync(IPage page)
    {
        await page.EvaluateAsync("() => window.__beforeMend = true");
        _mended.TrySetResult();
        await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__beforeMend === true"), "The page was reloaded.");
    }
}
