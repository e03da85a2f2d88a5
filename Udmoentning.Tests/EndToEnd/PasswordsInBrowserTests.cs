using Microsoft.Playwright;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access.Account;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// An administrator creates a user without typing a password, copies the one-time link shown once, and the user chooses
/// a password through it and signs in with it; the emptied form shows no validation messages; a lockout shows in the
/// list and is lifted with the keyboard. The pages on the way pass
/// axe-core's WCAG 2.1 AA rules.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PasswordsInBrowserTests(BrowserFixture browser, PasswordApp app) : IClassFixture<PasswordApp>
{
    /// <summary>Set to a folder to keep 1440 px screenshots of the password pages (for a look at them, not an assertion).</summary>
    private static readonly string? _screenshots = System.Environment.GetEnvironmentVariable("UDM_SCREENSHOTS");

    [Fact]
    public async Task AUserChoosesTheFirstPasswordThroughTheOneTimeLinkAndSignsInWithIt()
    {
        const string password = "grøn tekande på loftet";
        await using var administrator = await browser.OpenAsync(app, "/admin/brugere", TestUsers.Administrator, board: false);
        var form = administrator.Page.Locator(".new-user");
        await form.GetByLabel("Brugernavn").FillAsync("e2e-link");
        await form.GetByLabel("Navn", new() { Exact = true }).FillAsync("Erna Engangslink");
        await form.GetByRole(AriaRole.Button, new() { Name = "Opret" }).ClickAsync();

        await Expect(administrator.Snackbar).ToContainTextAsync("e2e-link er oprettet.");
        var shown = administrator.Page.Locator(".password-link");
        await Expect(shown).ToContainTextAsync("Engangslink til e2e-link");
        await Expect(shown.GetByRole(AriaRole.Button, new() { Name = "Kopiér" })).ToBeVisibleAsync();
        var link = await administrator.Page.Locator("#password-link").InputValueAsync();
        Assert.StartsWith(app.BaseAddress.ToString(), link);
        await administrator.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await shown.GetByRole(AriaRole.Button, new() { Name = "Kopiér" }).ClickAsync();
        await Expect(administrator.Snackbar.Filter(new() { HasText = "Linket er kopieret." })).ToBeVisibleAsync();
        Assert.Equal(link, await administrator.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await Expect(form.GetByLabel("Brugernavn")).ToHaveValueAsync(string.Empty);
        await Expect(form.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await Expect(form).Not.ToContainTextAsync("Required");
        await Expect(administrator.Page.Locator("table.users tr").Filter(new() { HasText = "e2e-link" })).ToContainTextAsync("Venter på første adgangskode");
        await ScreenshotAsync(administrator.Page, "admin-brugere");
        await Axe.AssertNoViolationsAsync(administrator.Page, "the users page with a one-time link");

        await using var user = await NewViewerAsync();
        await user.Page.GotoAsync(link);
        await Expect(user.Page.GetByRole(AriaRole.Heading, new() { Name = "Vælg din adgangskode" })).ToBeVisibleAsync();
        await Expect(user.Page.Locator("main")).ToContainTextAsync("Erna Engangslink");
        await ScreenshotAsync(user.Page, "konto-adgangskode");
        await Axe.AssertNoViolationsAsync(user.Page, fewestPasses: 5);
        await user.Page.GetByLabel("Ny adgangskode").FillAsync("aaaaaaaaaaaa");
        await user.Page.GetByLabel("Gentag adgangskoden").FillAsync("aaaaaaaaaaaa");
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Gem adgangskode" }).ClickAsync();
        await Expect(user.Page.Locator(".form-error")).ToContainTextAsync("Adgangskoden skal have mindst 6 forskellige tegn.");

        await user.Page.GetByLabel("Ny adgangskode").FillAsync(password);
        await user.Page.GetByLabel("Gentag adgangskoden").FillAsync(password);
        await user.Page.GetByLabel("Gentag adgangskoden").PressAsync("Enter");
        await user.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await user.WaitUntilInteractiveAsync();
        await Expect(user.Page.Locator(".user-box .user-name")).ToHaveTextAsync("Erna Engangslink");
        await ScreenshotAsync(user.Page, "tavle-med-brugerboks");

        await user.Page.GetByRole(AriaRole.Link, new() { Name = "Skift adgangskode" }).First.ClickAsync();
        await Expect(user.Page.GetByRole(AriaRole.Heading, new() { Name = "Skift adgangskode" })).ToBeVisibleAsync();
        await ScreenshotAsync(user.Page, "mig-adgangskode");
        await Axe.AssertNoViolationsAsync(user.Page, fewestPasses: 5);
        await user.Page.GotoAsync("/");
        await user.Page.Locator(".user-box.wide-only").GetByRole(AriaRole.Button, new() { Name = "Log ud" }).ClickAsync();
        await user.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/konto/log-ind");
        await user.Page.Locator("#username").FillAsync("e2e-link");
        await user.Page.Locator("#password").FillAsync(password);
        await user.Page.Locator("form.login-form button[type=submit]").ClickAsync();
        await user.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await user.WaitUntilInteractiveAsync();

        await using var again = await NewViewerAsync();
        await again.Page.GotoAsync(link);
        await Expect(again.Page.Locator(".form-error")).ToHaveTextAsync(Udmoentning.Web.Access.PasswordChanges.LinkNotValid);
        await Expect(again.Page.GetByLabel("Ny adgangskode")).ToHaveCountAsync(0);

        using (var http = app.NewBrowser())
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(Login.Failed, await AccessChangeApp.SignInAsync(http, "e2e-link", $"forkert gæt nummer {i}"));
            }
        }

        await administrator.GoToPageAsync("/admin/brugere");
        var row = administrator.Page.Locator("table.users tr").Filter(new() { HasText = "e2e-link" });
        await Expect(row).ToContainTextAsync("Spærret til");
        await Expect(administrator.Page.Locator("table.security-events")).ToContainTextAsync("Kontoen blev spærret efter for mange forkerte forsøg");
        await ScreenshotAsync(administrator.Page, "admin-brugere-spaerret");
        await row.GetByRole(AriaRole.Button, new() { Name = "Lås e2e-link op" }).FocusAsync();
        await administrator.Page.Keyboard.PressAsync("Enter");
        await Expect(administrator.Snackbar.Filter(new() { HasText = "e2e-link er låst op." })).ToBeVisibleAsync();
        await Expect(row).Not.ToContainTextAsync("Spærret til");
        using (var http = app.NewBrowser())
        {
            Assert.Null(await AccessChangeApp.SignInAsync(http, "e2e-link", password));
        }
    }

    private async Task<Viewer> NewViewerAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "da-DK",
        });
        context.SetDefaultTimeout(BrowserFixture.TimeoutMs);
        return new Viewer(context, await context.NewPageAsync(), app.Problems);
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (_screenshots is not null)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(_screenshots, $"{name}.png"), FullPage = true });
        }
    }
}
