using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Web.Access;

namespace Udmoentning.Benchmarks.Harness;

/// <summary>Principals for scenarios that host the app in-process, made the way the app signs a user in.</summary>
public static class AppUsers
{
    public static async Task<ClaimsPrincipal> CoordinatorAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
        var user = await users.FindByNameAsync("demo-koordinator") ?? throw new InvalidOperationException("No demo coordinator.");
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PlanUser>>().CreateAsync(user);
    }
}
