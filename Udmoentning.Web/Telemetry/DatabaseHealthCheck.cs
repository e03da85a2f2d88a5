using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Telemetry;

/// <summary>Ready only while the plan's database can be reached: without it the node can show and save nothing.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<PlanDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // A provider may block instead of honouring the token (SQLite waits up to 30 s on a lock): the probe gives up at its timeout anyway.
            var reached = await Task.Run(() => CanConnectAsync(cancellationToken), cancellationToken).WaitAsync(cancellationToken);
            return reached ? HealthCheckResult.Healthy() : new HealthCheckResult(context.Registration.FailureStatus);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, exception: e);
        }
    }

    private async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken);
    }
}
