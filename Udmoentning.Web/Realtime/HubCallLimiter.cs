using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Udmoentning.Web.Access;

namespace Udmoentning.Web.Realtime;

/// <summary>
/// Every call on a <c>/hubs/plan</c> connection counts: on average <see cref="RateLimitSettings.HubCallsPerSecond"/> a
/// second, with room for a burst of <see cref="RateLimitSettings.HubCallBurst"/>. A call over it is refused with a Danish
/// <see cref="HubException"/> before the method runs, and the connection stays open. One reader connection used to make
/// 61,000 <c>Follow</c> calls in 15 s; a wall display needs a handful a minute. Moves also count against the user's
/// change budget (<see cref="Changes.ChangeLimiter"/>), which is per user across all connections.
/// </summary>
public sealed class HubCallLimiter(RateLimitSettings limits) : IHubFilter
{
    public const string TooMany = "For mange kald på kort tid – vent et øjeblik, og prøv igen.";

    private const string Key = nameof(HubCallLimiter);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        using var lease = LimiterOf(invocationContext.Context).AttemptAcquire();
        if (!lease.IsAcquired)
        {
            throw new HubException(TooMany);
        }

        return await next(invocationContext);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.Remove(Key, out var limiter) && limiter is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        await next(context, exception);
    }

    private RateLimiter LimiterOf(HubCallerContext connection)
    {
        if (connection.Items.TryGetValue(Key, out var value) && value is RateLimiter existing)
        {
            return existing;
        }

        var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, limits.HubCallBurst),
            TokensPerPeriod = Math.Max(1, limits.HubCallsPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        connection.Items[Key] = limiter;
        return limiter;
    }
}
