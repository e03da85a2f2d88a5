using Udmoentning.Web.Access;

namespace Udmoentning.Web.Calendars;

/// <summary>
/// The secret in a user's calendar addresses (<c>/kalender/{token}/…</c>): 32 random bytes, base64url. One per user; a
/// renewed token replaces the old one, so the old addresses stop answering at once.
/// </summary>
public sealed class CalendarToken
{
    /// <summary>The length of a token: 32 bytes in base64url without padding.</summary>
    public const int Length = RandomSecret.Length;

    private CalendarToken()
    {
        UserId = Token = string.Empty;
    }

    public CalendarToken(string userId, DateTime at)
    {
        UserId = userId;
        Token = string.Empty;
        Renew(at);
    }

    public string UserId { get; private set; }

    public string Token { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>A new secret: every address made with the old one stops working.</summary>
    public void Renew(DateTime at)
    {
        Token = RandomSecret.New();
        CreatedAt = DateTime.SpecifyKind(at, DateTimeKind.Utc);
    }

    /// <summary>Whether the text could be a token at all, so an address with anything else is answered without a query.</summary>
    public static bool IsWellFormed(string? token) => token is not null && RandomSecret.IsWellFormed(token);
}
