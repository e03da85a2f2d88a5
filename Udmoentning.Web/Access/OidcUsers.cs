using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Access;

/// <summary>
/// A person signed in through the identity provider is a <see cref="PlanUser"/> like a local account: its id is
/// "oidc:" + the provider's stable object id (<c>oid</c>, Entra ID) or subject (<c>sub</c>), never a name that can change.
/// Every sign-in brings its name, role and committees up to date from the provider's groups, so the database holds
/// the user's current rights, and the cookie carries the same claims as a local account's.
/// </summary>
public sealed class OidcUsers(
    UserManager<PlanUser> users, PlanDbContext usersDb, IUserClaimsPrincipalFactory<PlanUser> principals, OidcClaimsMapper mapper, CurrentUsers currentUsers, ILogger<OidcUsers> logger)
{
    public const string IdPrefix = "oidc:";

    /// <summary>The principal to sign in with, or null when the provider's token names no stable user id or the account is disabled here.</summary>
    /// <remarks>
    /// Two sign-ins of the same person at the same moment (two tabs, a double click on the provider's page) both find no
    /// account, or both bring the same rights up to date; the slower one's write then fails on the faster one's. It is
    /// read again and done again, and finds the account as the other left it.
    /// </remarks>
    public async Task<ClaimsPrincipal?> SignInPrincipalAsync(ClaimsPrincipal fromProvider)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SignInOnceAsync(fromProvider);
            }
            catch (Exception e) when (attempt < MostAttempts && e is Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException)
            {
                // A conflict with the other sign-in: a key or name taken meanwhile, a changed concurrency stamp, or the
                // other's account already tracked by this context. Start again from what the database now has.
                logger.LogInformation("A sign-in through the identity provider met another at the same moment ({Reason}); it is done again", e.Message);
                usersDb.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Two sign-ins at once need at most two; more would be a fault, not a race, and is thrown.</summary>
    private const int MostAttempts = 4;

    private async Task<ClaimsPrincipal?> SignInOnceAsync(ClaimsPrincipal fromProvider)
    {
        var stableId = fromProvider.FindFirst("oid")?.Value ?? fromProvider.FindFirst("sub")?.Value;
        if (string.IsNullOrWhiteSpace(stableId))
        {
            return null;
        }

        var id = IdPrefix + stableId;
        var displayName = Limit(fromProvider.FindFirst("name")?.Value, 120);
        var wantedUserName = fromProvider.FindFirst("preferred_username")?.Value ?? fromProvider.FindFirst("email")?.Value ?? stableId;
        // The address mails go to: the provider's word, each sign-in (Entra ID gives "email" when asked for the scope).
        var email = Limit(fromProvider.FindFirst("email")?.Value, 256) is { } given && System.Net.Mail.MailAddress.TryCreate(given, out _) ? given : null;
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            user = new PlanUser { Id = id };
            user.UserName = await UserNameAsync(user, wantedUserName);
            user.DisplayName = displayName ?? user.UserName;
            user.Email = email;
            Check(await users.CreateAsync(user), "create", id);
        }
        else
        {
            var userName = await UserNameAsync(user, wantedUserName);
            if (user.UserName != userName || (displayName is not null && user.DisplayName != displayName) || (email is not null && user.Email != email))
            {
                user.UserName = userName;
                user.DisplayName = displayName ?? user.DisplayName;
                user.Email = email ?? user.Email;
                Check(await users.UpdateAsync(user), "update", id);
            }
        }

        if (CurrentUsers.IsDisabled(user))
        {
            // An administrator disabled this person here: the provider's word does not bring them back.
            logger.LogWarning("Disabled user {UserId} tried to sign in through the identity provider", id);
            return null;
        }

        await SyncAccessAsync(user, mapper.Map(fromProvider));
        currentUsers.Forget(id);
        return await principals.CreateAsync(user);
    }

    private async Task SyncAccessAsync(PlanUser user, OidcAccess access)
    {
        var roles = await users.GetRolesAsync(user);
        var wantedRoles = access.Role is { } role ? [role.ToString()] : Array.Empty<string>();
        var committees = (await users.GetClaimsAsync(user)).Where(c => c.Type == AccessClaims.Committee).ToList();
        var sameRoles = roles.Order().SequenceEqual(wantedRoles);
        var sameCommittees = committees.Select(c => c.Value).Order().SequenceEqual(access.Committees);
        if (sameRoles && sameCommittees)
        {
            return;
        }

        if (!sameRoles)
        {
            Check(await users.RemoveFromRolesAsync(user, roles), "remove the roles of", user.Id);
            if (wantedRoles.Length > 0)
            {
                Check(await users.AddToRolesAsync(user, wantedRoles), "add the role of", user.Id);
            }
        }

        if (!sameCommittees)
        {
            Check(await users.RemoveClaimsAsync(user, committees), "remove the committees of", user.Id);
            Check(await users.AddClaimsAsync(user, access.Committees.Select(c => new Claim(AccessClaims.Committee, c))), "add the committees of", user.Id);
        }

        Check(await users.UpdateSecurityStampAsync(user), "renew the security stamp of", user.Id);
        logger.LogInformation("The identity provider's groups gave {User} the role {Role} for {Committees}",
            user.UserName, access.Role?.ToString() ?? "(none)", string.Join(",", access.Committees));
    }

    /// <summary>The provider's user name when Identity accepts it and no other user has it; otherwise one made from the id.</summary>
    private async Task<string> UserNameAsync(PlanUser user, string wanted)
    {
        var allowed = users.Options.User.AllowedUserNameCharacters;
        wanted = wanted.Trim();
        if (wanted.Length is > 0 and <= 256 && wanted.All(allowed.Contains))
        {
            var holder = await users.FindByNameAsync(wanted);
            if (holder is null || holder.Id == user.Id)
            {
                return wanted;
            }
        }

        return "oidc-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user.Id)))[..20];
    }

    private static string? Limit(string? text, int length)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed[..Math.Min(trimmed.Length, length)];
    }

    private static void Check(IdentityResult result, string what, string id)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what} the user {id}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
