namespace Udmoentning.Web.Access;

/// <summary>What happened in a <see cref="SecurityEvent"/>; stored by name.</summary>
public enum SecurityEventKind
{
    SignInFailed,
    LockedOut,
    SignInWhileLockedOut,
    SignInWhileDisabled,
    SignInRateLimited,
    PasswordChanged,
    PasswordSetWithLink,
    PasswordLinkRefused,
    PasswordLinkCreated,
    PasswordReset,
    Unlocked,
    AdministrationRefused,
    EmailChanged,
    GroupChanged,
}

/// <summary>
/// One sign-in failure, lockout, refusal or password change, kept for administrators to see (never the password).
/// <see cref="UserName"/> is the name as typed, which may be no user at all.
/// </summary>
public sealed class SecurityEvent
{
    public const int UserNameLength = 256;
    public const int AddressLength = 64;
    public const int DetailLength = 400;

    public long Id { get; set; }
    public DateTime At { get; set; }
    public SecurityEventKind Kind { get; set; }
    public string UserName { get; set; } = string.Empty;
    public string? UserId { get; set; }
    public string? Address { get; set; }

    /// <summary>Who did it, when it was someone else (an administrator), or what was refused.</summary>
    public string? Detail { get; set; }
}
