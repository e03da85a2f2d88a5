using Microsoft.Playwright;
using Udmoentning.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// Phones, tablets and desktops: no page needs horizontal page scrolling (WCAG 1.4.10), and the menu is reachable on a
/// phone. The signed-in pages are measured at every width by the page tour (<see cref="PageTourOnSqliteTests"/>), the
/// sign-in and public pages by <see cref="AccessibilityTests"/>.
/// </summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class ResponsiveLayoutTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task OnAPhoneTheTopBarCollapsesIntoAMenuThatReachesEveryPage()
    {
        await using var viewer = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        await viewer.Page.SetViewportSizeAsync(320, 700);
        var menu = viewer.Page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true });
        await Expect(menu).ToBeVisibleAsync();
        await Expect(viewer.Page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Oversigt" })).ToBeHiddenAsync();

        await menu.ClickAsync();
        await viewer.Page.GetByRole(AriaRole.Link, new() { Name = "Oversigt" }).ClickAsync();

        await Expect(viewer.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/oversigt$"));
        await Expect(viewer.Page.Locator("main h1")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task OnA1280PxScreenTheWholeTopBarFitsAndNarrowerItIsBehindTheMenuButton()
    {
        // The coordinator has the longest bar: the Administration menu and the longest name among the demo users.
        await using var viewer = await browser.OpenAsync(app, "/oversigt", TestUsers.Coordinator, board: false);
        var signOut = viewer.Page.Locator(".user-box.wide-only").GetByRole(AriaRole.Button, new() { Name = "Log ud" });
        foreach (var width in (int[])[1280, 1366, 1440, 1920])
        {
            await viewer.Page.SetViewportSizeAsync(width, 800);
            await Expect(signOut).ToBeVisibleAsync();
            var box = (await signOut.BoundingBoxAsync())!;
            Assert.True(box.X + box.Width <= width, $"At {width} px \"Log ud\" ends at {box.X + box.Width} px, off the screen.");
        }

        await viewer.Page.SetViewportSizeAsync(1279, 800);
        await Expect(viewer.Page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true })).ToBeVisibleAsync();
        await Expect(signOut).ToBeHiddenAsync();
    }

    internal static async Task<(int Page, int Window)> PageWidthAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }
}
