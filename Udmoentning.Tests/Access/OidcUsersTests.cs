using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;

namespace Udmoentning.Tests.Access;

/// <summary>
/// What each sign-in through the provider does to the user's row (the full code flow is in EndToEnd/SingleSignOnTests):
/// the row follows the groups of the latest sign-in, and never takes over a local account.
/// </summary>
public sealed class OidcUsersTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Access:Oidc:Authority"] = "https://login.example/tenant/v2.0",
        ["Access:Oidc:ClientId"] = "udmoentning",
        ["Access:Oidc:RoleClaim"] = "groups",
        ["Access:Oidc:Roles:grp-au"] = "Editor",
        ["Access:Oidc:Roles:grp-direktion"] = "Coordinator",
        ["Access:Oidc:Committees:grp-au"] = "AU",
    };

    [Fact]
    public async Task EachSignInSetsTheRoleAndCommitteesOfTheCurrentGroups()
    {
        await using var app = new AppFactory { Settings = Settings };

        var asEditor = await SignInAsync(app, "oid-1", "sofie@kommune.example", "Sofie Sørensen", "grp-au");
        var asCoordinator = await SignInAsync(app, "oid-1", "sofie@kommune.example", "Sofie S. Sørensen", "grp-direktion", "grp-au");
        var withoutGroups = await SignInAsync(app, "oid-1", "sofie@kommune.example", "Sofie S. Sørensen");

        Assert.Equal("oidc:oid-1", asEditor.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        Assert.Equal(new HashSet<Role> { Role.Editor }, asEditor.Roles());
        Assert.Equal(["AU"], asEditor.FindAll(AccessClaims.Committee).Select(c => c.Value));
        Assert.Equal("Sofie Sørensen", asEditor.Name());
        Assert.Equal(new HashSet<Role> { Role.Coordinator }, asCoordinator.Roles());
        Assert.Empty(asCoordinator.FindAll(AccessClaims.Committee));
        Assert.Equal("Sofie S. Sørensen", asCoordinator.Name());
        Assert.Empty(withoutGroups.Roles());
        Assert.Equal("oidc:oid-1", withoutGroups.FindFirst(ClaimTypes.NameIdentifier)?.Value);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
        var row = await users.FindByIdAsync("oidc:oid-1");
        Assert.NotNull(row);
        Assert.Equal("sofie@kommune.example", row.UserName);
        Assert.Empty(await users.GetRolesAsync(row));
        Assert.Empty(await users.GetClaimsAsync(row));
    }

    [Fact]
    public async Task AProviderUserWithALocalAccountsUserNameGetsARowOfItsOwn()
    {
        await using var app = new AppFactory { Settings = Settings };
        var local = await TestUsers.CreateAsync(app.Services, "chef@kommune.example", Role.Administrator);

        var fromProvider = await SignInAsync(app, "oid-2", "chef@kommune.example", "Ikke Chefen", "grp-au");

        Assert.NotEqual(local.FindFirst(ClaimTypes.NameIdentifier)!.Value, fromProvider.FindFirst(ClaimTypes.NameIdentifier)!.Value);
        Assert.Equal("oidc:oid-2", fromProvider.FindFirst(ClaimTypes.NameIdentifier)!.Value);
        Assert.StartsWith("oidc-", fromProvider.Identity!.Name);
        Assert.Equal(new HashSet<Role> { Role.Editor }, fromProvider.Roles());
        Assert.Equal(new HashSet<Role> { Role.Administrator }, (await TestUsers.PrincipalAsync(app.Services, "chef@kommune.example")).Roles());
    }

    [Fact]
    public async Task APrincipalWithoutAStableIdActsAsNobody()
    {
        await using var app = new AppFactory { Settings = Settings };
        var named = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "Karin"), new Claim(ClaimTypes.Role, "Coordinator")], "test"));

        Assert.Same(Actor.Anonymous, await app.Services.GetRequiredService<CurrentUsers>().ActorAsync(named, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AProviderUserDisabledHereCannotSignInThroughTheProvider()
    {
        await using var app = new AppFactory { Settings = Settings };
        var administrator = await TestUsers.CreateAsync(app.Services, "it-admin", Role.Administrator);
        var first = await SignInAsync(app, "oid-4", "bo@kommune.example", "Bo Berg", "grp-direktion");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserAdministration>().DisableAsync(administrator, first.Identity!.Name!));
        }

        await using var again = app.Services.CreateAsyncScope();
        var token = new ClaimsPrincipal(new ClaimsIdentity(
            [new("sub", "pairwise-oid-4"), new("oid", "oid-4"), new("preferred_username", "bo@kommune.example"), new("name", "Bo Berg"), new Claim("groups", "grp-direktion")],
            "AuthenticationTypes.Federation", "name", "roles"));
        Assert.Null(await again.ServiceProvider.GetRequiredService<OidcUsers>().SignInPrincipalAsync(token));
    }

    [Fact]
    public async Task TwoFirstSignInsOfTheSameNewPersonAtOnceBothSucceedOnSqlite()
    {
        await using var app = new AppFactory { Settings = Settings };
        await AssertTwoAtOnceSucceedAsync(app);
    }

    [Fact]
    public async Task TwoFirstSignInsOfTheSameNewPersonAtOnceBothSucceedOnPostgres()
    {
        await using var app = new AppFactory
        {
            Settings = new Dictionary<string, string>(Settings)
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Postgres"] = await TestDatabases.NewPostgresDatabaseAsync(),
            },
        };
        await AssertTwoAtOnceSucceedAsync(app);
    }

    /// <summary>Two tabs, or a double click on the provider's page: both sign-ins find no account and create it at once.</summary>
    private static async Task AssertTwoAtOnceSucceedAsync(AppFactory app)
    {
        for (var person = 0; person < 4; person++)
        {
            var oid = $"samtidig-{person}";
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var signIns = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await start.Task;
                return await SignInAsync(app, oid, $"{oid}@kommune.example", "Sam Tidig", "grp-direktion");
            }, TestContext.Current.CancellationToken)).ToList();
            start.SetResult();
            var principals = await Task.WhenAll(signIns);

            Assert.All(principals, p => Assert.Equal(OidcUsers.IdPrefix + oid, p.FindFirst(ClaimTypes.NameIdentifier)?.Value));
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
            var user = await users.FindByIdAsync(OidcUsers.IdPrefix + oid);
            Assert.NotNull(user);
            Assert.Single(await users.GetRolesAsync(user));
        }
    }

    /// <summary>The claims of a validated id_token (as the handler hands them over with MapInboundClaims off).</summary>
    private static async Task<ClaimsPrincipal> SignInAsync(AppFactory app, string oid, string userName, string name, params string[] groups)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var token = new ClaimsPrincipal(new ClaimsIdentity(
            [new("sub", "pairwise-" + oid), new("oid", oid), new("preferred_username", userName), new("name", name), .. groups.Select(g => new Claim("groups", g))],
            "AuthenticationTypes.Federation", "name", "roles"));
        return await scope.ServiceProvider.GetRequiredService<OidcUsers>().SignInPrincipalAsync(token) ?? throw new InvalidOperationException("No principal.");
    }
}
