using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;

namespace Udmoentning.Tests.Access;

public sealed class SecurityTests
{
    private const string AdminPassword = "en-lang-adgangskode-til-test";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryResponseCarriesTheSecurityHeaders()
    {
        await using var app = new AppFactory();
        var client = app.CreateClient();

        foreach (var path in new[] { "/konto/log-ind", "/" })
        {
            var response = await client.GetAsync(path, Token);
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy);
            Assert.DoesNotContain("'unsafe-eval'", SecurityHeaders.ContentSecurityPolicy);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    [Fact]
    public async Task OutsideDevelopmentThereAreNoDemoUsersAndNoDemoSignIn()
    {
        await using var app = new AppFactory { Environment = "Production" };
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var login = await client.GetStringAsync("/konto/log-ind", Token);
        var demo = await client.PostAsync("/konto/demo", new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = TestUsers.Administrator }), Token);
        var board = await client.GetAsync("/", Token);

        Assert.DoesNotContain("demobruger", login);
        Assert.False((int)demo.StatusCode is >= 200 and < 300, $"{demo.StatusCode}");
        Assert.NotEqual("/", demo.Headers.Location?.OriginalString);
        Assert.False(demo.Headers.Contains("Set-Cookie") && demo.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".Udmoentning.Konto", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, board.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
        foreach (var demoUser in DemoUsers.All)
        {
            Assert.Null(await users.FindByNameAsync(demoUser.UserName));
        }
    }

    [Fact]
    public async Task TheFirstAdministratorComesFromSettingsAndSignsInWithThatPassword()
    {
        await using var app = new AppFactory
        {
            Environment = "Production",
            Settings = new Dictionary<string, string>
            {
                ["Access:Administrator:UserName"] = "it-admin",
                ["Access:Administrator:DisplayName"] = "IT-administrator",
                ["Access:Administrator:Password"] = AdminPassword,
            },
        };

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
        var admin = await users.FindByNameAsync("it-admin");
        Assert.NotNull(admin);
        Assert.Equal(["Administrator"], await users.GetRolesAsync(admin));
        Assert.True(await users.CheckPasswordAsync(admin, AdminPassword));
        Assert.False(await users.CheckPasswordAsync(admin, "admin"));
    }

    [Fact]
    public void IdentityProviderGroupsBecomeTheHighestMappedRoleAndAnEditorsCommittees()
    {
        var mapper = new OidcClaimsMapper(new OidcSettings
        {
            Authority = "https://login.example/tenant",
            RoleClaim = "groups",
            Roles = new() { ["grp-direktion"] = "Coordinator", ["grp-au-sekretariat"] = "Editor", ["grp-alle"] = "Reader" },
            Committees = new() { ["grp-au-sekretariat"] = "AU", ["grp-kuu"] = "kuu" },
        });

        OidcAccess Map(params string[] groups) => mapper.Map(new ClaimsPrincipal(new ClaimsIdentity(groups.Select(g => new Claim("groups", g)))));

        var editor = Map("grp-au-sekretariat", "grp-kuu", "grp-other", "grp-alle");
        var coordinator = Map("grp-au-sekretariat", "grp-direktion");
        var unmapped = Map("grp-other", "grp-kuu");

        Assert.Equal(Role.Editor, editor.Role);
        Assert.Equal(["AU", "KUU"], editor.Committees);
        Assert.Equal((Role.Coordinator, 0), (coordinator.Role, coordinator.Committees.Count));
        Assert.Equal(((Role?)null, 0), (unmapped.Role, unmapped.Committees.Count));
        Assert.Null(Map().Role);
    }

    [Fact]
    public async Task ALocalAccountWithoutARoleIsToldItHasNoAccessAndGetsNothingOfThePlan()
    {
        await using var app = new AppFactory();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
            Assert.True((await users.CreateAsync(new PlanUser { UserName = "uden-rolle", DisplayName = "Ulla Uden Rolle" }, AdminPassword)).Succeeded);
        }

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.GetStringAsync("/konto/log-ind", Token);
        var signedIn = await client.PostAsync("/konto/log-ind", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value,
            ["Input.UserName"] = "uden-rolle",
            ["Input.Password"] = AdminPassword,
        }), Token);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var board = await client.GetAsync("/", Token);
        Assert.Equal(HttpStatusCode.Redirect, board.StatusCode);
        Assert.Equal("/konto/ingen-adgang", board.Headers.Location!.AbsolutePath);
        var noAccess = await client.GetStringAsync(board.Headers.Location, Token);
        Assert.Contains("<h1", noAccess);
        Assert.Contains("Ingen adgang", noAccess);
        Assert.Contains("Du er logget ind som <strong>Ulla Uden Rolle</strong> (uden-rolle)", noAccess);
        Assert.Contains("Bed en administrator om at give dig en rolle", noAccess);
        Assert.Contains("action=\"konto/log-ud\"", noAccess);
        Assert.DoesNotContain("data-code", noAccess);

        var hub = await client.PostAsync("/hubs/plan/negotiate?negotiateVersion=1", null, Token);
        var download = await client.GetAsync("/plan/1/eksport.xlsx", Token);
        var history = await client.GetAsync("/punkter/1/historik.csv", Token);
        Assert.Equal(HttpStatusCode.Forbidden, hub.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, history.StatusCode);
    }
}
