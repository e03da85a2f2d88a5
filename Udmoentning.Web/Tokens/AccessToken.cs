using System.Security.Cryptography;
using System.Text;
using Udmoentning.Web.Access;

namespace Udmoentning.Web.Tokens;

/// <summary>
/// A personal access token ("personlig adgangsnøgle"): a secret a user makes for a program (Power BI, Excel) that reads the
/// feed as them. Only the SHA-256 hash of the secret is stored, with a short prefix to recognise it by; the secret itself is
/// shown once. Read-only is the only scope: the token is accepted by the feed's policy (<see cref="TokenPolicies.Feed"/>)
/// and by nothing else.
/// </summary>
public sealed class AccessToken
{
    /// <summary>What every secret starts with, so a secret found in a file or a log can be recognised as ours.</summary>
    public const string SecretStart = "udm_";

    /// <summary>The length of a secret: the start and 32 bytes in base64url without padding.</summary>
    public const int SecretLength = 4 + RandomSecret.Length;

    /// <summary>How much of the secret is kept to show: the start and six characters, too few to guess the rest from.</summary>
    public const int PrefixLength = 4 + 6;

    public const int NameLength = 100;

    private AccessToken()
    {
        UserId = Name = Prefix = Hash = string.Empty;
    }

    private AccessToken(string userId, string name, DateOnly expiresOn, DateTime at, string secret)
    {
        UserId = userId;
        Name = name;
        ExpiresOn = expiresOn;
        CreatedAt = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        Prefix = secret[..PrefixLength];
        Hash = HashOf(secret);
    }

    public int Id { get; private set; }

    public string UserId { get; private set; }

    public string Name { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>The last day the token is accepted (Danish time).</summary>
    public DateOnly ExpiresOn { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    /// <summary>When a program last used it, to the minute (it is written at most once a minute).</summary>
    public DateTime? LastUsedAt { get; private set; }

    public string Prefix { get; private set; }

    /// <summary>The SHA-256 hash of the secret, lowercase hex.</summary>
    public string Hash { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    /// <summary>A new token and its secret; the secret exists only in the answer.</summary>
    public static (AccessToken Token, string Secret) Create(string userId, string name, DateOnly expiresOn, DateTime at)
    {
        var secret = SecretStart + RandomSecret.New();
        return (new AccessToken(userId, name.Trim(), expiresOn, at, secret), secret);
    }

    public void Revoke(DateTime at)
    {
        RevokedAt = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        Version = Guid.NewGuid();
    }

    public TokenState StateOn(DateOnly today) =>
        RevokedAt is not null ? TokenState.Revoked : today > ExpiresOn ? TokenState.Expired : TokenState.Active;

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether the text could be a secret at all, so anything else is refused without a query.</summary>
    public static bool IsWellFormed(string secret) =>
        secret.StartsWith(SecretStart, StringComparison.Ordinal) && RandomSecret.IsWellFormed(secret.AsSpan(SecretStart.Length));
}

public enum TokenState
{
    Active,
    Expired,
    Revoked,
}
