using System.Net;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Access;

/// <summary>
/// Behind a reverse proxy that ends TLS: the proxy's X-Forwarded-* headers (from known proxies only) make the request HTTPS,
/// so cookies are Secure and HSTS is sent; hub and circuit connections from other sites are refused.
/// </summary>
public sealed class ReverseProxyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BehindAProxyThatSaysHttpsTheSignInCookieIsSecure()
    {
        await using var app = new LiveApp { Settings = new Dictionary<string, string> { ["ReverseProxy:ForwardedHeaders"] = "true" } };
        await app.InitializeAsync();

        var overHttps = await SignInCookieAsync(app, forwardedProto: "https");
        var overHttp = await SignInCookieAsync(app, forwardedProto: null);

        Assert.Contains("; secure", overHttps, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("; secure", overHttp, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithoutForwardedHeadersConfiguredTheProxyHeadersAreIgnored()
    {
        await using var app = new LiveApp();
        await app.InitializeAsync();

        Assert.DoesNotContain("; secure", await SignInCookieAsync(app, forwardedProto: "https"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task InProductionBehindAProxyHttpsGetsHstsAndPlainHttpIsRedirected()
    {
        await using var app = new LiveApp { Environment = "Production", Settings = new Dictionary<string, string> { ["ReverseProxy:ForwardedHeaders"] = "true" } };
        await app.InitializeAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        using var secure = await SendAsync(http, HttpMethod.Get, "/konto/log-ind", ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "udmoentning.example.dk"));
        using var plain = await SendAsync(http, HttpMethod.Get, "/konto/log-ind", ("X-Forwarded-Proto", "http"), ("X-Forwarded-Host", "udmoentning.example.dk"));

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal("https://udmoentning.example.dk/konto/log-ind", plain.Headers.Location?.ToString());
    }

    [Fact]
    public async Task HubAndCircuitConnectionsFromAnotherSiteAreRefused()
    {
        await using var app = new LiveApp();
        await app.InitializeAsync();
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        await TestUsers.SignInAsync(http, TestUsers.Reader);
        var own = app.BaseAddress.GetLeftPart(UriPartial.Authority);

        using var evilHub = await SendAsync(http, HttpMethod.Post, $"{PlanHub.Path}/negotiate?negotiateVersion=1", ("Origin", "https://evil.example"));
        using var evilCircuit = await SendAsync(http, HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1", ("Origin", "https://evil.example"));
        using var sameSite = await SendAsync(http, HttpMethod.Post, $"{PlanHub.Path}/negotiate?negotiateVersion=1", ("Origin", own));
        using var program = await SendAsync(http, HttpMethod.Post, $"{PlanHub.Path}/negotiate?negotiateVersion=1");
        using var sameSiteCircuit = await SendAsync(http, HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1", ("Origin", own));

        Assert.Equal(HttpStatusCode.Forbidden, evilHub.StatusCode);
        Assert.Equal("Forbindelsen er afvist: den kommer fra et andet websted.", await evilHub.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.Forbidden, evilCircuit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameSite.StatusCode);
        Assert.Equal(HttpStatusCode.OK, program.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameSiteCircuit.StatusCode);
    }

    [Fact]
    public async Task AnOriginOnTheAllowListMayConnect()
    {
        await using var app = new LiveApp { Settings = new Dictionary<string, string> { ["ReverseProxy:AllowedOrigins:0"] = "https://tavle.example.dk" } };
        await app.InitializeAsync();
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        await TestUsers.SignInAsync(http, TestUsers.Reader);

        using var allowed = await SendAsync(http, HttpMethod.Post, $"{PlanHub.Path}/negotiate?negotiateVersion=1", ("Origin", "https://tavle.example.dk"));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    private static async Task<string> SignInCookieAsync(LiveApp app, string? forwardedProto)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var page = await http.GetStringAsync("/konto/log-ind", Token);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/konto/demo")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["user"] = TestUsers.Reader, ["returnUrl"] = "/" }),
        };
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        using var response = await http.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Udmoentning.Konto=", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await http.SendAsync(request, Token);
    }
}
