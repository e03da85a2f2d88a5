using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Benchmarks.Circuits;
using Udmoentning.Domain.Access;
using Udmoentning.Web.Access;

namespace Udmoentning.Tests.Support;

/// <summary>Users as the app's own Identity makes them: demo users (Development) and any extra ones a test needs.</summary>
public static class TestUsers
{
    public const string Reader = "demo-laeser";
    public const string EditorAu = "demo-redaktoer-au";
    public const string EditorBuu = "demo-redaktoer-buu";
    public const string Coordinator = "demo-koordinator";
    public const string Administrator = "demo-administrator";

    /// <summary>The principal Identity signs this user in with: the same claims a cookie would carry.</summary>
    public static async Task<ClaimsPrincipal> PrincipalAsync(IServiceProvider services, string userName)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PlanUser>>().CreateAsync(user);
    }

    public static async Task<ClaimsPrincipal> CreateAsync(IServiceProvider services, string userName, Role role, string? committee = null)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
        await AccessStartup.EnsureUserAsync(users, userName, userName, password: null, role, committee);
        return await PrincipalAsync(services, userName);
    }

    /// <summary>Signs a client in through the login page's demo form, with its antiforgery token, as a browser would.</summary>
    public static Task SignInAsync(HttpClient client, string demoUser) =>
        DemoSignIn.SignInAsync(client, demoUser, TestContext.Current.CancellationToken);
}
