namespace Udmoentning.Web.Realtime;

/// <summary>
/// Publishes a saved change once, through the <see cref="IChangeTransport"/> to every node's viewers; each node's
/// <see cref="HubRelay"/> passes it on to that node's hub clients. The change is already saved, so a failure to tell is
/// logged, never thrown at the one who saved it; a node whose viewers missed a change catches up (<see cref="Plans.PlanResync"/>).
/// </summary>
public sealed class PlanChangePublisher(IChangeTransport transport, RealtimeMetrics metrics, ILogger<PlanChangePublisher> logger)
{
    public Task PublishAsync(ItemChange change, CancellationToken cancellationToken = default)
    {
        metrics.Published(RealtimeMetrics.KindOf(change.Kind));
        return TryAsync(() => transport.PublishAsync(change, cancellationToken), change.PlanId);
    }

    /// <summary>A change to a plan's structure; its viewers and hub clients (of every plan, for committees and meetings) reload.</summary>
    public Task PublishAsync(StructureChange change, CancellationToken cancellationToken = default)
    {
        metrics.Published("structure");
        return TryAsync(() => transport.PublishAsync(change, cancellationToken), change.PlanId);
    }

    private async Task TryAsync(Func<Task> publish, int? planId)
    {
        try
        {
            await publish();
        }
        catch (Exception e)
        {
            // This node's viewers and hub clients have it (the transport hands it to them first); the others find it in the database.
            metrics.PublishFailed("other nodes");
            logger.LogWarning(e, "A saved change to plan {PlanId} could not be sent to the other web nodes; they take it from the database", planId);
        }
    }
}
