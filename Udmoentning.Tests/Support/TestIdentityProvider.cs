using System.Collections.Immutable;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Udmoentning.Tests.Support;

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on 127.0.0.1 for the app to sign users in with: authorization code flow with
/// PKCE, one public client, and a tiny login page where a test types a user name. The id_token carries sub, name,
/// preferred_username and the user's groups, as Entra ID does when group claims are configured. Also service accounts:
/// confidential clients that get an access token (a JWT for <see cref="ServiceAudience"/>, or another audience) with the
/// client credentials grant, as a Power BI gateway or a script registered in Entra ID does.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "udmoentning-test";
    private const string LoginScheme = "test-idp";

    public sealed record User(string Sub, string UserName, string Name, string[] Groups);

    public static readonly User Coordinator = new("k-1001", "karin@kommune.test", "Karin Koordinator (IdP)", ["grp-direktion", "grp-alle"]);
    public static readonly User EditorAu = new("r-2002", "rasmus@kommune.test", "Rasmus Redaktør (IdP)", ["grp-au-sekretariat", "grp-alle"]);
    public static readonly User Guest = new("g-3003", "gaest@partner.test", "Gæst Gæstesen", ["grp-alle"]);

    private static readonly IReadOnlyList<User> Users = [Coordinator, EditorAu, Guest];

    /// <summary>The audience service accounts' tokens are issued for, as the app is configured to expect.</summary>
    public const string ServiceAudience = "api://udmoentning";

    /// <summary>A confidential client (client credentials) and the audience its tokens are issued for.</summary>
    public sealed record ServiceClient(string ClientId, string Secret, string Audience);

    /// <summary>Mapped in the app as a reader.</summary>
    public static readonly ServiceClient PowerBi = new("udmoentning-powerbi", "powerbi-hemmelighed-til-test", ServiceAudience);

    /// <summary>Mapped as an editor for AU.</summary>
    public static readonly ServiceClient AuScript = new("udmoentning-au-script", "au-script-hemmelighed-til-test", ServiceAudience);

    /// <summary>A client of the provider the app does not know.</summary>
    public static readonly ServiceClient Unmapped = new("udmoentning-ukendt", "ukendt-hemmelighed-til-test", ServiceAudience);

    /// <summary>Mapped in the app, but its tokens are for another API.</summary>
    public static readonly ServiceClient OtherApi = new("udmoentning-andet-api", "andet-api-hemmelighed-til-test", "api://noget-andet");

    private static readonly IReadOnlyList<ServiceClient> ServiceClients = [PowerBi, AuScript, Unmapped, OtherApi];

    private readonly WebApplication _host;

    private TestIdentityProvider(WebApplication host, Uri authority)
    {
        _host = host;
        Authority = authority;
    }

    public Uri Authority { get; }

    /// <summary>The only redirect URI the client may use: the app's callback, known once the app has started.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>The app's settings for signing in here, with the groups mapped to roles and committee AU.</summary>
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["Access:Oidc:Authority"] = Authority.ToString(),
        ["Access:Oidc:ClientId"] = ClientId,
        ["Access:Oidc:RequireHttpsMetadata"] = "false",
        ["Access:Oidc:RoleClaim"] = "groups",
        ["Access:Oidc:Roles:grp-direktion"] = "Coordinator",
        ["Access:Oidc:Roles:grp-au-sekretariat"] = "Editor",
        ["Access:Oidc:Committees:grp-au-sekretariat"] = "AU",
    };

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(LoginScheme).AddCookie(LoginScheme, options => options.Cookie.Name = "test-idp-session");
        TestIdentityProvider? self = null;
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.AllowClientCredentialsFlow();
            options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
            // Elliptic-curve signing and a symmetric encryption key: generating RSA keys would cost seconds on a busy machine.
            options.AddSigningKey(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)))
                .AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
            options.DisableAccessTokenEncryption();
            // No database of clients and tokens: the one client is checked by the handlers below.
            options.EnableDegradedMode();
            options.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            options.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (self?.RedirectUri is not { } expected || context.RedirectUri != expected.ToString())
                {
                    context.Reject(Errors.InvalidRequest, "Unknown redirect_uri.");
                }

                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.Request.IsClientCredentialsGrantType())
                {
                    // Degraded mode checks no client secrets: the service clients' are checked here.
                    if (!ServiceClients.Any(c => c.ClientId == context.ClientId && c.Secret == context.ClientSecret))
                    {
                        context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
                    }
                }
                else if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }

                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (!context.Request.IsClientCredentialsGrantType())
                {
                    return default;
                }

                var client = ServiceClients.Single(c => c.ClientId == context.Request.ClientId);
                var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
                identity.SetClaim(Claims.Subject, client.ClientId).SetClaim(Claims.Name, client.ClientId);
                identity.SetAudiences(client.Audience);
                identity.SetDestinations(static _ => [Destinations.AccessToken]);
                context.SignIn(new ClaimsPrincipal(identity));
                return default;
            }));
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeAsync);
        app.MapPost("/login", (Delegate)LoginAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new TestIdentityProvider(app, new Uri(address.TrimEnd('/') + "/"));
        return self;
    }

    /// <summary>Signed in here: tokens for the app. Not yet: the login form, which comes back to this request.</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request.");
        var session = await http.AuthenticateAsync(LoginScheme);
        var user = Users.FirstOrDefault(u => u.Sub == session.Principal?.FindFirst(Claims.Subject)?.Value);
        if (user is null)
        {
            var back = WebUtility.HtmlEncode(http.Request.Path + http.Request.QueryString);
            return Results.Content(
                $"""
                <!DOCTYPE html>
                <html lang="da"><head><title>Test-IdP</title></head><body>
                <h1>Test-IdP: log ind</h1>
                <form method="post" action="/login">
                  <input type="hidden" name="back" value="{back}" />
                  <label>Brugernavn <input name="username" /></label>
                  <button type="submit">Log ind hos Test-IdP</button>
                </form>
                </body></html>
                """, "text/html; charset=utf-8");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Sub)
            .SetClaim(Claims.Name, user.Name)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaims("groups", [.. user.Groups]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(static _ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> LoginAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var user = Users.FirstOrDefault(u => u.UserName == form["username"]);
        var back = form["back"].ToString();
        if (user is null || !back.StartsWith("/connect/authorize?", StringComparison.Ordinal))
        {
            return Results.BadRequest("Ukendt bruger.");
        }

        await http.SignInAsync(LoginScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(Claims.Subject, user.Sub)], LoginScheme)));
        return Results.Redirect(back);
    }

    /// <summary>An access token for a service client, fetched with the client credentials grant as its program would.</summary>
    public async Task<string> ServiceTokenAsync(ServiceClient client, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Authority };
        var response = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.ClientCredentials,
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.Secret,
        }), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The provider refused a token for {client.ClientId}: {(int)response.StatusCode} {body}");
        }

        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
    }
}
