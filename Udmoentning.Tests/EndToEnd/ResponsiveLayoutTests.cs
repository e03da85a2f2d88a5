using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Plans;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// Phones, tablets and desktops: no page needs horizontal page scrolling (WCAG 1.4.10), and the menu is reachable on a
/// phone. The signed-in pages are measured at every width by the page tour (<see cref="PageTourOnSqliteTests"/>); these
/// are the pages it does not open.
/// </summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class ResponsiveLayoutTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    /// <summary>The committee and status names, the long Danish words the pages show most.</summary>
    private async Task<IReadOnlyList<string>> NamesAsync()
    {
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: TestContext.Current.CancellationToken))!;
        return [.. plan.Committees.Select(c => c.Name), .. Enum.GetValues<ItemStatus>().Select(s => s.Name())];
    }

    [Fact]
    public async Task TheAgendaAnnexSignInAndUserPagesDoNotScrollSideways()
    {
        // The public page too, once an administrator has opened it.
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: TestContext.Current.CancellationToken))!;
        var administrator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator);
        Assert.True((await app.Services.GetRequiredService<Udmoentning.Web.Administration.PlanAdministration>()
            .SetPublicAsync(administrator, plan.Plan.Id, plan.Plan.Version, true, TestContext.Current.CancellationToken)).Succeeded);
        await using var viewer = await browser.OpenAsync(app, "/admin/brugere", TestUsers.Administrator, board: false);
        var names = await NamesAsync();
        foreach (var path in new[] { "/admin/brugere", "/udvalg/au/bilag", "/" + PlanLinks.Public(plan.Plan.Id) })
        {
            await viewer.Page.GotoAsync(path);
            foreach (var width in new[] { 320, 768, 1440 })
            {
                await viewer.Page.SetViewportSizeAsync(width, 900);
                await Expect(viewer.Page.Locator("h1").First).ToBeVisibleAsync();
                var (page, window) = await PageWidthAsync(viewer.Page);
                Assert.True(page <= window, $"{path} at {width} px is {page} px wide.");
                await PageText.AssertWordsWholeAsync(viewer.Page, names, $"{path} at {width} px");
            }
        }

        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = 320, Height = 700 } });
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/konto/log-ind");
        await Expect(signIn.Locator("h1").First).ToBeVisibleAsync();
        var widths = await PageWidthAsync(signIn);
        Assert.True(widths.Page <= widths.Window, $"The sign-in page at 320 px is {widths.Page} px wide.");
        await context.CloseAsync();
    }

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

    internal static async Task<(int Page, int Window)> PageWidthAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }
}
