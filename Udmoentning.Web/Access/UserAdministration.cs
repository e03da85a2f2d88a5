using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Access;

/// <summary>A local account as the administration page lists it.</summary>
public sealed record UserSummary(string Id, string UserName, string DisplayName, Role? Role, IReadOnlyList<string> Committees);

/// <summary>
/// The one way users, roles and committee assignments change; only administrators may use it.
/// Each change is logged with who made it.
/// </summary>
public sealed class UserAdministration(
    UserManager<PlanUser> users,
    IDbContextFactory<PlanDbContext> contexts,
    ILogger<UserAdministration> logger)
{
    public const string NotAdministrator = "Kun administratorer kan administrere brugere.";

    public async Task<IReadOnlyList<UserSummary>> ListAsync(ClaimsPrincipal actor)
    {
        RequireAdministrator(actor);
        var result = new List<UserSummary>();
        foreach (var user in await users.Users.OrderBy(u => u.UserName).ToListAsync())
        {
            var roles = await users.GetRolesAsync(user);
            var committees = (await users.GetClaimsAsync(user)).Where(c => c.Type == AccessClaims.Committee).Select(c => c.Value).Order().ToList();
            var role = roles.Select(r => Enum.TryParse<Role>(r, out var parsed) ? parsed : (Role?)null).OfType<Role>().DefaultIfEmpty().Max();
            result.Add(new UserSummary(user.Id, user.UserName ?? string.Empty, user.DisplayName, role == default ? null : role, committees));
        }

        return result;
    }

    /// <summary>Gives the user exactly one role and, for editors, the committees they edit for.</summary>
    public async Task<string?> AssignAsync(ClaimsPrincipal actor, string userName, Role role, IReadOnlyCollection<string> committeeCodes)
    {
        RequireAdministrator(actor);
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

        await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        await users.AddToRoleAsync(user, role.ToString());
        await users.RemoveClaimsAsync(user, (await users.GetClaimsAsync(user)).Where(c => c.Type == AccessClaims.Committee));
        if (role == Role.Editor)
        {
            await users.AddClaimsAsync(user, committeeCodes.Select(c => new Claim(AccessClaims.Committee, c.ToUpperInvariant())));
        }

        await users.UpdateSecurityStampAsync(user);
        logger.LogInformation("{Administrator} gave {User} the role {Role} for {Committees}", actor.Name(), userName, role, string.Join(",", committeeCodes));
        return null;
    }

    /// <summary>Creates a local account with an initial password the administrator hands over; null or the Danish reason it failed.</summary>
    public async Task<string?> CreateAsync(ClaimsPrincipal actor, string userName, string displayName, string password, Role role, IReadOnlyCollection<string> committeeCodes)
    {
        RequireAdministrator(actor);
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

    private static void RequireAdministrator(ClaimsPrincipal actor)
    {
        if (!actor.Roles().Contains(Role.Administrator))
        {
            throw new UnauthorizedAccessException(NotAdministrator);
        }
    }

    private static string Danish(IdentityError error) => error.Code switch
    {
        "DuplicateUserName" => "Brugernavnet er allerede i brug.",
        "PasswordTooShort" => "Adgangskoden skal være mindst 12 tegn.",
        "InvalidUserName" => "Brugernavnet må kun indeholde bogstaver, tal og - . _ @ +.",
        _ => error.Description,
    };
}
