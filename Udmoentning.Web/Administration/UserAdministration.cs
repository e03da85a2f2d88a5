using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Questions;
using Udmoentning.Web.Access;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Administration;

/// <summary>
/// A local account as the administration page lists it: <paramref name="LockedUntil"/> when too many wrong passwords locked
/// it (a disabled account is not "locked"); <paramref name="HasPassword"/> false while a one-time link waits to be used.
/// </summary>
public sealed record UserSummary(
    string Id, string UserName, string DisplayName, Role? Role, IReadOnlyList<string> Committees, bool IsDisabled,
    DateTimeOffset? LockedUntil = null, bool HasPassword = false, bool MustChangePassword = false, bool IsLocal = true, string? Email = null, string? Group = null);

/// <summary>The outcome of creating a user or resetting a password: the Danish reason it failed, or the one-time link to hand over (if any).</summary>
public sealed record PasswordLinkOutcome(string? Error, string? Link = null, DateTimeOffset? Expires = null)
{
    public static PasswordLinkOutcome Refused(string error) => new(error);
}

/// <summary>
/// The one way users, roles, committee assignments and disabled accounts change; only administrators (as the database
/// has them now) may use it. Each change is logged with who made it and takes effect at once: the changed user's
/// rights are read anew, and a disabled user's sessions end (their security stamp changes).
/// </summary>
public sealed class UserAdministration(
    UserManager<PlanUser> users,
    PlanDbContext usersDb,
    DatabaseSettings database,
    IDbContextFactory<PlanDbContext> contexts,
    CurrentUsers currentUsers,
    PasswordLinks links,
    SecurityEvents events,
    TimeProvider clock,
    ILogger<UserAdministration> logger)
{
    public const string NotAdministrator = "Kun administratorer kan administrere brugere.";
    public const string LastAdministrator = "Der skal altid være mindst én aktiv administrator. Giv først en anden bruger rollen Administrator.";
    public const string NotYourself = "Du kan ikke deaktivere din egen konto.";
    public const string NotLocal = "Brugeren logger ind med organisationens konto og har ingen adgangskode her.";
    public const string NotLocked = "Kontoen er ikke spærret.";

    public async Task<IReadOnlyList<UserSummary>> ListAsync(ClaimsPrincipal actor)
    {
        await RequireAdministratorAsync(actor, "list users", null);
        var result = new List<UserSummary>();
        foreach (var user in await users.Users.OrderBy(u => u.UserName).ToListAsync())
        {
            var committees = (await users.GetClaimsAsync(user)).Where(c => c.Type == AccessClaims.Committee).Select(c => c.Value).Order().ToList();
            var disabled = CurrentUsers.IsDisabled(user);
            var lockedUntil = !disabled && user.LockoutEnd > clock.GetUtcNow() ? user.LockoutEnd : null;
            result.Add(new UserSummary(
                user.Id, user.UserName ?? string.Empty, user.DisplayName, await RoleOfAsync(user), committees, disabled,
                lockedUntil, user.PasswordHash is not null, user.MustChangePassword, IsLocal(user), user.Email, user.Group));
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

        var refusal = await AdministratorsLock.RunAsync(usersDb, database.Provider, async () =>
        {
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

            return null;
        });
        if (refusal is not null)
        {
            return refusal;
        }

        // The rights are read from the database (CurrentUsers): the user keeps their session and gets the new rights in it.
        currentUsers.Forget(user.Id);
        logger.LogInformation("{Administrator} gave {User} the role {Role} for {Committees}", administrator.Name, userName, role, string.Join(",", committeeCodes));
        return null;
    }

    /// <summary>
    /// Sets the address mails go to (empty: none, and the person gets no mail). Not a sign-in name and not confirmed by
    /// mail: the administrator types what the municipality's directory says. The user's sessions are untouched.
    /// </summary>
    public Task<string?> SetEmailAsync(ClaimsPrincipal actor, string userName, string? email)
    {
        var address = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        return SetFieldAsync(actor, userName, "the e-mail address", address, SecurityEventKind.EmailChanged,
            () => address is not null && (address.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
                ? $"\"{Shorten(address)}\" er ikke en e-mailadresse. Skriv den som navn@kommune.dk, eller lad feltet stå tomt."
                : null,
            user => user.Email,
            (user, value) =>
            {
                user.Email = value;
                user.NormalizedEmail = value is null ? null : users.NormalizeEmail(value);
            });

        static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
    }

    /// <summary>
    /// Sets the party or group a member asks questions for ("Socialdemokratiet"; empty: none). A question takes it when it is
    /// asked, so a later change does not rewrite who asked for whom. The user's sessions are untouched.
    /// </summary>
    public Task<string?> SetGroupAsync(ClaimsPrincipal actor, string userName, string? group) =>
        SetFieldAsync(actor, userName, "the group", string.IsNullOrWhiteSpace(group) ? null : group.Trim(), SecurityEventKind.GroupChanged,
            () => TextRules.Check(group, PlanQuestion.GroupLength, "Parti/gruppe", required: false, multiLine: false),
            user => user.Group,
            (user, value) => user.Group = value);

    /// <summary>
    /// One field of a user that an administrator sets (<paramref name="value"/>, null: none): refused with
    /// <paramref name="problem"/>'s reason, unchanged when it is the same, otherwise saved and recorded as
    /// <paramref name="kind"/> with the old and new value.
    /// </summary>
    private async Task<string?> SetFieldAsync(
        ClaimsPrincipal actor, string userName, string what, string? value, SecurityEventKind kind, Func<string?> problem, Func<PlanUser, string?> get, Action<PlanUser, string?> set)
    {
        var administrator = await RequireAdministratorAsync(actor, $"set {what} of", userName);
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return $"Brugeren \"{userName}\" findes ikke.";
        }

        if (problem() is { } refused)
        {
            return refused;
        }

        var old = get(user);
        if (string.Equals(old, value, StringComparison.Ordinal))
        {
            return null;
        }

        set(user, value);
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return Describe(updated);
        }

        await events.RecordAsync(kind, user.UserName, user.Id, detail: $"{old ?? "ingen"} → {value ?? "ingen"}, af {administrator.Name}");
        logger.LogInformation("{Administrator} set {Field} of {User}", administrator.Name, what, userName);
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

        var refusal = await AdministratorsLock.RunAsync(usersDb, database.Provider, async () =>
        {
            if (await IsLastAdministratorAsync(user))
            {
                return LastAdministrator;
            }

            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, CurrentUsers.DisabledUntil);
            await users.UpdateSecurityStampAsync(user);
            return null;
        });
        if (refusal is not null)
        {
            return refusal;
        }
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

    /// <summary>
    /// Creates a local account. Without a password the outcome carries a one-time link through which the user chooses
    /// their first one; with a password the administrator typed, the user must change it at the first sign-in.
    /// </summary>
    public async Task<PasswordLinkOutcome> CreateAsync(
        ClaimsPrincipal actor, string userName, string displayName, string? password, Role role, IReadOnlyCollection<string> committeeCodes, string? email = null)
    {
        var administrator = await RequireAdministratorAsync(actor, "create", userName);
        var nameError = TextRules.Check(userName, 100, "Brugernavn", required: true, multiLine: false)
            ?? TextRules.Check(displayName, 120, "Navn", required: true, multiLine: false);
        if (nameError is not null)
        {
            return PasswordLinkOutcome.Refused(nameError);
        }

        var user = new PlanUser { UserName = userName.Trim(), DisplayName = displayName.Trim(), MustChangePassword = !string.IsNullOrEmpty(password) };
        var created = string.IsNullOrEmpty(password) ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return PasswordLinkOutcome.Refused(Describe(created));
        }

        var assigned = await AssignAsync(actor, user.UserName, role, committeeCodes) ?? await SetEmailAsync(actor, user.UserName, email);
        if (assigned is not null)
        {
            await users.DeleteAsync(user);
            return PasswordLinkOutcome.Refused(assigned);
        }

        if (!string.IsNullOrEmpty(password))
        {
            return new PasswordLinkOutcome(null);
        }

        await events.RecordAsync(SecurityEventKind.PasswordLinkCreated, user.UserName, user.Id, detail: $"af {administrator.Name}");
        return await LinkAsync(user);
    }

    /// <summary>
    /// A forgotten or exposed password: the old one stops working at once, every session of the user ends (new security
    /// stamp), a lockout is lifted, and the outcome carries a new one-time link. Earlier links stop working too.
    /// </summary>
    public async Task<PasswordLinkOutcome> ResetPasswordAsync(ClaimsPrincipal actor, string userName)
    {
        var administrator = await RequireAdministratorAsync(actor, "reset the password of", userName);
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return PasswordLinkOutcome.Refused($"Brugeren \"{userName}\" findes ikke.");
        }

        if (!IsLocal(user))
        {
            return PasswordLinkOutcome.Refused(NotLocal);
        }

        if (user.PasswordHash is not null)
        {
            var removed = await users.RemovePasswordAsync(user);
            if (!removed.Succeeded)
            {
                return PasswordLinkOutcome.Refused(Describe(removed));
            }
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        if (!CurrentUsers.IsDisabled(user))
        {
            await users.SetLockoutEndDateAsync(user, null);
        }

        await users.ResetAccessFailedCountAsync(user);
        currentUsers.Forget(user.Id);
        await events.RecordAsync(SecurityEventKind.PasswordReset, user.UserName, user.Id, detail: $"af {administrator.Name}");
        return await LinkAsync(user);
    }

    /// <summary>Lifts a lockout after too many wrong passwords before it runs out; a disabled account is enabled with <see cref="EnableAsync"/>.</summary>
    public async Task<string?> UnlockAsync(ClaimsPrincipal actor, string userName)
    {
        var administrator = await RequireAdministratorAsync(actor, "unlock", userName);
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return $"Brugeren \"{userName}\" findes ikke.";
        }

        if (CurrentUsers.IsDisabled(user) || !(user.LockoutEnd > clock.GetUtcNow()))
        {
            return NotLocked;
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        currentUsers.Forget(user.Id);
        await events.RecordAsync(SecurityEventKind.Unlocked, user.UserName, user.Id, detail: $"af {administrator.Name}");
        return null;
    }

    /// <summary>The newest security events (failed sign-ins, lockouts, refusals, password changes), newest first.</summary>
    public async Task<IReadOnlyList<SecurityEventView>> SecurityEventsAsync(ClaimsPrincipal actor, int count = 100)
    {
        await RequireAdministratorAsync(actor, "read the security events of", null);
        return await events.LatestAsync(Math.Clamp(count, 1, 1000));
    }

    private async Task<PasswordLinkOutcome> LinkAsync(PlanUser user)
    {
        var (link, expires) = await links.CreateAsync(user);
        logger.LogInformation("A one-time password link for {User} was made; it expires {Expires}", user.UserName, expires);
        return new PasswordLinkOutcome(null, link, expires);
    }

    private static bool IsLocal(PlanUser user) => !user.Id.StartsWith(OidcUsers.IdPrefix, StringComparison.Ordinal);

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));

    /// <summary>The acting administrator as the database has them now; anyone else is refused, and the attempt logged.</summary>
    private async Task<Actor> RequireAdministratorAsync(ClaimsPrincipal actor, string action, string? userName)
    {
        var current = await currentUsers.ActorAsync(actor);
        if (!AccessRules.CanAdminister(current))
        {
            logger.LogWarning("Forbidden: user {UserId} tried to {Action} user {User}", CurrentUsers.UserId(actor), action, userName);
            await events.RecordAsync(SecurityEventKind.AdministrationRefused, actor.Identity?.Name, CurrentUsers.UserId(actor), detail: $"{action} {userName}".Trim());
            throw new UnauthorizedAccessException(NotAdministrator);
        }

        return current;
    }

    /// <summary>Whether <paramref name="user"/> is the only enabled administrator, so taking the role or the account away leaves none.</summary>
    /// <remarks>Read afresh inside <see cref="AdministratorsLock"/>: an account this context loaded before may have been disabled since.</remarks>
    private async Task<bool> IsLastAdministratorAsync(PlanUser user)
    {
        if (await RoleOfAsync(user) != Role.Administrator)
        {
            return false;
        }

        var administrators = await users.GetUsersInRoleAsync(nameof(Role.Administrator));
        foreach (var administrator in administrators.Append(user).Distinct())
        {
            await usersDb.Entry(administrator).ReloadAsync();
        }

        return !CurrentUsers.IsDisabled(user) && administrators.Count(a => !CurrentUsers.IsDisabled(a)) <= 1;
    }

    private async Task<Role?> RoleOfAsync(PlanUser user)
    {
        var roles = (await users.GetRolesAsync(user)).Select(r => Enum.TryParse<Role>(r, out var parsed) ? parsed : (Role?)null).OfType<Role>().ToList();
        return roles.Count == 0 ? null : roles.Max();
    }
}
