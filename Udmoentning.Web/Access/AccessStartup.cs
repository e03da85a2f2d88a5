using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Udmoentning.Domain.Access;

namespace Udmoentning.Web.Access;

/// <summary>
/// When the database is prepared (see DatabaseStartup): the roles exist; the first administrator is created from settings;
/// demo users exist in Development only. Says what it created.
/// </summary>
public static class AccessStartup
{
    public const string AdministratorSection = "Access:Administrator";

    public static async Task<IReadOnlyList<string>> PrepareAccessAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
        var created = new List<string>();
        foreach (var role in Enum.GetNames<Role>())
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
                created.Add(role);
            }
        }

        var done = new List<string> { created.Count == 0 ? "The roles were in place." : $"Created the roles {string.Join(", ", created)}." };
        if (await CreateAdministratorAsync(app, users) is { } administrator)
        {
            done.Add($"Created the first administrator {administrator}.");
        }

        if (app.Environment.IsDevelopment())
        {
            foreach (var demo in DemoUsers.All)
            {
                // Demo users have no password: they can only be signed in by the Development-only demo endpoint.
                await EnsureUserAsync(users, demo.UserName, demo.DisplayName, password: null, demo.Role, demo.Committee, DemoUsers.Email(demo));
            }

            done.Add("The demo users exist (Development).");
        }

        return done;
    }

    /// <summary>
    /// Why nobody could sign in to this app, or null: outside Development (no demo users) without single sign-on, someone
    /// must be an enabled administrator with a password, or the app starts and nobody can ever use it.
    /// </summary>
    public static async Task<string?> NobodyCanSignInAsync(this WebApplication app)
    {
        if (app.Environment.IsDevelopment() || !string.IsNullOrWhiteSpace(app.Configuration.GetSection(OidcSettings.Section)["Authority"]))
        {
            return null;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var administrators = await scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>().GetUsersInRoleAsync(nameof(Role.Administrator));
        return administrators.Any(a => a.PasswordHash is not null && !CurrentUsers.IsDisabled(a))
            ? null
            : "Nobody can sign in: there is no enabled administrator with a password and no single sign-on. Set " +
              $"{AdministratorSection}:UserName and {AdministratorSection}:Password once (e.g. Access__Administrator__Password in the " +
              $"environment) and start again, or configure {OidcSettings.Section}:Authority. See README, \"The first administrator\".";
    }

    /// <summary>
    /// Before anything in the database changes: a first administrator named in settings who is not in the database yet
    /// (<paramref name="exists"/>) must have a password, strong enough, or start-up (and <c>migrate</c>) stops here.
    /// </summary>
    public static async Task CheckAdministratorSettingsAsync(this WebApplication app, Func<string, Task<bool>> exists)
    {
        var userName = app.Configuration.GetSection(AdministratorSection)["UserName"];
        if (string.IsNullOrWhiteSpace(userName) || await exists(userName))
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        if (await AdministratorProblemAsync(app.Configuration, scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>()) is { } problem)
        {
            throw new StartupException(problem);
        }
    }

    /// <summary>Creates the administrator named in settings if there is none by that name; returns the name when it did.</summary>
    private static async Task<string?> CreateAdministratorAsync(WebApplication app, UserManager<PlanUser> users)
    {
        var section = app.Configuration.GetSection(AdministratorSection);
        var userName = section["UserName"];
        if (string.IsNullOrWhiteSpace(userName) || await users.FindByNameAsync(userName) is not null)
        {
            return null;
        }

        if (await AdministratorProblemAsync(app.Configuration, users) is { } problem)
        {
            throw new StartupException(problem);
        }

        await EnsureUserAsync(users, userName, section["DisplayName"] ?? userName, section["Password"], Role.Administrator, committee: null);
        return userName;
    }

    /// <summary>Why the first administrator named in settings cannot be created, or null.</summary>
    private static async Task<string?> AdministratorProblemAsync(IConfiguration configuration, UserManager<PlanUser> users)
    {
        var section = configuration.GetSection(AdministratorSection);
        var password = section["Password"];
        if (string.IsNullOrWhiteSpace(password))
        {
            return $"{AdministratorSection}:UserName is '{section["UserName"]}' but {AdministratorSection}:Password is missing. " +
                "Set it once, e.g. the environment variable Access__Administrator__Password, to create the first administrator; there is no default password.";
        }

        var user = new PlanUser { UserName = section["UserName"], DisplayName = section["DisplayName"] ?? section["UserName"] ?? string.Empty };
        var validation = await Task.WhenAll(users.PasswordValidators.Select(v => v.ValidateAsync(users, user, password)));
        var problems = validation.Where(r => !r.Succeeded).SelectMany(r => r.Errors).Select(e => e.Description).ToList();
        return problems.Count > 0
            ? $"The first administrator's password ({AdministratorSection}:Password) is too weak: {string.Join(" ", problems)}"
            : null;
    }

    public static async Task<PlanUser> EnsureUserAsync(UserManager<PlanUser> users, string userName, string displayName, string? password, Role role, string? committee, string? email = null)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is not null && email is not null && string.IsNullOrEmpty(user.Email))
        {
            user.Email = email;
            Check(await users.UpdateAsync(user), $"e-mail address of {userName}");
        }

        if (user is null)
        {
            user = new PlanUser { UserName = userName, DisplayName = displayName, Email = email };
            Check(password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password), $"user {userName}");
            Check(await users.AddToRoleAsync(user, role.ToString()), $"role of {userName}");
            if (committee is not null)
            {
                Check(await users.AddClaimAsync(user, new Claim(AccessClaims.Committee, committee)), $"committee of {userName}");
            }
        }

        return user;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new StartupException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
