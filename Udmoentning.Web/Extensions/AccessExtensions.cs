using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Web.Access;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Extensions;

public static class AccessExtensions
{
    private const string SelectScheme = "Udmoentning";

    /// <summary>
    /// Sign-in with local accounts (ASP.NET Core Identity on the plan's database) and, when configured,
    /// an OpenID Connect provider such as Entra ID. Every page and the hub require a signed-in user.
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
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<PlanDbContext>()
            .AddClaimsPrincipalFactory<PlanUserClaimsFactory>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/konto/log-ind";
            options.AccessDeniedPath = "/konto/log-ind";
            options.Cookie.Name = ".Udmoentning.Konto";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookiePolicy(builder.Configuration);
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = RedirectPagesAnswerOthers(StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = RedirectPagesAnswerOthers(StatusCodes.Status403Forbidden);
        });

        // One scheme in front: a user signed in through the identity provider has its cookie; everyone else, Identity's.
        var authentication = services.AddAuthentication(options =>
            {
                options.DefaultScheme = SelectScheme;
                options.DefaultChallengeScheme = SelectScheme;
            })
            .AddPolicyScheme(SelectScheme, "Udmøntning", options => options.ForwardDefaultSelector = context =>
                oidc.Enabled && context.Request.Cookies.ContainsKey(".Udmoentning.Oidc") ? OidcSettings.CookieScheme : IdentityConstants.ApplicationScheme);

        if (oidc.Enabled)
        {
            authentication
                .AddCookie(OidcSettings.CookieScheme, options =>
                {
                    options.Cookie.Name = ".Udmoentning.Oidc";
                    options.Cookie.SecurePolicy = CookiePolicy(builder.Configuration);
                    options.LoginPath = "/konto/log-ind";
                })
                .AddOpenIdConnect(OidcSettings.Scheme, options =>
                {
                    options.SignInScheme = OidcSettings.CookieScheme;
                    options.Authority = oidc.Authority;
                    options.ClientId = oidc.ClientId ?? throw new StartupException($"{OidcSettings.Section}:ClientId is missing.");
                    options.ClientSecret = oidc.ClientSecret;
                    options.ResponseType = "code";
                    options.UsePkce = true;
                    options.SaveTokens = false;
                    options.MapInboundClaims = false;
                    options.TokenValidationParameters.NameClaimType = "name";
                    options.CallbackPath = "/signin-oidc";
                });
            services.AddTransient<IClaimsTransformation, OidcClaimsMapper>();
        }

        services.AddScoped<UserAdministration>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        return builder;
    }

    /// <summary>Cookies are Secure whenever the request is HTTPS (also behind a proxy that says so), and always when configured.</summary>
    private static CookieSecurePolicy CookiePolicy(IConfiguration configuration) =>
        (configuration.GetSection(ProxySettings.Section).Get<ProxySettings>() ?? new ProxySettings()).CookiePolicy;

    /// <summary>Pages send a person to the sign-in page; the hub and file downloads answer programs with a status code.</summary>
    private static Func<RedirectContext<CookieAuthenticationOptions>, Task> RedirectPagesAnswerOthers(int status) => context =>
    {
        if (context.Request.Path.StartsWithSegments("/hubs") || context.Request.Path.StartsWithSegments("/punkter"))
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

        account.MapPost("/log-ud", async (HttpContext context, IFormCollection form, SignInManager<PlanUser> signIn) =>
        {
            await signIn.SignOutAsync();
            if (context.Request.Cookies.ContainsKey(".Udmoentning.Oidc"))
            {
                await context.SignOutAsync(OidcSettings.CookieScheme);
            }

            return Results.LocalRedirect("/konto/log-ind");
        });

        if (app.Services.GetRequiredService<OidcSettings>().Enabled)
        {
            account.MapGet("/log-ind-ekstern", (string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrls.LocalOnly(returnUrl) }, [OidcSettings.Scheme])).AllowAnonymous();
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
            }).AllowAnonymous();
        }

        return app;
    }
}
