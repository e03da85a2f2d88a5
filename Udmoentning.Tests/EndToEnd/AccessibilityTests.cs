using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Plans;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// axe-core's WCAG 2.1 A and AA rules where the page tour (<see cref="PageTourOnSqliteTests"/>, every signed-in page and
/// the item dialog at 1440 and 390 px) does not go: signed out, without a role, a dialog and a preview, the public page.
/// </summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task TheSignInPageHasNoViolationOnAPhoneAndADesktop()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/konto/log-ind");
        await Axe.AssertNoViolationsOnPhoneAndDesktopAsync(page, "the sign-in page");
        await page.SetViewportSizeAsync(320, 700);
        var (pageWidth, window) = await ResponsiveLayoutTests.PageWidthAsync(page);
        Assert.True(pageWidth <= window, $"The sign-in page at 320 px is {pageWidth} px wide.");
        await context.CloseAsync();
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
        await Axe.AssertNoViolationsOnPhoneAndDesktopAsync(page, "the no-access page");
        foreach (var width in new[] { 320, 768, 1440 })
        {
            await page.SetViewportSizeAsync(width, 800);
            var (pageWidth, window) = await ResponsiveLayoutTests.PageWidthAsync(page);
            Assert.True(pageWidth <= window, $"'Ingen adgang' at {width} px is {pageWidth} px wide.");
        }

        await context.CloseAsync();
    }

    /// <summary>What the page tour does not open: a target's edit dialog and the preview of a workbook with bad rows.</summary>
    [Fact]
    public async Task ATargetsEditDialogAndTheImportPreviewHaveNoViolationOnAPhoneAndADesktop()
    {
        await using var viewer = await browser.OpenAsync(app, "/admin/planer/1", TestUsers.Coordinator, board: false);
        var page = viewer.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = $"Redigér: {Udmoentning.Web.Data.Sample.SamplePlanData.TargetName}" }).ClickAsync();
        await Expect(page.GetByLabel("Filtrér punkter")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsOnPhoneAndDesktopAsync(page, "a target's edit dialog");

        await viewer.GoToPageAsync("/admin/import");
        await viewer.ChooseWorkbookAsync(new FilePayload
        {
            Name = "plan.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = RealisticWorkbooks.NewPlan(withBadRows: true).ToBytes(),
        });
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Problemer i filen" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsOnPhoneAndDesktopAsync(page, "the import preview");
    }

    [Fact]
    public async Task ThePublicPlanPageHasNoViolationAtAnyImpactAndNoSidewaysScrollAt320768Or1440Pixels()
    {
        var administration = app.Services.GetRequiredService<PlanAdministration>();
        var plans = app.Services.GetRequiredService<PlanCache>();
        var administrator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator);
        var token = TestContext.Current.CancellationToken;
        var snapshot = (await plans.GetAsync(cancellationToken: token))!;
        var plan = snapshot.Plan;
        string[] names = [.. snapshot.Committees.Select(c => c.Name), .. Enum.GetValues<ItemStatus>().Select(s => s.Name())];
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
                await Axe.AssertNoViolationsAsync(page, "the public page");
                var (pageWidth, window) = await ResponsiveLayoutTests.PageWidthAsync(page);
                Assert.True(pageWidth <= window, $"The public plan at {width} px is {pageWidth} px wide.");
                await PageText.AssertWordsWholeAsync(page, names, $"the public plan at {width} px");
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
}
