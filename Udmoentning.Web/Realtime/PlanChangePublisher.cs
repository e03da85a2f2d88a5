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
}
