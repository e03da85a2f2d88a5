using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Udmoentning.Domain.Access;

namespace Udmoentning.Web.Tokens;

public static class TokensExtensions
{
    /// <summary>
    /// Who may read the feed: personal access tokens (<see cref="TokenSchemes.Personal"/>), service accounts' bearer tokens
    /// when <c>Tokens:ServiceAccounts</c> is configured (<see cref="TokenSchemes.Service"/>), and the browser's own cookie,
    /// all in <see cref="TokenPolicies.Feed"/>, the only policy that reads tokens. Call after AddAccess.
    /// </summary>
    public static IHostApplicationBuilder AddTokens(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var serviceAccounts = ServiceAccountSettings.From(builder.Configuration);
        services.AddSingleton(serviceAccounts);
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<ApiCallers>();

        var schemes = new List<string> { IdentityConstants.ApplicationScheme, TokenSchemes.Personal };
        var authentication = services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, PersonalTokenHandler>(TokenSchemes.Personal, null);
        if (serviceAccounts.Enabled)
        {
            authentication.AddJwtBearer(TokenSchemes.Service, options =>
            {
                options.Authority = serviceAccounts.Authority;
                options.Audience = serviceAccounts.Audience;
                options.RequireHttpsMetadata = serviceAccounts.RequireHttpsMetadata;
                options.MapInboundClaims = false;
                options.Events = new JwtBearerEvents
                {
                    // A personal access token is the other scheme's: not a failed JWT here.
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Headers.Authorization.ToString() is var header &&
                            header.StartsWith("Bearer " + AccessToken.SecretStart, StringComparison.OrdinalIgnoreCase))
                        {
                            context.NoResult();
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        var client = ServiceAccountSettings.ClientOf(context.Principal!);
                        if (client is null || serviceAccounts.PrincipalOf(client) is not { } principal)
                        {
                            context.Fail($"The client '{client}' is not a service account here: map it under {ServiceAccountSettings.Section}:Accounts.");
                            return Task.CompletedTask;
                        }

                        context.Principal = principal;
                        return Task.CompletedTask;
                    },
                };
            });
            schemes.Add(TokenSchemes.Service);
        }

        services.AddAuthorizationBuilder().AddPolicy(TokenPolicies.Feed, policy => policy
            .AddAuthenticationSchemes([.. schemes])
            .RequireAuthenticatedUser()
            .RequireRole(Enum.GetNames<Role>()));

        // Power BI and Excel must get 401 with WWW-Authenticate: Bearer (and 403), not the sign-in page a browser is sent to.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            options.Events.OnRedirectToLogin = StatusForFeed(StatusCodes.Status401Unauthorized, options.Events.OnRedirectToLogin);
            options.Events.OnRedirectToAccessDenied = StatusForFeed(StatusCodes.Status403Forbidden, options.Events.OnRedirectToAccessDenied);
        });
        return builder;
    }

    private static Func<RedirectContext<CookieAuthenticationOptions>, Task> StatusForFeed(int status, Func<RedirectContext<CookieAuthenticationOptions>, Task> otherwise) => context =>
    {
        if (!context.Request.Path.StartsWithSegments(TokenPolicies.FeedPath))
        {
            return otherwise(context);
        }

        context.HttpContext.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    };
}
