using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Udmoentning.Web.Access;

/// <summary>How long a one-time password link works (<c>Access:PasswordLinkHours</c>, 72 by default).</summary>
public sealed record PasswordSettings(TimeSpan LinkLifetime)
{
    public static PasswordSettings From(IConfiguration configuration)
    {
        var hours = configuration.GetValue($"{AccessTimes.Section}:PasswordLinkHours", 72.0);
        if (hours is <= 0 or > 720)
        {
            throw new StartupException($"{AccessTimes.Section}:PasswordLinkHours must be above 0 and at most 720 (30 days).");
        }

        return new PasswordSettings(TimeSpan.FromHours(hours));
    }
}

/// <summary>
/// One-time links through which a user chooses a password: Identity's password-reset token, protected with the app's
/// data-protection keys (shared by every node) and bound to the user's security stamp, so it works once: setting the
/// password, a reset by an administrator or a newer link changes the stamp and every older link stops working.
/// Nothing is stored; the link expires after <see cref="PasswordSettings.LinkLifetime"/>.
/// </summary>
public sealed class PasswordLinks(UserManager<PlanUser> users, PasswordSettings settings, TimeProvider clock)
{
    public const string Path = "konto/adgangskode";

    /// <summary>A link relative to the app's base address, and when it expires.</summary>
    public async Task<(string Link, DateTimeOffset Expires)> CreateAsync(PlanUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        return ($"{Path}?bruger={Uri.EscapeDataString(user.Id)}&kode={code}", clock.GetUtcNow() + settings.LinkLifetime);
    }

    /// <summary>The user the link is for while it still works; null for a link that is expired, used, altered or nonsense.</summary>
    public async Task<PlanUser?> UserOfAsync(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || userId.Length > 450 || Token(code) is not { } token || await users.FindByIdAsync(userId) is not { } user)
        {
            return null;
        }

        return await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<PlanUser>.ResetPasswordTokenPurpose, token)
            ? user
            : null;
    }

    /// <summary>The token inside a link's code, or null when the code is not one.</summary>
    public static string? Token(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 2000)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
