using System.Text.Json;
using Microsoft.Playwright;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// axe-core's WCAG 2.1 A and AA rules, the one way the browser tests check a page's accessibility. axe is put into a page
/// once per document and asked for its violations only: the whole result (every node of every passed rule) is what made
/// a check of the board take seconds.
/// </summary>
internal static class Axe
{
    private static readonly Lazy<string> _script = new(() =>
    {
        var assembly = typeof(Deque.AxeCore.Commons.AxeRunOptions).Assembly;
        using var stream = assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe-core's script is not in Deque.AxeCore.Commons.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private const string Run = """
        async scope => {
            const result = await axe.run(scope ? document.querySelector(scope) : document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                resultTypes: ['violations'],
            });
            return JSON.stringify({
                passes: result.passes.length,
                violations: result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`),
            });
        }
        """;

    /// <summary>No violation at any impact on the page as it is now.</summary>
    /// <param name="where">Names the page and its state in the failure message.</param>
    /// <param name="scope">A CSS selector for the part to check (an open dialog), or the whole page.</param>
    /// <param name="fewestPasses">How many of axe's rules must have found something to check: a page that did not render passes nothing.</param>
    public static async Task AssertNoViolationsAsync(IPage page, string where = "", string? scope = null, int fewestPasses = 8)
    {
        // A message fading in or out is measured at part of its opacity: wait until every one shown is fully there (or gone).
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-snackbar')].every(s => getComputedStyle(s).opacity === '1')");
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(_script.Value);
        }

        using var result = JsonDocument.Parse(await page.EvaluateAsync<string>(Run, scope));
        var passes = result.RootElement.GetProperty("passes").GetInt32();
        var violations = result.RootElement.GetProperty("violations").EnumerateArray().Select(v => v.GetString()).ToList();
        var at = $"{where} at {page.ViewportSize?.Width} px".Trim();
        Assert.True(passes >= fewestPasses, $"axe checked too little on {at} ({passes} rules passed): did the page render?");
        Assert.True(violations.Count == 0, $"axe found violations on {at}:\n{string.Join("\n", violations)}");
    }

    /// <summary>No violation at a phone's width (390 px) and a desktop's (1440 px); the page is left at the width it had.</summary>
    public static async Task AssertNoViolationsOnPhoneAndDesktopAsync(IPage page, string where = "", string? scope = null, int fewestPasses = 8)
    {
        var before = page.ViewportSize ?? new PageViewportSizeResult { Width = 1440, Height = 900 };
        foreach (var width in (int[])[1440, 390])
        {
            await page.SetViewportSizeAsync(width, 900);
            await AssertNoViolationsAsync(page, where, scope, fewestPasses);
        }

        await page.SetViewportSizeAsync(before.Width, before.Height);
    }
}
