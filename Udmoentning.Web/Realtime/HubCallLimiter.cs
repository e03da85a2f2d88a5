using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Udmoentning.Web.Access;

namespace Udmoentning.Web.Realtime;

/// <summary>
/// Every call on a <c>/hubs/plan</c> or <c>/hubs/board</c> connection counts: on average <see cref="RateLimitSettings.HubCallsPerSecond"/> a
/// second, with room for a burst of <see cref="RateLimitSettings.HubCallBurst"/>. A call over it is refused with a Danish
/// <see cref="HubException"/> before the method runs, and the connection stays open. One reader connection used to make
/// 61,000 <c>Follow</c> calls in 15 s; a wall display needs a handful a minute. A connection that goes on calling after
/// <see cref="MostRefusedInARow"/> refusals in a row is closed: SignalR logs every refused call as an error with its stack,
/// and a flood made 90,000 such entries (183 MB) in 30 s. Moves also count against the user's change budget
/// (<see cref="Changes.ChangeLimiter"/>), which is per user across all connections.
/// </summary>
public sealed class HubCallLimiter(RateLimitSettings limits, ILogger<HubCallLimiter> logger) : IHubFilter
{
    public const string TooMany = "For mange kald på kort tid – vent et øjeblik, og prøv igen.";

    /// <summary>Refused calls in a row, with no call let through between them, after which the connection is closed.</summary>
    public const int MostRefusedInARow = 10;

    private const string Key = nameof(HubCallLimiter);
    private const string RefusedKey = nameof(HubCallLimiter) + ".Refused";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connection = invocationContext.Context;
        using var lease = LimiterOf(connection).AttemptAcquire();
        if (!lease.IsAcquired)
        {
            var refused = connection.Items.TryGetValue(RefusedKey, out var count) && count is int n ? n + 1 : 1;
            connection.Items[RefusedKey] = refused;
            if (refused == MostRefusedInARow)
            {
                logger.LogWarning("Hub connection {ConnectionId} of user {UserId} went on calling after {Refused} refusals in a row; it is closed",
                    connection.ConnectionId, connection.UserIdentifier, refused);
                connection.Abort();
            }

            throw new HubException(TooMany);
        }

        connection.Items.Remove(RefusedKey);
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
