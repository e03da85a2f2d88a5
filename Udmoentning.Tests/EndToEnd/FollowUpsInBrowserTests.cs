using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Economy.FollowUps;
using Udmoentning.Web.Plans;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>A coordinator takes a follow-up snapshot in the browser; after a move on the board the comparison with now shows exactly that move, in the page and in the exported workbook.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class FollowUpsInBrowserTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task ASnapshotTakenThenAMoveMadeComparesWithNowAsExactlyThatMoveOnThePageAndInTheWorkbook()
    {
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: TestContext.Current.CancellationToken))!;
        await using var viewer = await browser.OpenAsync(app, $"/plan/{plan.Plan.Id}/opfoelgninger", TestUsers.Coordinator, board: false);
        var page = viewer.Page;
        await Expect(page.Locator("h1")).ToHaveTextAsync("Opfølgninger");
        await Expect(page.GetByText("Der er endnu ingen øjebliksbilleder af denne plan.")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);

        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync("Budgetopfølgning pr. 31. marts 2026");
        await page.GetByLabel("Pr. dato").FillAsync("31-03-2026");
        await page.GetByLabel("Pr. dato").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tag øjebliksbillede" }).ClickAsync();
        var list = page.Locator("table.followup-list tbody tr");
        await Expect(list).ToHaveCountAsync(1);
        await Expect(list.First).ToContainTextAsync("Budgetopfølgning pr. 31. marts 2026");
        await Expect(list.First).ToContainTextAsync("Karin Koordinator");

        var item = plan.Items.First(i => i.Status == ItemStatus.NotStarted);
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var moved = await app.Services.GetRequiredService<PlanItemService>().MoveAsync(coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), TestContext.Current.CancellationToken);
        Assert.True(moved.Succeeded, moved.Message);

        await page.GetByLabel("Fra", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Budgetopfølgning pr. 31. marts 2026" });
        await page.GetByLabel("Til", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Nu" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sammenlign", Exact = true }).ClickAsync();
        var rows = page.Locator("table.followup-items tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.Locator("table.followup-items")).ToHaveAttributeAsync("data-section", "Ændrede punkter");
        Assert.Equal([item.Code, item.Title, "Status", "Ikke påbegyndt", "I gang"],
            (await rows.First.Locator("th, td").AllInnerTextsAsync()).Where((_, i) => i != 2).Select(t => t.Trim()));
        await Axe.AssertNoViolationsAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByText("Eksportér sammenligningen til Excel").ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
        copy.Position = 0;
        var sheet = copy.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().Skip(FollowUpWorkbook.TitleLineCount + 1).ToList();
        var itemRows = sheet.Where(r => r["A"] is string section && section != FollowUpWorkbook.TotalSection && section != FollowUpWorkbook.TargetSection).ToList();
        var only = Assert.Single(itemRows);
        Assert.Equal([FollowUpWorkbook.ChangedSection, item.Code, "Status", "Ikke påbegyndt", "I gang"], new[] { "A", "B", "E", "F", "G" }.Select(c => only[c]?.ToString()));

        foreach (var width in new[] { 320, 768, 1440 })
        {
            await page.SetViewportSizeAsync(width, 900);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            Assert.True(widths[0] <= widths[1], $"At {width} px the page scrolls sideways ({widths[0]} > {widths[1]}).");
        }
    }
}
