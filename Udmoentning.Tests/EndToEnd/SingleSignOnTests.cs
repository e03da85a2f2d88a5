using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Data;
using Udmoentning.Web.Data.Sample;
using Udmoentning.Web.Realtime;
using static Microsoft.Playwright.Assertions;
using ProviderUser = Udmoentning.Tests.Support.TestIdentityProvider.User;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>The app and a real OpenID Connect provider, both on 127.0.0.1; the app's groups mapping comes from the provider's settings.</summary>
public sealed class SingleSignOnApp : IAsyncLifetime
{
    public TestIdentityProvider Provider { get; private set; } = null!;

    public LiveApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync();
        App = new LiveApp { Settings = Provider.AppSettings };
        await App.InitializeAsync();
        Provider.RedirectUri = App.Url("/signin-oidc");

        // The first request to each host compiles its pipeline: done here, not inside a test's 10-second waits.
        using var http = new HttpClient();
        await http.GetAsync(new Uri(Provider.Authority, ".well-known/openid-configuration"));
        await http.GetAsync(App.Url("/konto/log-ind"));
    }

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncDisposable)App).DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>
/// Signing in through the organisation's identity provider, in Chromium, with the authorization code flow and PKCE:
/// the provider's groups decide the role and committees, a user in no mapped group sees nothing, and signing out ends it.
/// </summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class SingleSignOnTests(BrowserFixture browser, SingleSignOnApp sso) : IClassFixture<SingleSignOnApp>
{
    private LiveApp App => sso.App;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACoordinatorFromTheProviderCanMoveACardAndTheHistoryNamesTheStableId()
    {
        var code = SamplePlanData.Items.First(i => i.Status == ItemStatus.NotStarted && i.Committee == "BUU" && !i.CrossCutting).Code;
        await using var viewer = await SignInAsync("/", TestIdentityProvider.Coordinator);
        await viewer.WaitUntilInteractiveAsync();
        await Expect(viewer.Page.Locator(".user-box").First).ToContainTextAsync("Karin Koordinator (IdP) · Koordinator");

        await MoveRightAsync(viewer, code);

        Assert.Equal(ItemStatus.InProgress, await App.StatusOfAsync(code));
        var (userId, userName) = await LastChangeByAsync(code);
        Assert.Equal("oidc:k-1001", userId);
        Assert.Equal("Karin Koordinator (IdP)", userName);
        Assert.Equal("Coordinator;", await StoredAccessAsync("oidc:k-1001"));
    }

    [Fact]
    public async Task AnEditorGroupIsMappedToItsCommittee()
    {
        var code = SamplePlanData.Items.First(i => i.Status == ItemStatus.NotStarted && i.Committee == "AU" && !i.CrossCutting).Code;
        await using var viewer = await SignInAsync("/", TestIdentityProvider.EditorAu);
        await viewer.WaitUntilInteractiveAsync();
        await Expect(viewer.Page.Locator(".user-box").First).ToContainTextAsync("Rasmus Redaktør (IdP) · Redaktør");

        await MoveRightAsync(viewer, code);

        Assert.Equal(ItemStatus.InProgress, await App.StatusOfAsync(code));
        Assert.Equal("Editor;AU", await StoredAccessAsync("oidc:r-2002"));
    }

    [Fact]
    public async Task AUserInNoMappedGroupIsToldThereIsNoAccessAndSeesNothingOfThePlan()
    {
        await using var viewer = await SignInAsync("/", TestIdentityProvider.Guest);
        var page = viewer.Page;

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/konto/ingen-adgang"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ingen adgang" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Du er logget ind som Gæst Gæstesen (gaest@partner.test)");
        await Expect(page.Locator("main")).ToContainTextAsync("Bed en administrator om at give dig en rolle");
        await Expect(viewer.Cards).ToHaveCountAsync(0);

        // Not by another way in either: the board, the hub and a download.
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ingen adgang" })).ToBeVisibleAsync();
        await Expect(viewer.Cards).ToHaveCountAsync(0);
        var hub = await page.APIRequest.PostAsync(App.Url(PlanHub.Path + "/negotiate?negotiateVersion=1").ToString());
        var download = await page.APIRequest.GetAsync(App.Url($"/plan/{await PlanIdAsync()}/eksport.xlsx").ToString(), new() { MaxRedirects = 0 });
        Assert.Equal((int)HttpStatusCode.Forbidden, hub.Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, download.Status);
        Assert.Equal(";", await StoredAccessAsync("oidc:g-3003"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/konto/log-ind$"));
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        await using var viewer = await SignInAsync("/", TestIdentityProvider.Coordinator);
        await viewer.WaitUntilInteractiveAsync();

        await viewer.Page.Locator(".user-box.wide-only").GetByRole(AriaRole.Button, new() { Name = "Log ud" }).ClickAsync();
        await Expect(viewer.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/konto/log-ind$"));

        await viewer.Page.GotoAsync("/");
        await Expect(viewer.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/konto/log-ind\\?"));
        await Expect(viewer.Page.GetByRole(AriaRole.Heading, new() { Name = "Log ind", Exact = true })).ToBeVisibleAsync();
        await Expect(viewer.Cards).ToHaveCountAsync(0);
        var hub = await viewer.Page.APIRequest.PostAsync(App.Url(PlanHub.Path + "/negotiate?negotiateVersion=1").ToString());
        Assert.Equal((int)HttpStatusCode.Unauthorized, hub.Status);
    }

    [Fact]
    public async Task AfterSingleSignOnAReturnUrlWithATabStaysOnThisSite()
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.RouteAsync("**/*", route => new Uri(route.Request.Url).Host == "evil.example"
            ? route.FulfillAsync(new() { Body = "Ondsindet side", ContentType = "text/plain" })
            : route.ContinueAsync());
        await using var viewer = new Viewer(context, page);

        await page.GotoAsync("/konto/log-ind-ekstern?returnUrl=/%09/evil.example");
        await SignInAtProviderAsync(page, TestIdentityProvider.Coordinator);

        await page.WaitForURLAsync(url => new Uri(url) is { Host: "evil.example" } or { AbsolutePath: "/" });
        Assert.Equal(App.BaseAddress.Authority, new Uri(page.Url).Authority);
        await viewer.WaitUntilInteractiveAsync();
    }

    /// <summary>Opens <paramref name="path"/> signed out, chooses the organisation's account and signs in at the provider.</summary>
    private async Task<Viewer> SignInAsync(string path, ProviderUser user)
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/konto/log-ind\\?"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Log ind med organisationens konto" }).ClickAsync();
        await SignInAtProviderAsync(page, user);
        await page.WaitForURLAsync(url => new Uri(url).Authority == App.BaseAddress.Authority && !url.Contains("/signin-oidc", StringComparison.Ordinal));
        return new Viewer(context, page);
    }

    private async Task SignInAtProviderAsync(IPage page, ProviderUser user)
    {
        await page.WaitForURLAsync(url => new Uri(url).Authority == sso.Provider.Authority.Authority);
        await page.GetByLabel("Brugernavn").FillAsync(user.UserName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind hos Test-IdP" }).ClickAsync();
    }

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "da-DK",
        });
        context.SetDefaultTimeout(BrowserFixture.TimeoutMs);
        return context;
    }

    private static async Task MoveRightAsync(Viewer viewer, string code)
    {
        var lane = viewer.LaneOf(code);
        await viewer.CardIn(lane, ItemStatus.NotStarted, code).Locator("button.card-title").FocusAsync();
        await viewer.Page.Keyboard.PressAsync("Control+ArrowRight");
        await Expect(viewer.CardIn(lane, ItemStatus.InProgress, code)).ToBeVisibleAsync();
        await Expect(viewer.Announcer).ToHaveTextAsync($"{code} flyttet til I gang.");
    }

    private async Task<(string UserId, string UserName)> LastChangeByAsync(string code)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        var entry = await db.History.Where(h => h.ItemCode == code).OrderByDescending(h => h.Id).FirstAsync(Token);
        return (entry.UserId, entry.UserName);
    }

    private async Task<int> PlanIdAsync()
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        return await db.Plans.Select(p => p.Id).FirstAsync(Token);
    }

    /// <summary>The user's roles and committees in the Identity tables ("roles;committees"), where the services read the current rights.</summary>
    private async Task<string> StoredAccessAsync(string id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
        var user = await users.FindByIdAsync(id) ?? throw new InvalidOperationException($"No user {id}.");
        var committees = (await users.GetClaimsAsync(user)).Where(c => c.Type == AccessClaims.Committee).Select(c => c.Value);
        return $"{string.Join(",", await users.GetRolesAsync(user))};{string.Join(",", committees)}";
    }
}
