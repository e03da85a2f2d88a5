using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Access;

/// <summary>A local account as the administration page lists it.</summary>
public sealed record UserSummary(string Id, string UserName, string DisplayName, Role? Role, IReadOnlyList<string> Committees, bool IsDisabled);

/// <summary>
/// The one way users, roles, committee assignments and disabled accounts change; only administrators (as the database
/// has them now) may use it. Each change is logged with who made it and takes effect at once: the changed user's
/// rights are read anew, and a disabled user's sessions end (their security stamp changes).
/// </summary>
public sealed class UserAdministration(
    UserManager<PlanUser> users,
    IDbContextFactory<PlanDbContext> contexts,
    CurrentUsers currentUsers,
    ILogger<UserAdministration> logger)
{
    public const string NotAdministrator = "Kun administratorer kan administrere brugere.";
    public const string LastAdministrator = "Der skal altid være mindst én aktiv administrator. Giv først en anden bruger rollen Administrator.";
    public const string NotYourself = "Du kan ikke deaktivere din egen konto.";

    public async Task<IReadOnlyList<UserSummary>> ListAsync(ClaimsPrincipal actor)
    {
        await RequireAdministratorAsync(actor, "list users", null);
        var result = new List<UserSummary>();
        foreach (var user in await users.Users.OrderBy(u => u.UserName).ToListAsync())
        {
            var committees = (await users.GetClaimsAsync(user)).Where(c => c.Type == AccessClaims.Committee).Select(c => c.Value).Order().ToList();
            result.Add(new UserSummary(user.Id, user.UserName ?? string.Empty, user.DisplayName, await RoleOfAsync(user), committees, CurrentUsers.IsDisabled(user)));
        }

        return result;
    }

    /// <summary>Gives the user exactly one role and, for editors, the committees they edit for.</summary>
    public async Task<string?> AssignAsync(ClaimsPrincipal actor, string userName, Role role, IReadOnlyCollection<string> committeeCodes)
    {
        var administrator = await RequireAdministratorAsync(actor, "assign a role to", userName);
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return $"Brugeren \"{userName}\" findes ikke.";
        }

        if (!Enum.IsDefined(role))
        {
            return "Vælg en rolle.";
        }

        await using var db = await contexts.CreateDbContextAsync();
        var known = await db.Committees.Select(c => c.ShortCode).ToListAsync();
        var unknown = committeeCodes.Where(c => !known.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            return $"Ukendt udvalg: {string.Join(", ", unknown)}.";
        }

        if (role == Role.Editor && committeeCodes.Count == 0)
        {
            return "En redaktør skal have mindst ét udvalg.";
        }

        if (role != Role.Administrator && await IsLastAdministratorAsync(user))
        {
            return LastAdministrator;
        }

        await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        await users.AddToRoleAsync(user, role.ToString());
        await users.RemoveClaimsAsync(user, (await users.GetClaimsAsync(user)).Where(c => c.Type == AccessClaims.Committee));
        if (role == Role.Editor)
        {
            await users.AddClaimsAsync(user, committeeCodes.Select(c => new Claim(AccessClaims.Committee, c.ToUpperInvariant())));
        }

        // The rights are read from the database (CurrentUsers): the user keeps their session and gets the new rights in it.
        currentUsers.Forget(user.Id);
        logger.LogInformation("{Administrator} gave {User} the role {Role} for {Committees}", administrator.Name, userName, role, string.Join(",", committeeCodes));
        return null;
    }

    /// <summary>Disables an account: it cannot sign in, and its open sessions lose access. Nothing else about it changes.</summary>
    public async Task<string?> DisableAsync(ClaimsPrincipal actor, string userName)
    {
        var administrator = await RequireAdministratorAsync(actor, "disable", userName);
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return $"Brugeren \"{userName}\" findes ikke.";
        }

        if (user.Id == administrator.UserId)
        {
            return NotYourself;
        }

        if (await IsLastAdministratorAsync(user))
        {
            return LastAdministrator;
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, CurrentUsers.DisabledUntil);
        await users.UpdateSecurityStampAsync(user);
        currentUsers.Forget(user.Id);
        logger.LogInformation("{Administrator} disabled {User}", administrator.Name, userName);
        return null;
    }

    /// <summary>Lets a disabled account sign in again, with the role and committees it had.</summary>
    public async Task<string?> EnableAsync(ClaimsPrincipal actor, string userName)
    {
        var administrator = await RequireAdministratorAsync(actor, "enable", userName);
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return $"Brugeren \"{userName}\" findes ikke.";
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        currentUsers.Forget(user.Id);
        logger.LogInformation("{Administrator} enabled {User}", administrator.Name, userName);
        return null;
    }

    /// <summary>Creates a local account with an initial password the administrator hands over; null or the Danish reason it failed.</summary>
    public async Task<string?> CreateAsync(ClaimsPrincipal actor, string userName, string displayName, string password, Role role, IReadOnlyCollection<string> committeeCodes)
    {
        await RequireAdministratorAsync(actor, "create", userName);
        var nameError = Limits.CheckText(userName, 100, "Brugernavn", required: true, multiLine: false)
            ?? Limits.CheckText(displayName, 120, "Navn", required: true, multiLine: false);
        if (nameError is not null)
        {
            return nameError;
        }

        var user = new PlanUser { UserName = userName.Trim(), DisplayName = displayName.Trim() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return string.Join(" ", created.Errors.Select(e => Danish(e)));
        }

        var assigned = await AssignAsync(actor, user.UserName, role, committeeCodes);
        if (assigned is not null)
        {
            await users.DeleteAsync(user);
        }

        return assigned;
    }

    /// <summary>The acting administrator as the database has them now; anyone else is refused, and the attempt logged.</summary>
    private async Task<Actor> RequireAdministratorAsync(ClaimsPrincipal actor, string action, string? userName)
    {
        var current = await currentUsers.ActorAsync(actor);
        if (!AccessRules.CanAdminister(current))
        {
            logger.LogWarning("Forbidden: user {UserId} tried to {Action} user {User}", CurrentUsers.UserId(actor), action, userName);
            throw new UnauthorizedAccessException(NotAdministrator);
        }

        return current;
    }

    /// <summary>Whether <paramref name="user"/> is the only enabled administrator, so taking the role or the account away leaves none.</summary>
    private async Task<bool> IsLastAdministratorAsync(PlanUser user) =>
        await RoleOfAsync(user) == Role.Administrator && !CurrentUsers.IsDisabled(user)
        && (await users.GetUsersInRoleAsync(nameof(Role.Administrator))).Count(a => !CurrentUsers.IsDisabled(a)) <= 1;

    private async Task<Role?> RoleOfAsync(PlanUser user)
    {
        var roles = (await users.GetRolesAsync(user)).Select(r => Enum.TryParse<Role>(r, out var parsed) ? parsed : (Role?)null).OfType<Role>().ToList();
        return roles.Count == 0 ? null : roles.Max();
    }

    private static string Danish(IdentityError error) => error.Code switch
    {
        "DuplicateUserName" => "Brugernavnet er allerede i brug.",
        "PasswordTooShort" => "Adgangskoden skal være mindst 12 tegn.",
        "InvalidUserName" => "Brugernavnet må kun indeholde bogstaver, tal og - . _ @ +.",
        _ => error.Description,
    };
}
