using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Udmoentning.Web.Telemetry;

namespace Udmoentning.Web.Telemetry;

public static class HealthExtensions
{
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";

    private const string Ready = "ready";

    /// <summary>A hanging database or Redis must not hang the load balancer's probe: each check gives up after this.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Readiness: the database (Unhealthy without it) and Redis when this node uses it (Degraded without it).</summary>
    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [Ready], CheckTimeout)
            .AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, [Ready], CheckTimeout);
        return builder;
    }

    /// <summary>
    /// <c>/healthz/live</c> (the process answers; no checks) and <c>/healthz/ready</c> (can serve): anonymous, never rate limited
    /// or cached, and the body is only the status word (Healthy, Degraded or Unhealthy; 503 for Unhealthy) — no exception text,
    /// host names or versions.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) }).AllowAnonymous().DisableRateLimiting();
        return app;
    }
}
