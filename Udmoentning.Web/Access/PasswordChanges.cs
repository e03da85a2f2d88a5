using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Udmoentning.Web.Access;

/// <summary>
/// The one way users change their own password: through a one-time link (first password, after a reset, or when an
/// administrator typed it), or signed in, with the current one. Every change and every refusal is a security event.
/// </summary>
public sealed class PasswordChanges(UserManager<PlanUser> users, PasswordLinks links, SecurityEvents events, CurrentUsers currentUsers)
{
    public const string LinkNotValid = "Linket er udløbet eller allerede brugt. Bed en administrator om et nyt.";
    public const string NotTheSame = "De to adgangskoder er ikke ens.";
    public const string ChooseAnother = "Vælg en anden adgangskode end den, du har nu.";
    public const string WrongCurrent = "Den nuværende adgangskode er forkert.";
    public const string LockedOut = "For mange forkerte forsøg: kontoen er spærret i et kvarter. Prøv igen senere, eller bed en administrator låse den op.";
    public const string NotLocal = "Din konto har ingen adgangskode i Udmøntning: du logger ind på anden vis, fx med organisationens konto.";

    /// <summary>Sets the password through a link; the user when it succeeded (to sign in), otherwise the Danish reason.</summary>
    public async Task<(PlanUser? User, string? Error)> SetWithLinkAsync(string? userId, string? code, string password, string repeat, string? address)
    {
        var user = await links.UserOfAsync(userId, code);
        if (user is null)
        {
            await events.RecordAsync(SecurityEventKind.PasswordLinkRefused, null, userId, address);
            return (null, LinkNotValid);
        }

        if (password != repeat)
        {
            return (null, NotTheSame);
        }

        if (user.PasswordHash is not null && await users.CheckPasswordAsync(user, password))
        {
            return (null, ChooseAnother);
        }

        var result = await users.ResetPasswordAsync(user, PasswordLinks.Token(code)!, password);
        if (!result.Succeeded)
        {
            return (null, Describe(result));
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await users.ResetAccessFailedCountAsync(user);
        if (!CurrentUsers.IsDisabled(user))
        {
            await users.SetLockoutEndDateAsync(user, null);
        }

        currentUsers.Forget(user.Id);
        await events.RecordAsync(SecurityEventKind.PasswordSetWithLink, user.UserName, user.Id, address);
        return (user, null);
    }

    /// <summary>A signed-in local user changes their password, giving the current one; null when it is changed.</summary>
    public async Task<string?> ChangeOwnAsync(ClaimsPrincipal actor, string current, string password, string repeat, string? address)
    {
        if (await users.GetUserAsync(actor) is not { } user)
        {
            return LinkNotValid;
        }

        if (user.Id.StartsWith(OidcUsers.IdPrefix, StringComparison.Ordinal) || user.PasswordHash is null)
        {
            return NotLocal;
        }

        if (password != repeat)
        {
            return NotTheSame;
        }

        // Someone at an open session guessing the current password counts towards the lockout like a wrong sign-in.
        if (await users.IsLockedOutAsync(user))
        {
            await events.RecordAsync(SecurityEventKind.SignInWhileLockedOut, user.UserName, user.Id, address, "skift af adgangskode");
            return LockedOut;
        }

        if (!await users.CheckPasswordAsync(user, current))
        {
            await users.AccessFailedAsync(user);
            var locked = await users.IsLockedOutAsync(user);
            await events.RecordAsync(
                locked ? SecurityEventKind.LockedOut : SecurityEventKind.SignInFailed, user.UserName, user.Id, address, "forkert nuværende adgangskode ved skift af adgangskode");
            return locked ? LockedOut : WrongCurrent;
        }

        if (current == password)
        {
            return ChooseAnother;
        }

        await users.ResetAccessFailedCountAsync(user);

        // Identity renews the security stamp: the user's other sessions end; the page signs this one in again.
        var result = await users.ChangePasswordAsync(user, current, password);
        if (!result.Succeeded)
        {
            return Describe(result);
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        currentUsers.Forget(user.Id);
        await events.RecordAsync(SecurityEventKind.PasswordChanged, user.UserName, user.Id, address);
        return null;
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
