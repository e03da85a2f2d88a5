using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Udmoentning.Web.Telemetry;

/// <summary>
/// When this node uses Redis (a connection is registered only when <c>Realtime:Redis</c> is set), a PING. Redis away makes the node
/// Degraded, not Unhealthy: it still serves its own viewers, and changes from other nodes reach them once Redis is back.
/// </summary>
public sealed class RedisHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<IConnectionMultiplexer>() is not { } redis)
        {
            return HealthCheckResult.Healthy();
        }

        if (!redis.IsConnected)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Not connected.");
        }

        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, exception: e);
        }
    }
}
