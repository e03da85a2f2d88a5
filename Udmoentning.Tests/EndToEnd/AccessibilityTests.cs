using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Plans;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>axe-core's WCAG 2.1 A and AA rules on the pages people use in meetings; no serious or critical violation.</summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    private static readonly AxeRunOptions _wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task TheBoardMeetsWcag21AA()
    {
        await using var viewer = await browser.OpenAsync(app, "/", TestUsers.Coordinator);

        await AssertNoSeriousViolationsAsync(viewer.Page);
    }

    [Fact]
    public async Task ACommitteeViewWithFiltersMeetsWcag21AA()
    {
        await using var viewer = await browser.OpenAsync(app, "/udvalg/au?status=i-gang", TestUsers.Reader);

        await AssertNoSeriousViolationsAsync(viewer.Page);
    }

    [Fact]
    public async Task TheItemDialogMeetsWcag21AA()
    {
        await using var viewer = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        await viewer.Page.Locator("button.card-title").First.ClickAsync();
        await Expect(viewer.Dialog).ToBeVisibleAsync();

        await AssertNoSeriousViolationsAsync(viewer.Page);
    }

    [Fact]
    public async Task TheSignInAndChangesPagesMeetWcag21AA()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/konto/log-ind");
        await AssertNoSeriousViolationsAsync(page);
        await context.CloseAsync();

        await using var viewer = await browser.OpenAsync(app, "/", TestUsers.Reader);
        await viewer.Page.GotoAsync("/aendringer");
        await Expect(viewer.Page.Locator("h1")).ToContainTextAsync("Ændringer siden");
        await Expect(viewer.Page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await AssertNoSeriousViolationsAsync(viewer.Page);
    }

    [Fact]
    public async Task TheNoAccessPageMeetsWcag21AA()
    {
        const string UserName = "a11y-uden-rolle", Password = "en-lang-adgangskode-til-test";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
            Assert.True((await users.CreateAsync(new PlanUser { UserName = UserName, DisplayName = "Ulla Uden Rolle" }, Password)).Succeeded);
        }

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/konto/log-ind");
        await page.Locator("#username").FillAsync(UserName);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("form.login-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/konto/ingen-adgang");
        await Expect(page.Locator("h1")).ToContainTextAsync("Ingen adgang");

        // A short page (a heading, two paragraphs and a button) gives axe fewer rules to apply than the board.
        await AssertNoSeriousViolationsAsync(page, anyImpact: true, fewestPasses: 8);
        foreach (var width in new[] { 320, 768, 1440 })
        {
            await page.SetViewportSizeAsync(width, 800);
            var (pageWidth, window) = await ResponsiveLayoutTests.PageWidthAsync(page);
            Assert.True(pageWidth <= window, $"'Ingen adgang' at {width} px is {pageWidth} px wide.");
        }

        await context.CloseAsync();
    }

    [Fact]
    public async Task TheAdministrationPagesAndTheImportPreviewMeetWcag21AAWithoutAnyViolation()
    {
        await using var viewer = await browser.OpenAsync(app, "/admin/planer", TestUsers.Coordinator, board: false);
        var page = viewer.Page;
        await Expect(page.Locator("h1")).ToHaveTextAsync("Planer");
        await AssertNoSeriousViolationsAsync(page, anyImpact: true);

        await viewer.GoToPageAsync("/admin/planer/1");
        await Expect(page.GetByLabel("Navn på hovedpunkt 1")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, anyImpact: true);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Redigér: {Udmoentning.Web.Data.Sample.SamplePlanData.TargetName}" }).ClickAsync();
        await Expect(page.GetByLabel("Filtrér punkter")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, anyImpact: true);

        await viewer.GoToPageAsync("/admin/udvalg");
        await Expect(page.Locator("h2", new() { HasText = "Møder i" })).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, anyImpact: true);

        await viewer.GoToPageAsync("/admin/import");
        await viewer.ChooseWorkbookAsync(new FilePayload
        {
            Name = "plan.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = RealisticWorkbooks.NewPlan(withBadRows: true).ToBytes(),
        });
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Problemer i filen" })).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, anyImpact: true);
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1440)]
    public async Task TheMeetingArbejdsplanAndAnnexPagesHaveNoViolationAtAnyImpactOnAPhoneAndADesktop(int width)
    {
        await using var viewer = await browser.OpenAsync(app, "/udvalg/au/arbejdsplan", TestUsers.Coordinator, board: false);
        await viewer.Page.SetViewportSizeAsync(width, 900);
        await Expect(viewer.Page.Locator("h1")).ToContainTextAsync("Arbejdsplan");
        await AssertNoSeriousViolationsAsync(viewer.Page, anyImpact: true);

        await viewer.GoToPageAsync("/moede/au");
        await Expect(viewer.Page.Locator("h1")).ToContainTextAsync("Arbejdsmarkedsudvalget");
        await AssertNoSeriousViolationsAsync(viewer.Page, anyImpact: true);

        await viewer.Page.GotoAsync("/udvalg/au/bilag");
        await Expect(viewer.Page.Locator("h1")).ToContainTextAsync("Arbejdsmarkedsudvalget");
        await AssertNoSeriousViolationsAsync(viewer.Page, anyImpact: true);
    }

    [Fact]
    public async Task ThePublicPlanPageHasNoViolationAtAnyImpactAndNoSidewaysScrollAt320768Or1440Pixels()
    {
        var administration = app.Services.GetRequiredService<PlanAdministration>();
        var plans = app.Services.GetRequiredService<PlanCache>();
        var administrator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator);
        var token = TestContext.Current.CancellationToken;
        var plan = (await plans.GetAsync(cancellationToken: token))!.Plan;
        Assert.True((await administration.SetPublicAsync(administrator, plan.Id, plan.Version, true, token)).Succeeded);
        try
        {
            // Anonymous: a context that never signed in.
            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "da-DK" });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/" + PlanLinks.Public(plan.Id));
            await Expect(page.Locator("h1")).ToHaveTextAsync(plan.Name);
            foreach (var width in new[] { 320, 768, 1440 })
            {
                await page.SetViewportSizeAsync(width, 900);
                await AssertNoSeriousViolationsAsync(page, anyImpact: true);
                var (pageWidth, window) = await ResponsiveLayoutTests.PageWidthAsync(page);
                Assert.True(pageWidth <= window, $"The public plan at {width} px is {pageWidth} px wide.");
            }

            await context.CloseAsync();
        }
        finally
        {
            // The app is shared with other tests: the plan goes back to having no public page.
            var now = (await plans.GetAsync(plan.Id, token))!.Plan;
            Assert.True((await administration.SetPublicAsync(administrator, plan.Id, now.Version, false, token)).Succeeded);
        }
    }

    /// <param name="fewestPasses">How many of axe's rules must have found something to check: a page that did not render passes nothing.</param>
    internal static async Task AssertNoSeriousViolationsAsync(IPage page, bool anyImpact = false, int fewestPasses = 11)
    {
        // A message fading in or out is measured at part of its opacity: wait until every one shown is fully there (or gone).
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-snackbar')].every(s => getComputedStyle(s).opacity === '1')");
        var result = await page.RunAxe(_wcag21AA);
        Assert.True(result.Passes.Length >= fewestPasses, $"axe checked too little ({result.Passes.Length} rules passed): did the page render?");
        var serious = result.Violations.Where(v => anyImpact || v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
    }
}
