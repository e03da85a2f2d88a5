using System.Threading.RateLimiting;

namespace Udmoentning.Web.Access;

/// <summary>
/// Password attempts per account name (<c>RateLimits:SignInPerAccount</c>), whatever address they come from;
/// the per-address limit is in <see cref="ProtectionExtensions"/>.
/// </summary>
public sealed class SignInLimiter(RateLimitSettings settings) : IDisposable
{
    public const string TooMany = "For mange forsøg på at logge ind på kort tid. Vent et minut, og prøv igen.";

    private readonly PartitionedRateLimiter<string> _limiter = settings.PerKey(settings.SignInPerAccount);

    public bool TryAcquire(string? accountName)
    {
        // Case and surrounding spaces do not make a new account name; length is capped before it becomes a key.
        var key = (accountName ?? string.Empty).Trim().ToUpperInvariant();
        using var lease = _limiter.AttemptAcquire(key.Length > 256 ? key[..256] : key);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
