using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Telemetry;

namespace Udmoentning.Web.Access;

/// <summary>
/// What one client may use (rate limits on sign-in, changes and downloads) and what running behind a reverse proxy needs
/// (forwarded headers, HTTPS redirection, HSTS, and refusing hub and circuit connections from other sites).
/// </summary>
public static class ProtectionExtensions
{
    public const string ForgedForm = "Formularen kunne ikke godkendes (den er udløbet eller kommer ikke fra denne side). Genindlæs siden, og prøv igen.";

    public const string TooManyDownloads = "For mange hentninger på kort tid – vent et øjeblik, og prøv igen.";

    public static IHostApplicationBuilder AddProtection(this IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        var proxy = builder.Configuration.GetSection(ProxySettings.Section).Get<ProxySettings>() ?? new ProxySettings();
        var services = builder.Services;
        builder.AddAllowedHosts();
        services.AddSingleton(limits);
        services.AddSingleton(proxy);
        services.AddSingleton<ChangeLimiter>();
        services.AddSingleton<SignInLimiter>();

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                context.HttpContext.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
                response.Headers.RetryAfter = ((int)limits.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                if (Limited(context.HttpContext) == RequestLimit.Feed)
                {
                    // The feed answers in OData's error format (UseFeed writes it), not in the pages' plain text.
                    return;
                }

                response.ContentType = "text/plain; charset=utf-8";
                var signIn = Limited(context.HttpContext) == RequestLimit.SignIn;
                if (signIn)
                {
                    await context.HttpContext.RequestServices.GetRequiredService<SecurityEvents>().RecordAsync(
                        SecurityEventKind.SignInRateLimited, null, null, context.HttpContext.Connection.RemoteIpAddress?.ToString(), "for mange forsøg fra samme adresse");
                }

                await response.WriteAsync(signIn ? SignInLimiter.TooMany : TooManyDownloads, cancellationToken);
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Limited(context) switch
            {
                RequestLimit.SignIn => RateLimitPartition.GetFixedWindowLimiter("log-ind " + ClientAddress(context), _ => limits.PerWindow(limits.SignInPerIp)),
                RequestLimit.Download => RateLimitPartition.GetFixedWindowLimiter("download " + (UserKey(context.User) ?? ClientAddress(context)), _ => limits.PerWindow(limits.DownloadsPerUser)),
                RequestLimit.Feed => RateLimitPartition.GetFixedWindowLimiter("feed " + (TokenKey(context.User) ?? UserKey(context.User) ?? ClientAddress(context)), _ => limits.PerWindow(limits.FeedReadsPerToken)),
                _ => RateLimitPartition.GetNoLimiter(string.Empty),
            });
        });

        // A malformed request (no form, a form the antiforgery check cannot read) is the client's fault: answer 400 in every
        // environment, as Production does, instead of throwing it as an unhandled exception in Development.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = proxy.ForwardLimit;
            foreach (var address in proxy.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in proxy.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            if (proxy.AllowedHosts.Length > 0)
            {
                options.AllowedHosts = proxy.AllowedHosts;
            }
        });
        services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = proxy.CookiePolicy);
        if ((proxy.HttpsPort ?? (proxy.ForwardedHeaders ? 443 : null)) is { } httpsPort)
        {
            services.AddHttpsRedirection(options => options.HttpsPort = httpsPort);
        }

        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });
        return builder;
    }

    /// <summary>First in the pipeline: the proxy's headers decide the scheme and client address everything after sees.</summary>
    public static WebApplication UseProtection(this WebApplication app)
    {
        app.UseAllowedHosts();
        var proxy = app.Services.GetRequiredService<ProxySettings>();
        if (proxy.ForwardedHeaders)
        {
            app.UseForwardedHeaders();
        }

        if (proxy.Hsts ?? !app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        if (proxy.HttpsRedirection ?? !app.Environment.IsDevelopment())
        {
            // Probes and scrapes reach each node directly over HTTP: a redirect would read as a failure.
            app.UseWhen(context => !TelemetryExtensions.IsProbeOrScrape(context.Request.Path), branch => branch.UseHttpsRedirection());
        }

        app.UseSameOriginConnections(proxy.AllowedOrigins);

        // Pages and files show who may do what in which plan: no browser or proxy keeps them, unless the endpoint says
        // otherwise (static files, the public page).
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (!context.Response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.CacheControl))
                {
                    context.Response.Headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// After authentication and the antiforgery check: limits follow the signed-in user, and a form post whose antiforgery
    /// token is missing or wrong is answered 400 here, before an endpoint that reads the form would throw (a 500).
    /// </summary>
    public static WebApplication UseRequestProtection(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                && context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true })
            {
                context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(ForgedForm);
                return;
            }

            await next();
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The access token's id for per-token limits; null for a request without one (a browser's cookie).</summary>
    public static string? TokenKey(ClaimsPrincipal? user) =>
        user?.FindFirst(Tokens.TokenClaims.TokenId)?.Value is { } id ? "nøgle:" + id : null;

    /// <summary>The user's id for per-user limits; null for an anonymous request.</summary>
    public static string? UserKey(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
            ? "bruger:" + (user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.Identity.Name)
            : null;

    /// <summary>
    /// Which limit a request counts against, from the endpoint routing chose for it (<see cref="RequestLimitAttribute"/>),
    /// so that every spelling of an address that reaches the endpoint (a trailing slash, <c>/.</c>, capitals, escaped
    /// characters) counts the same.
    /// </summary>
    private static RequestLimit? Limited(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RequestLimitAttribute>() is { } limited
            && (!limited.PostsOnly || HttpMethods.IsPost(context.Request.Method))
                ? limited.Limit
                : null;

    private static string ClientAddress(HttpContext context) => "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "ukendt");
}

/// <summary>
/// <c>RateLimits:*</c>: how much one client may do per window (one minute unless set). The defaults are far above what a
/// meeting needs; tests and benchmarks that hammer the app on purpose raise them.
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in attempts (password form, demo and external sign-in) from one IP address.</summary>
    public int SignInPerIp { get; init; } = 10;

    /// <summary>Password attempts for one account name, from anywhere.</summary>
    public int SignInPerAccount { get; init; } = 5;

    /// <summary>Moves and edits by one user, through the board and the hub together.</summary>
    public int ChangesPerUser { get; init; } = 120;

    /// <summary>CSV and Excel downloads by one user (or one IP address when anonymous).</summary>
    public int DownloadsPerUser { get; init; } = 30;

    /// <summary>Reads of the OData feed (pages, <c>$metadata</c>) with one access token; Power BI reads a set's pages one after another.</summary>
    public int FeedReadsPerToken { get; init; } = 600;

    /// <summary>Calls a second, on average, on one connection to <c>/hubs/plan</c> (Follow, Unfollow, Move).</summary>
    public int HubCallsPerSecond { get; init; } = 10;

    /// <summary>Calls one hub connection may make at once before <see cref="HubCallsPerSecond"/> holds it back.</summary>
    public int HubCallBurst { get; init; } = 50;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>At most <paramref name="permits"/> (at least one) per <see cref="Window"/>, and no queue: over the limit is refused at once.</summary>
    public FixedWindowRateLimiterOptions PerWindow(int permits) =>
        new() { PermitLimit = Math.Max(1, permits), Window = Window, QueueLimit = 0, AutoReplenishment = true };

    /// <summary>One <see cref="PerWindow"/> budget for each key (an account name, a user).</summary>
    public PartitionedRateLimiter<string> PerKey(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => PerWindow(permits)));
}

/// <summary>
/// <c>ReverseProxy:*</c>: forwarded headers are off unless turned on with the proxies that may send them;
/// HTTPS redirection and HSTS are on outside Development unless set; <c>SecureCookies</c> makes cookies Secure even
/// over plain HTTP (otherwise they are Secure when the request is HTTPS).
/// </summary>
public sealed class ProxySettings
{
    public const string Section = "ReverseProxy";

    public bool ForwardedHeaders { get; init; }

    /// <summary>IP addresses of the proxies whose X-Forwarded-* headers count (loopback always counts).</summary>
    public string[] KnownProxies { get; init; } = [];

    /// <summary>Networks in CIDR form, e.g. 10.0.0.0/8.</summary>
    public string[] KnownNetworks { get; init; } = [];

    /// <summary>Host names the proxy may forward in X-Forwarded-Host; empty accepts any.</summary>
    public string[] AllowedHosts { get; init; } = [];

    public int ForwardLimit { get; init; } = 1;

    public bool? HttpsRedirection { get; init; }

    /// <summary>Where HTTPS redirection sends a plain-HTTP request: 443 behind a proxy unless set; otherwise what Kestrel listens on.</summary>
    public int? HttpsPort { get; init; }

    public bool? Hsts { get; init; }

    public bool SecureCookies { get; init; }

    public CookieSecurePolicy CookiePolicy => SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary>Other sites (e.g. https://tavle.example.dk) allowed to open the hub and circuits besides this one.</summary>
    public string[] AllowedOrigins { get; init; } = [];
}
