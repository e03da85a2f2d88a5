using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;

namespace Udmoentning.Tests.Access;

/// <summary>
/// Two administrators who take each other's role, or disable each other, at the same moment leave one administrator:
/// each change checks and changes inside one locked transaction (<see cref="AdministratorsLock"/>). Before, each saw the
/// other still there, and both went.
/// </summary>
public abstract class LastAdministratorTests
{
    private const string Second = "anden-administrator";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract Task<AppFactory> StartAsync();

    [Fact]
    public async Task TwoAdministratorsTakingEachOthersRoleOrAccountAtOnceLeaveOne()
    {
        await using var app = await StartAsync();
        await TestUsers.CreateAsync(app.Services, Second, Role.Administrator);
        var first = await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator);
        var second = await TestUsers.PrincipalAsync(app.Services, Second);

        for (var round = 0; round < 4; round++)
        {
            var disable = round % 2 == 1;
            var outcomes = await AtOnceAsync(
                administration => disable ? administration.DisableAsync(first, Second) : administration.AssignAsync(first, Second, Role.Reader, []),
                administration => disable ? administration.DisableAsync(second, TestUsers.Administrator) : administration.AssignAsync(second, TestUsers.Administrator, Role.Reader, []));

            var left = await AdministratorsAsync(app);
            Assert.True(left.Count == 1, $"Round {round} ({(disable ? "disable" : "demote")}): {left.Count} administrators left; the two changes answered {string.Join(" and ", outcomes)}.");
            Assert.Single(outcomes, o => o == "done");

            // The one left gives the other back their role and account for the next round.
            var remaining = left[0] == TestUsers.Administrator ? first : second;
            var other = left[0] == TestUsers.Administrator ? Second : TestUsers.Administrator;
            await using var scope = app.Services.CreateAsyncScope();
            var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            Assert.Null(await administration.EnableAsync(remaining, other));
            Assert.Null(await administration.AssignAsync(remaining, other, Role.Administrator, []));
        }

        async Task<string[]> AtOnceAsync(params Func<UserAdministration, Task<string?>>[] changes)
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var running = changes.Select(change => Task.Run(async () =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
                await start.Task;
                try
                {
                    return await change(administration) ?? "done";
                }
                catch (UnauthorizedAccessException)
                {
                    return "refused: no longer an administrator";
                }
            }, Token)).ToList();
            start.SetResult();
            return await Task.WhenAll(running);
        }
    }

    /// <summary>The enabled administrators, as the database has them now.</summary>
    private static async Task<List<string>> AdministratorsAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
        return [.. (await users.GetUsersInRoleAsync(nameof(Role.Administrator))).Where(u => !CurrentUsers.IsDisabled(u)).Select(u => u.UserName!)];
    }
}

public sealed class LastAdministratorOnSqliteTests : LastAdministratorTests
{
    protected override Task<AppFactory> StartAsync() => Task.FromResult(new AppFactory());
}

public sealed class LastAdministratorOnPostgresTests : LastAdministratorTests
{
    protected override async Task<AppFactory> StartAsync() => new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = await TestDatabases.NewPostgresDatabaseAsync(),
        },
    };
}
