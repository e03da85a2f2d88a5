using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data.Sample;
using Udmoentning.Web.Plans;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>The economy page: the board's numbers, the targets live, drill-down by keyboard, and WCAG 2.1 AA.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class EconomyTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    private static readonly CultureInfo _danish = CultureInfo.GetCultureInfo("da-DK");

    [Theory]
    [InlineData(null)]
    [InlineData("au")]
    public async Task TheTotalsPerYearAreTheBoardsSummaryAndPlanTotalsOverTheStoredItems(string? committee)
    {
        var plan = await app.Services.GetRequiredService<PlanReader>().CurrentAsync(TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("The sample plan is missing.");
        var years = plan.Plan.BudgetYears.ToList();
        var items = committee is null ? plan.Items : CommitteeExtract.For(plan.CommitteeBySlug(committee)!, plan.Items).ToList();
        var expected = PlanTotals.PerYear(items, years);

        await using var viewer = await browser.OpenAsync(app, committee is null ? "/" : $"/udvalg/{committee}", TestUsers.Reader);
        var board = new List<string>();
        foreach (var year in years)
        {
            board.Add(Amount(await viewer.Page.Locator(".board-summary .total").Filter(new() { HasText = year.ToString(CultureInfo.InvariantCulture) }).InnerTextAsync(), year));
        }

        await viewer.GoToPageAsync(committee is null ? "/oekonomi" : $"/udvalg/{committee}/oekonomi");
        foreach (var table in new[] { "per-theme", "per-committee", "per-kind" })
        {
            var totals = viewer.Page.Locator($"#{table} tfoot td");
            await Expect(totals).ToHaveTextAsync([.. years.Select(y => expected[y].ToString("N0", _danish))]);
        }

        Assert.Equal([.. years.Select(y => expected[y].ToString("N0", _danish))], board);

        // The status chart's table has the same numbers as the plan: items per status in the first theme.
        var firstTheme = plan.Themes.OrderBy(t => t.Position).First(t => items.Any(i => i.ThemeId == t.Id));
        var row = viewer.Page.Locator("#chart-status table tbody tr").First;
        await Expect(row.Locator("td")).ToHaveTextAsync(
            [.. Enum.GetValues<ItemStatus>().Select(s => items.Count(i => i.ThemeId == firstTheme.Id && i.Status == s).ToString(_danish))]);
        await Expect(viewer.Page.Locator("#chart-status .chart-picture[aria-hidden=true] svg").First).ToBeAttachedAsync();
    }

    [Fact]
    public async Task ACountedCardMovedToCompletedOnTheBoardIsRealisedOnTheEconomyPageInAnotherBrowser()
    {
        const string Code = "ØU-R1";
        var plan = await app.Services.GetRequiredService<PlanReader>().CurrentAsync(TestContext.Current.CancellationToken) ?? throw new InvalidOperationException();
        var target = plan.Targets.Single(t => t.Name == SamplePlanData.TargetName);
        var item = plan.Items.Single(i => i.Code == Code);
        Assert.True(target.Counts(item.Id));
        var before = TargetProgress.Of(target, plan.Items, plan.Plan.BudgetYears).In(2026)!;

        await using var b = await browser.OpenAsync(app, "/oekonomi", TestUsers.Reader, board: false);
        var realised = b.Page.Locator($"table[data-target='{target.Id}'] tr[data-year='2026'] td.realised");
        await Expect(realised).ToHaveTextAsync(before.Realised.ToString("N0", _danish));
        await b.Page.EvaluateAsync("() => window.__marker = 1");

        await using var a = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        await a.Page.GetByRole(AriaRole.Button, new() { Name = $"Flyt {Code} til…", Exact = true }).FocusAsync();
        await a.Page.Keyboard.PressAsync("Enter");
        await Expect(a.Dialog).ToBeVisibleAsync();
        await a.PressInDialogAsync(a.Dialog.GetByRole(AriaRole.Button, new() { Name = "Afsluttet", Exact = true }));
        await Expect(a.CardIn(a.LaneOf(Code), ItemStatus.Completed, Code)).ToBeVisibleAsync();

        var after = before.Realised + item.EffectIn(2026);
        await Expect(realised).ToHaveTextAsync(after.ToString("N0", _danish));
        await Expect(b.Page.Locator("#board-announcer")).ToContainTextAsync("Tallene er opdateret.");
        var chartRealised = b.Page.Locator($"#chart-target-{target.Id} tbody tr").Filter(new() { HasText = "2026" }).Locator("td").Nth(2);
        await Expect(chartRealised).ToHaveTextAsync(Math.Abs(after).ToString("N0", _danish));
        Assert.Equal(1, await b.Page.EvaluateAsync<int?>("() => window.__marker ?? null"));
    }

    [Fact]
    public async Task AThemeRowOpensToItsItemsByKeyboard()
    {
        var plan = await app.Services.GetRequiredService<PlanReader>().CurrentAsync(TestContext.Current.CancellationToken) ?? throw new InvalidOperationException();
        var theme = plan.Themes.OrderBy(t => t.Position).First();
        var codes = plan.Items.Where(i => i.ThemeId == theme.Id).Select(i => i.Code).ToHashSet();

        await using var viewer = await browser.OpenAsync(app, "/oekonomi", TestUsers.Reader, board: false);
        var toggle = viewer.Page.Locator($"#per-theme tr[data-group='tema-{theme.Id}'] button.drill");
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await toggle.FocusAsync();
        await viewer.Page.Keyboard.PressAsync("Enter");

        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        var rows = viewer.Page.Locator($"#per-theme-tema-{theme.Id} tr[data-code]");
        await Expect(rows).ToHaveCountAsync(codes.Count);
        Assert.Equal(codes, (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)")).ToHashSet());
        await Expect(toggle).ToBeFocusedAsync();

        await viewer.Page.Keyboard.PressAsync("Space");
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(rows).ToHaveCountAsync(0);
    }

    /// <summary>"2026 -1.250" → "-1.250", as the board's summary writes a year's total.</summary>
    private static string Amount(string text, int year) =>
        text.Replace(year.ToString(CultureInfo.InvariantCulture), string.Empty, StringComparison.Ordinal).Trim();
}
