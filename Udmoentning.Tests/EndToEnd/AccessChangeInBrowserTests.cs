using Microsoft.Playwright;
using Udmoentning.Domain.Access;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access.Account;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// Access taken away reaches pages that are already open, within the revalidation interval (one second here), without
/// the person signing in again: a demoted editor's board stops offering moves, a demoted administrator loses the users
/// page, a disabled user's board goes to the sign-in page and the account cannot sign in.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AccessChangeInBrowserTests(BrowserFixture browser, AccessChangeApp app) : IClassFixture<AccessChangeApp>
{
    [Fact]
    public async Task ADemotedEditorsOpenBoardStopsOfferingMoves()
    {
        await app.CreateUserAsync("board-editor", Role.Editor, "AU");
        await using var editor = await OpenAsync("board-editor", "/");
        await Expect(editor.Page.Locator("li.card[draggable=true]").First).ToBeVisibleAsync();
        await Expect(editor.Page.Locator("button.card-move").First).ToBeVisibleAsync();

        await app.AdministerAsync((admin, actor) => admin.AssignAsync(actor, "board-editor", Role.Reader, []));

        await Expect(editor.Page.Locator("button.card-move")).ToHaveCountAsync(0);
        await Expect(editor.Page.Locator("li.card[draggable=true]")).ToHaveCountAsync(0);
        await Expect(editor.Cards.First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ADemotedAdministratorLosesTheUsersPage()
    {
        await app.CreateUserAsync("second-admin", Role.Administrator);
        await using var administrator = await OpenAsync("second-admin", "/admin/brugere", board: false);
        await Expect(administrator.Page.GetByRole(AriaRole.Heading, new() { Name = "Brugere og roller" })).ToBeVisibleAsync();

        await app.AdministerAsync((admin, actor) => admin.AssignAsync(actor, "second-admin", Role.Coordinator, []));

        await Expect(administrator.Page.GetByRole(AriaRole.Heading, new() { Name = "Brugere og roller" })).ToHaveCountAsync(0);
        await Expect(administrator.Page.Locator("table.users")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ADisabledUsersOpenBoardGoesToSignInAndTheAccountCannotSignIn()
    {
        await app.CreateUserAsync("board-disabled", Role.Reader);
        await using var reader = await OpenAsync("board-disabled", "/");

        await app.AdministerAsync((admin, actor) => admin.DisableAsync(actor, "board-disabled"));

        await reader.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/konto/log-ind");
        await SubmitSignInAsync(reader.Page, "board-disabled");
        await Expect(reader.Page.Locator(".form-error")).ToHaveTextAsync(Login.Failed);
        Assert.Equal("/konto/log-ind", new Uri(reader.Page.Url).AbsolutePath);
    }

    [Fact]
    public async Task AnAdministratorDisablesAUserAfterConfirmingAndEnablesThemAgain()
    {
        await app.CreateUserAsync("ui-disabled", Role.Reader);
        await using var administrator = await browser.OpenAsync(app, "/admin/brugere", TestUsers.Administrator, board: false);
        var row = administrator.Page.Locator("tr").Filter(new() { HasText = "ui-disabled" });

        await row.GetByRole(AriaRole.Button, new() { Name = "Deaktivér ui-disabled" }).ClickAsync();
        await Expect(administrator.Dialog).ToContainTextAsync("kan ikke længere logge ind");
        await administrator.Dialog.GetByRole(AriaRole.Button, new() { Name = "Annullér" }).ClickAsync();
        await Expect(administrator.Dialog).ToHaveCountAsync(0);
        Assert.Null(await SignInAsync("ui-disabled"));

        await row.GetByRole(AriaRole.Button, new() { Name = "Deaktivér ui-disabled" }).ClickAsync();
        await administrator.Dialog.GetByRole(AriaRole.Button, new() { Name = "Deaktivér" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Deaktiveret");
        Assert.Equal(Login.Failed, await SignInAsync("ui-disabled"));

        await row.GetByRole(AriaRole.Button, new() { Name = "Genaktivér ui-disabled" }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Deaktivér ui-disabled" })).ToBeVisibleAsync();
        Assert.Null(await SignInAsync("ui-disabled"));
    }

    private async Task<string?> SignInAsync(string userName)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = app.BaseAddress };
        return await AccessChangeApp.SignInAsync(http, userName, AccessChangeApp.Password);
    }

    /// <summary>A new browser signed in through the sign-in form as a local account, on <paramref name="path"/> once its circuit is live.</summary>
    private async Task<Viewer> OpenAsync(string userName, string path, bool board = true)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "da-DK",
        });
        context.SetDefaultTimeout(BrowserFixture.TimeoutMs);
        var viewer = new Viewer(context, await context.NewPageAsync());
        await viewer.Page.GotoAsync($"/konto/log-ind?returnUrl={Uri.EscapeDataString(path)}");
        await SubmitSignInAsync(viewer.Page, userName);
        await viewer.Page.WaitForURLAsync(url => new Uri(url).PathAndQuery == path);
        if (board)
        {
            await viewer.WaitUntilInteractiveAsync();
        }
        else
        {
            await viewer.Page.Locator("[data-interactive=true]").WaitForAsync();
        }

        return viewer;
    }

    private static async Task SubmitSignInAsync(IPage page, string userName)
    {
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(AccessChangeApp.Password);
        await page.Locator("form.login-form button[type=submit]").ClickAsync();
    }
}
