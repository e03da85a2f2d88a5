using Microsoft.AspNetCore.SignalR;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Web.Realtime;

/// <summary>
/// Publishes a saved change once: to every node's Blazor viewers through the <see cref="IChangeTransport"/> first, then to
/// hub clients through SignalR groups (a backplane carries them to other nodes). The change is already saved, so a failure
/// to tell is logged, never thrown at the one who saved it; a node whose viewers missed a change catches up
/// (<see cref="Planning.PlanResync"/>).
/// </summary>
public sealed class PlanChangePublisher(IHubContext<PlanHub, IPlanClient> hub, IChangeTransport transport, RealtimeMetrics metrics, ILogger<PlanChangePublisher> logger)
{
    public async Task PublishAsync(ItemChange change, IReadOnlyList<Committee> committees, CancellationToken cancellationToken = default)
    {
        metrics.Published(RealtimeMetrics.KindOf(change.Kind));
        await TryAsync(() => transport.PublishAsync(change, cancellationToken), "viewers", change.PlanId);

        var byId = committees.ToDictionary(c => c.Id);
        var message = ItemChangedMessage.From(change, byId.TryGetValue(change.Item.CommitteeId, out var owner) ? owner.ShortCode : string.Empty);
        var groups = new List<string> { PlanHub.GroupName(change.PlanId, null) };
        groups.AddRange(committees
            .Where(c => CommitteeExtract.Includes(c, change.Item) || change.PreviousCommitteeIds.Contains(c.Id))
            .Select(c => PlanHub.GroupName(change.PlanId, c.Slug)));
        await TryAsync(() => hub.Clients.Groups(groups).ItemChanged(message), "hub clients", change.PlanId);
    }

    /// <summary>A change to a plan's structure; hub clients of that plan (or of every plan, for committees and meetings) are told to reload.</summary>
    public async Task PublishAsync(StructureChange change, CancellationToken cancellationToken = default)
    {
        metrics.Published("structure");
        await TryAsync(() => transport.PublishAsync(change, cancellationToken), "viewers", change.PlanId);
        var message = new PlanChangedMessage(change.PlanId, change.Description, change.ChangedBy, change.ChangedAt);
        await TryAsync(() => (change.PlanId is { } planId ? hub.Clients.Group(PlanHub.GroupName(planId, null)) : hub.Clients.All).PlanChanged(message), "hub clients", change.PlanId);
    }

    private async Task TryAsync(Func<Task> publish, string to, int? planId)
    {
        try
        {
            await publish();
        }
        catch (Exception e)
        {
            metrics.PublishFailed(to);
            logger.LogError(e, "A saved change to plan {PlanId} could not be sent to {Audience}", planId, to);
        }
    }
}

/// <summary>The hub's message for a change to a plan's structure (themes, committees, meetings, the plan); <c>planId</c> null concerns every plan.</summary>
public sealed record PlanChangedMessage(int? PlanId, string Description, string ChangedBy, DateTimeOffset ChangedAt);
