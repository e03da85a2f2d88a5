using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Web.Access;
using Udmoentning.Web.ApiReference;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Access;

public static class AccessExtensions
{
    /// <summary>
    /// Sign-in with local accounts (ASP.NET Core Identity on the plan's database) and, when configured,
    /// an OpenID Connect provider such as Entra ID. Every page, download and the hub require a signed-in user
    /// with one of the four roles; a signed-in user without one is told so on "Ingen adgang".
    /// </summary>
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var oidc = builder.Configuration.GetSection(OidcSettings.Section).Get<OidcSettings>() ?? new OidcSettings();
        services.AddSingleton(oidc);

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContext());
        services.AddIdentity<PlanUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 6;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<PlanDbContext>()
            .AddClaimsPrincipalFactory<PlanUserClaimsFactory>()
            .AddErrorDescriber<DanishIdentityErrors>()
            .AddPasswordValidator<PasswordRules>()
            .AddDefaultTokenProviders();
        var passwords = PasswordSettings.From(builder.Configuration);
        services.AddSingleton(passwords);
        // The one-time password links are Identity's password-reset tokens; no other token kind is used.
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = passwords.LinkLifetime);
        services.AddSingleton<SecurityEvents>();
        services.AddScoped<PasswordLinks>();
        services.AddScoped<PasswordChanges>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/konto/log-ind";
            options.AccessDeniedPath = "/konto/ingen-adgang";
            options.Cookie.Name = ".Udmoentning.Konto";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookiePolicy(builder.Configuration);
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = RedirectPagesAnswerOthers(StatusCodes.Status401Unauthorized, IsHubOrItemFile);
            options.Events.OnRedirectToAccessDenied = RedirectPagesAnswerOthers(StatusCodes.Status403Forbidden, IsHubOrDownload);
        });

        if (oidc.Enabled)
        {
            // A user from the identity provider gets Identity's own cookie, with the claims of a local account (see OidcUsers).
            services.AddScoped<OidcClaimsMapper>();
            services.AddScoped<OidcUsers>();
            services.AddAuthentication()
                .AddOpenIdConnect(OidcSettings.Scheme, options =>
                {
                    options.SignInScheme = IdentityConstants.ApplicationScheme;
                    options.Authority = oidc.Authority;
                    options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                    options.ClientId = oidc.ClientId ?? throw new StartupException($"{OidcSettings.Section}:ClientId is missing.");
                    options.ClientSecret = oidc.ClientSecret;
                    options.ResponseType = "code";
                    options.UsePkce = true;
                    options.SaveTokens = false;
                    options.MapInboundClaims = false;
                    options.TokenValidationParameters.NameClaimType = "name";
                    options.CallbackPath = "/signin-oidc";
                    options.Events.OnTokenValidated = async context =>
                    {
                        var principal = await context.HttpContext.RequestServices.GetRequiredService<OidcUsers>().SignInPrincipalAsync(context.Principal!);
                        if (principal is null)
                        {
                            context.Fail("The identity provider's token names no stable user id (oid or sub), or the account is disabled here.");
                            return;
                        }

                        context.Principal = principal;
                    };
                    // A refused or broken sign-in at the provider comes back to the sign-in page with a Danish message, not an error page.
                    options.Events.OnRemoteFailure = context =>
                    {
                        context.HttpContext.RequestServices.GetRequiredService<ILogger<OidcUsers>>().LogWarning(context.Failure, "Single sign-on failed");
                        context.Response.Redirect("/konto/log-ind?fejl=ekstern");
                        context.HandleResponse();
                        return Task.CompletedTask;
                    };
                });
        }

        var times = AccessTimes.From(builder.Configuration);
        services.AddSingleton(times);
        services.AddSingleton<CurrentUsers>();
        services.AddScoped<AuthenticationStateProvider, AccessRevalidation>();
        services.AddSingleton<CurrentAccessHubFilter>();
        // AddHubOptions (not Configure) makes the hub use its own options, filter included; AddSignalR is idempotent.
        services.AddSignalR().AddHubOptions<PlanHub>(options => options.AddFilter<CurrentAccessHubFilter>());
        // A local account's cookie is checked against the account as often as open circuits are: a disabled or
        // re-stamped account loses it, and the claims in it follow role changes.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = times.Revalidate);
        var hasRole = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Enum.GetNames<Role>()).Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(hasRole)
            .SetFallbackPolicy(hasRole)
            .AddPolicy(AccessPolicies.SignedIn, policy => policy.RequireAuthenticatedUser());
        services.AddCascadingAuthenticationState();
        return builder;
    }

    /// <summary>Cookies are Secure whenever the request is HTTPS (also behind a proxy that says so), and always when configured.</summary>
    private static CookieSecurePolicy CookiePolicy(IConfiguration configuration) =>
        (configuration.GetSection(ProxySettings.Section).Get<ProxySettings>() ?? new ProxySettings()).CookiePolicy;

    private static bool IsHubOrItemFile(PathString path) =>
        path.StartsWithSegments("/hubs") || path.StartsWithSegments("/punkter") || path.StartsWithSegments(ApiReferenceExtensions.DocumentFolder);

    /// <summary>A signed-in user without the right gets 403 for a file as for the hub: a download is no place for a page.</summary>
    private static bool IsHubOrDownload(PathString path) => IsHubOrItemFile(path) || Path.HasExtension(path.Value);

    /// <summary>Pages send a person to the sign-in (or "no access") page; the hub and file downloads answer programs with a status code.</summary>
    private static Func<RedirectContext<CookieAuthenticationOptions>, Task> RedirectPagesAnswerOthers(int status, Func<PathString, bool> isProgram) => context =>
    {
        if (isProgram(context.Request.Path))
        {
            // A program gets the status itself, not the not-found page re-executed in its place.
            context.HttpContext.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    };

    public static WebApplication MapAccount(this WebApplication app)
    {
        var account = app.MapGroup("/konto");

        // Anyone may sign out, a signed-in user without a role included. Only this site's session ends; the identity
        // provider's own session is left alone (signing in again through it may then need no password).
        account.MapPost("/log-ud", async (IFormCollection form, SignInManager<PlanUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/konto/log-ind");
        }).AllowAnonymous();

        if (app.Services.GetRequiredService<OidcSettings>().Enabled)
        {
            account.MapGet("/log-ind-ekstern", (string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrls.LocalOnly(returnUrl) }, [OidcSettings.Scheme])).AllowAnonymous().LimitedAs(RequestLimit.SignIn);
        }

        // Demo sign-in exists only in Development: outside it the endpoint is not even mapped.
        if (app.Environment.IsDevelopment())
        {
            account.MapPost("/demo", async (IFormCollection form, SignInManager<PlanUser> signIn, UserManager<PlanUser> users) =>
            {
                var demo = DemoUsers.All.FirstOrDefault(d => d.UserName == form["user"]);
                if (demo is null || await users.FindByNameAsync(demo.UserName) is not { } user)
                {
                    return Results.BadRequest("Ukendt demobruger.");
                }

                await signIn.SignInAsync(user, isPersistent: false);
                return Results.LocalRedirect(ReturnUrls.LocalOnly(form["returnUrl"]));
            }).AllowAnonymous().LimitedAs(RequestLimit.SignIn);
        }

        return app;
    }
}
