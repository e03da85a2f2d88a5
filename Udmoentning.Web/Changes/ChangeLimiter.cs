using System.Security.Claims;
using System.Threading.RateLimiting;
using Udmoentning.Web.Access;

namespace Udmoentning.Web.Changes;

/// <summary>
/// How many changes one user may make per window (<c>RateLimits:ChangesPerUser</c>), counted in the application service,
/// so moves on the board, edits and moves through the hub share one budget.
/// </summary>
public sealed class ChangeLimiter(RateLimitSettings settings) : IDisposable
{
    public const string TooMany = "For mange ændringer på kort tid – vent et øjeblik.";

    private readonly PartitionedRateLimiter<string> _limiter = settings.PerKey(settings.ChangesPerUser);

    /// <summary>True when the user may make one more change now; anonymous users are refused later by the access rules.</summary>
    public bool TryAcquire(ClaimsPrincipal user)
    {
        if (ProtectionExtensions.UserKey(user) is not { } key)
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
