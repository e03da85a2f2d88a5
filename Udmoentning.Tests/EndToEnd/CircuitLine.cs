using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// The line between one browser and its Blazor circuit, which a test can cut and mend, as Wi-Fi or a sleeping laptop
/// does: cutting closes the circuit's WebSocket on both ends and keeps the browser offline, so it cannot connect again;
/// mending lets the browser's next attempt through, to the same circuit on the server.
/// </summary>
public sealed partial class CircuitLine
{
    private readonly IBrowserContext _context;
    private readonly List<(IWebSocketRoute Browser, IWebSocketRoute Server)> _open = [];
    private volatile bool _cut;

    private CircuitLine(IBrowserContext context) => _context = context;

    /// <summary>Routes the circuit connections of <paramref name="context"/> through a new line; call before the page opens.</summary>
    public static async Task<CircuitLine> AttachAsync(IBrowserContext context)
    {
        var line = new CircuitLine(context);
        await context.RouteWebSocketAsync(BlazorHub(), line.Route);
        return line;
    }

    [GeneratedRegex("/_blazor")]
    private static partial Regex BlazorHub();

    private void Route(IWebSocketRoute browser)
    {
        if (_cut)
        {
            _ = browser.CloseAsync(new() { Code = 1001, Reason = "Offline" });
            return;
        }

        var server = browser.ConnectToServer();
        lock (_open)
        {
            _open.Add((browser, server));
        }
    }

    /// <summary>Cuts the line and waits until the page shows it lost its connection (the reconnect dialog).</summary>
    public async Task CutAsync(IPage page)
    {
        _cut = true;
        await _context.SetOfflineAsync(true);
        List<(IWebSocketRoute Browser, IWebSocketRoute Server)> open;
        lock (_open)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var (browser, server) in open)
        {
            await server.CloseAsync(new() { Code = 1001, Reason = "Offline" });
            await browser.CloseAsync(new() { Code = 1001, Reason = "Offline" });
        }

        await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
    }

    /// <summary>Mends the line, has the page reconnect at once (as its "Prøv igen" does) and waits until it is connected.</summary>
    public async Task MendAsync(IPage page)
    {
        _cut = false;
        await _context.SetOfflineAsync(false);
        await page.EvaluateAsync("async () => { try { await Blazor.reconnect(); } catch { } }");
        await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
    }
}
