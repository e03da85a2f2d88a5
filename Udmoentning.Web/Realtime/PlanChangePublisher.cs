using Microsoft.AspNetCore.SignalR;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Web.Realtime;

/// <summary>
/// Publishes a saved change once: to hub clients through SignalR groups (a backplane carries them to
/// other nodes), and to every node's Blazor viewers through the <see cref="IChangeTransport"/>.
/// </summary>
public sealed class PlanChangePublisher(IHubContext<PlanHub, IPlanClient> hub, IChangeTransport transport)
{
    public async Task PublishAsync(ItemChange change, IReadOnlyList<Committee> committees, CancellationToken cancellationToken = default)
    {
        var byId = committees.ToDictionary(c => c.Id);
        var message = ItemChangedMessage.From(change, byId.TryGetValue(change.Item.CommitteeId, out var owner) ? owner.ShortCode : string.Empty);

        var groups = new List<string> { PlanHub.GroupName(change.PlanId, null) };
        groups.AddRange(committees
            .Where(c => CommitteeExtract.Includes(c, change.Item) || change.PreviousCommitteeIds.Contains(c.Id))
            .Select(c => PlanHub.GroupName(change.PlanId, c.Slug)));

        await hub.Clients.Groups(groups).ItemChanged(message);
        await transport.PublishAsync(change, cancellationToken);
    }

    /// <summary>A change to a plan's structure; hub clients of that plan (or of every plan, for committees and meetings) are told to reload.</summary>
    public async Task PublishAsync(StructureChange change, CancellationToken cancellationToken = default)
    {
        var message = new PlanChangedMessage(change.PlanId, change.Description, change.ChangedBy, change.ChangedAt);
        await (change.PlanId is { } planId ? hub.Clients.Group(PlanHub.GroupName(planId, null)) : hub.Clients.All).PlanChanged(message);
        await transport.PublishAsync(change, cancellationToken);
    }
}

/// <summary>The hub's message for a change to a plan's structure (themes, committees, meetings, the plan); <c>planId</c> null concerns every plan.</summary>
public sealed record PlanChangedMessage(int? PlanId, string Description, string ChangedBy, DateTimeOffset ChangedAt);
