using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Udmoentning.Domain.Notifications;

namespace Udmoentning.Web.Notifications;

/// <summary>What an unsubscribe link turns off: one kind of mail for one person.</summary>
public sealed record Unsubscription(string UserId, MailKind Kind);

/// <summary>
/// The signed, expiring token in every mail's unsubscribe link: it names the person and the kind of mail, and works without
/// signing in for <see cref="Lifetime"/>. Signed with the app's data-protection keys (shared by every node through the
/// database), so a changed token is refused.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(60);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Udmoentning.Notifications.Unsubscribe").ToTimeLimitedDataProtector();

    public string Create(string userId, MailKind kind) =>
        _protector.Protect($"{(int)kind}|{userId}", clock.GetUtcNow() + Lifetime);

    /// <summary>What the token turns off; null when it is expired, changed or not a token at all.</summary>
    public Unsubscription? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000)
        {
            return null;
        }

        try
        {
            var text = _protector.Unprotect(token, out var expires);
            if (expires < clock.GetUtcNow())
            {
                return null;
            }

            var bar = text.IndexOf('|', StringComparison.Ordinal);
            return bar > 0 && int.TryParse(text[..bar], out var kind) && Enum.IsDefined((MailKind)kind) && bar + 1 < text.Length
                ? new Unsubscription(text[(bar + 1)..], (MailKind)kind)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
