using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Udmoentning.Domain.Access;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;

namespace Udmoentning.Tests.Access;

/// <summary>Where signing in sends a user afterwards: always a page of this site, whatever a link smuggles into returnUrl.</summary>
public sealed partial class ReturnUrlTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string LocalUser = "lokal-bruger";
    private const string LocalPassword = "en-lang-adgangskode-til-test";

    /// <summary>Return URLs that would lead a browser to another site (a browser drops tabs and line breaks and reads \ as /), or that are not paths.</summary>
    public static TheoryData<string> Hostile =>
    [
        "/\t/evil.example",
        "/\t\t/evil.example",
        "/\r\n/evil.example",
        "/\n/evil.example",
        "\t//evil.example",
        "/\0/evil.example",
        "/\u007f/evil.example",
        "/\u0085/evil.example",
        "/plan\t/../\t/evil.example",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "/\\/evil.example",
        "/plan\\..\\\\evil.example",
        "https://evil.example/",
        "http:evil.example",
        "javascript:alert(1)",
        "\uff0f\uff0fevil.example",
        "\u3000//evil.example",
        "evil.example",
        " /",
        "",
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Hostile))]
    public void AHostileReturnUrlBecomesTheStartPage(string returnUrl)
    {
        Assert.False(ReturnUrls.IsLocal(returnUrl));
        Assert.Equal("/", ReturnUrls.LocalOnly(returnUrl));
    }

    [Theory]
    [InlineData(null, "/")]
    [InlineData("/", "/")]
    [InlineData("/udvalg/au?status=i-gang", "/udvalg/au?status=i-gang")]
    [InlineData("/plan/3/moede/au%2Fx?siden=2025-01-01#punkt", "/plan/3/moede/au%2Fx?siden=2025-01-01#punkt")]
    [InlineData("/%09/evil.example", "/%09/evil.example")]
    [InlineData("/udvalg/kultur?søg=æble", "/udvalg/kultur?s%C3%B8g=%C3%A6ble")]
    [InlineData("/\u2215\u2215evil.example", "/%E2%88%95%E2%88%95evil.example")]
    [InlineData("/\uff0f/evil.example", "/%EF%BC%8F/evil.example")]
    [InlineData("/\u200b/evil.example", "/%E2%80%8B/evil.example")]
    public void APathOnThisSiteIsKeptAndFitsALocationHeader(string? returnUrl, string expected)
    {
        Assert.Equal(expected, ReturnUrls.LocalOnly(returnUrl));
        AssertStaysOnThisSite(new Uri("https://udmoentning.example/"), expected);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task TheDemoSignInRedirectsOnlyToThisSite(string returnUrl)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await AntiforgeryTokenAsync(client, "/konto/log-ind");

        var response = await client.PostAsync("/konto/demo", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["user"] = TestUsers.Reader,
            ["returnUrl"] = returnUrl,
        }), Token);

        // A form the server cannot read (a NUL character) is refused as a bad request; any other goes to the start page.
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Equal("/", response.Headers.Location?.OriginalString);
        }
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task ThePasswordSignInRedirectsOnlyToThisSite(string returnUrl)
    {
        await EnsureLocalUserAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = $"/konto/log-ind?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var html = await client.GetStringAsync(page, Token);
        Assert.Contains("name=\"ReturnUrl\" value=\"/\"", html);
        Assert.Contains("name=\"returnUrl\" value=\"/\"", html);

        var response = await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = TokenPattern().Match(html).Groups[1].Value,
            ["Input.UserName"] = LocalUser,
            ["Input.Password"] = LocalPassword,
        }), Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertStaysOnThisSite(app.Server.BaseAddress, response.Headers.Location?.OriginalString);
        Assert.Equal("/", new Uri(app.Server.BaseAddress, response.Headers.Location!).AbsolutePath);
    }

    /// <summary>What a browser does with the Location header: drop tabs and line breaks, read \ as /, resolve against this site.</summary>
    internal static void AssertStaysOnThisSite(Uri site, string? location)
    {
        Assert.NotNull(location);
        Assert.DoesNotMatch(@"[\p{Cc}\\]", location);
        var asBrowserReadsIt = new Uri(site, location.Replace("\t", "").Replace("\r", "").Replace("\n", "").Replace('\\', '/'));
        Assert.Equal(site.Authority, asBrowserReadsIt.Authority);
        Assert.Equal(site.Scheme, asBrowserReadsIt.Scheme);
    }

    private async Task EnsureLocalUserAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
        await AccessStartup.EnsureUserAsync(users, LocalUser, "Lokal Bruger", LocalPassword, Role.Reader, committee: null);
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path) =>
        TokenPattern().Match(await client.GetStringAsync(path, Token)).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>The app (on the test server) set up for single sign-on with a real provider on 127.0.0.1.</summary>
public sealed class SingleSignOnFactory : IAsyncLifetime
{
    public TestIdentityProvider Provider { get; private set; } = null!;

    public AppFactory App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync();
        App = new AppFactory { Settings = Provider.AppSettings };
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>Single sign-on keeps the return URL in its state through the round trip to the provider: only a local one goes in.</summary>
public sealed class ExternalSignInReturnUrlTests(SingleSignOnFactory sso) : IClassFixture<SingleSignOnFactory>
{
    [Theory]
    [MemberData(nameof(ReturnUrlTests.Hostile), MemberType = typeof(ReturnUrlTests))]
    public async Task TheExternalSignInCarriesOnlyALocalReturnUrl(string returnUrl)
    {
        var client = sso.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/konto/log-ind-ekstern?returnUrl={Uri.EscapeDataString(returnUrl)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var challenge = response.Headers.Location!;
        Assert.Equal(sso.Provider.Authority.Authority, challenge.Authority);
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(challenge.Query)["state"].ToString();
        var options = sso.App.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OidcSettings.Scheme);
        Assert.Equal("/", options.StateDataFormat.Unprotect(state)!.RedirectUri);
    }
}
