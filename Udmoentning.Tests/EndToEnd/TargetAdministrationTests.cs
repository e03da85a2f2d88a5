using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data.Sample;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>A coordinator keeps the plan's targets on its administration page; an open board hears each change.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class TargetAdministrationTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task ACoordinatorAddsATargetAndEditsItsAmountsAndItemsAndAnOpenBoardReloads()
    {
        await using var board = await browser.OpenAsync(app, "/", TestUsers.Reader);
        await using var coordinator = await browser.OpenAsync(app, "/admin/planer/1", TestUsers.Coordinator, board: false);
        var page = coordinator.Page;
        await page.SetViewportSizeAsync(768, 900);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mål", Exact = true })).ToBeVisibleAsync();

        await page.GetByLabel("Nyt mål").FillAsync("Anlægsbesparelse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj mål" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anlægsbesparelse" })).ToBeVisibleAsync();
        await Expect(board.Announcer).ToContainTextAsync("Målet \"Anlægsbesparelse\" er tilføjet.");

        // The form opened for the new target: amounts in the one amount grammar, errors next to the field.
        var amount2026 = page.GetByLabel("Beløb 2026 (1.000 kr.)");
        await amount2026.FillAsync("12,5");
        await amount2026.BlurAsync();
        await Expect(page.GetByText("er ikke et helt", new() { Exact = false }).First).ToBeVisibleAsync();
        await amount2026.FillAsync("-2.500");
        await page.GetByLabel("Beløb 2027 (1.000 kr.)").FillAsync("(3 000)");

        var extra = SamplePlanData.Items.First(i => i.Kind != ItemKind.FiscalLeewayProposal && i.Effects[1] != 0);
        // A filter that matches nothing says so, in words and to a screen reader.
        var shown = page.Locator(".target-form [role=status]");
        await page.GetByLabel("Filtrér punkter").FillAsync("findes-ikke");
        await Expect(page.GetByText("Ingen punkter passer til filteret \"findes-ikke\".")).ToBeVisibleAsync();
        await Expect(shown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^0 af \d+ punkter vist$"));
        await page.GetByLabel("Filtrér punkter").FillAsync(extra.Code);
        // The filter applies when typing pauses, and the list then closes up under the pointer: as a person would, wait
        // for it before ticking (a click in that moment landed on another row once, and the box stayed unticked). The
        // item's row first: until the filter applies, the list is the empty one of the filter before, which has no other
        // rows either (the count below was once read from it: 0).
        var checkbox = page.GetByRole(AriaRole.Checkbox, new() { Name = $"{extra.Code} {extra.Title}" });
        await Expect(checkbox).ToBeVisibleAsync();
        await Expect(page.Locator(".target-item").Filter(new() { HasNotText = extra.Code })).ToHaveCountAsync(0);
        await Expect(shown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($@"^{await page.Locator(".target-item").CountAsync()} af \d+ punkter vist$"));
        await Expect(checkbox).Not.ToBeCheckedAsync();
        await checkbox.CheckAsync();
        foreach (var width in new[] { 320, 1440, 768 })
        {
            await page.SetViewportSizeAsync(width, 900);
            Assert.False(await ScrollsSidewaysAsync(page), $"The open target form scrolls sideways at {width} px.");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Gem mål" }).ClickAsync();

        await Expect(coordinator.Snackbar.Filter(new() { HasText = "Målet \"Anlægsbesparelse\" er gemt." })).ToBeVisibleAsync();
        await Expect(board.Announcer).ToContainTextAsync("Målet \"Anlægsbesparelse\" er ændret.");
        var table = page.GetByRole(AriaRole.Region, new() { Name = "Målet Anlægsbesparelse pr. budgetår, kan rulles vandret" });
        var planned2026 = SamplePlanData.Items.Where(i => i.Kind == ItemKind.FiscalLeewayProposal).Sum(i => i.Effects[1]) + extra.Effects[1];
        var row2026 = table.GetByRole(AriaRole.Row).Filter(new() { HasText = "2026" }).Locator("td");
        await Expect(row2026.Nth(0)).ToHaveTextAsync("-2.500");
        await Expect(row2026.Nth(1)).ToHaveTextAsync(Amounts.Format(planned2026));
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "2027" }).Locator("td").Nth(0)).ToHaveTextAsync("-3.000");
        Assert.False(await ScrollsSidewaysAsync(page));
    }

    [Fact]
    public async Task TheCommitteeViewShowsTheCommitteesOwnSavingsAndExpansionsPerYear()
    {
        await using var viewer = await browser.OpenAsync(app, "/udvalg/au", TestUsers.Reader);
        await viewer.Page.SetViewportSizeAsync(320, 800);
        var economy = viewer.Page.GetByRole(AriaRole.Region, new() { Name = "Udvalgets økonomi, kan rulles vandret" });
        var snapshot = (await app.Services.GetRequiredService<Udmoentning.Web.Plans.PlanCache>().GetAsync(cancellationToken: TestContext.Current.CancellationToken))!;
        var extract = Udmoentning.Domain.Rules.CommitteeExtract.For(snapshot.CommitteeBySlug("au")!, snapshot.Items).ToList();
        var years = snapshot.Plan.BudgetYears.ToList();
        var savings = economy.GetByRole(AriaRole.Row).Filter(new() { HasText = "Besparelser" }).Locator("td");
        var expansions = economy.GetByRole(AriaRole.Row).Filter(new() { HasText = "Udvidelser" }).Locator("td");
        await Expect(savings).ToHaveTextAsync([.. years.Select(y => Amounts.Format(extract.Sum(i => Math.Min(0, i.EffectIn(y)))))]);
        await Expect(expansions).ToHaveTextAsync([.. years.Select(y => Amounts.Format(extract.Sum(i => Math.Max(0, i.EffectIn(y)))))]);
        Assert.Contains(years, y => extract.Any(i => i.EffectIn(y) < 0));
        Assert.False(await ScrollsSidewaysAsync(viewer.Page));
    }

    private static Task<bool> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
}
