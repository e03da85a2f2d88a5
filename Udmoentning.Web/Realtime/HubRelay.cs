using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Realtime;

/// <summary>
/// Hands every change this node's viewers get to this node's <c>/hubs/plan</c> clients too: saved here, heard from another node,
/// or found in the database by <see cref="PlanResync"/>. So a hub client needs no backplane: it connects and gets its own
/// node's changes while Redis is down, and the changes it missed meanwhile when the resync finds them; each item revision once.
/// </summary>
public sealed class HubRelay(
    LocalChangeFeed feed,
    PlanCache plans,
    IDbContextFactory<PlanDbContext> contexts,
    IHubContext<PlanHub, IPlanClient> hub,
    RealtimeMetrics metrics,
    ILogger<HubRelay> logger) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.SubscribeAll(SendAsync, SendAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private async Task SendAsync(IReadOnlyList<ItemChange> changes)
    {
        foreach (var change in changes)
        {
            await TryAsync(async () =>
            {
                var committees = await CommitteesAsync(change);
                var owner = committees.FirstOrDefault(c => c.Id == change.Item.CommitteeId);
                var groups = new List<string> { PlanHub.GroupName(change.PlanId, null) };
                groups.AddRange(committees
                    .Where(c => CommitteeExtract.Includes(c, change.Item) || change.PreviousCommitteeIds.Contains(c.Id))
                    .Select(c => PlanHub.GroupName(change.PlanId, c.Slug)));
                await hub.Clients.Groups(groups).ItemChanged(ItemChangedMessage.From(change, owner?.ShortCode ?? string.Empty));
            }, change.PlanId);
        }
    }

    /// <summary>
    /// The committees, from the shared copy of the plan; from the database when the copy does not know one the item names
    /// (a committee made on another node a moment ago, whose news has not arrived here yet).
    /// </summary>
    private async Task<IReadOnlyList<Committee>> CommitteesAsync(ItemChange change)
    {
        var committees = (await plans.GetAsync(change.PlanId))?.Committees ?? [];
        var named = change.PreviousCommitteeIds.Append(change.Item.CommitteeId);
        if (change.Item.TreatmentCommitteeId is { } treatedBy)
        {
            named = named.Append(treatedBy);
        }

        if (named.All(id => committees.Any(c => c.Id == id)))
        {
            return committees;
        }

        await using var db = await contexts.CreateDbContextAsync();
        return await db.Committees.AsNoTracking().ToListAsync();
    }

    // The hub tells its clients of the plan; questions are not in it (and a draft is the administration's), so a change
    // to them is not sent.
    private Task SendAsync(StructureChange change) => !change.ChangesPlan ? Task.CompletedTask : TryAsync(() =>
    {
        var message = new PlanChangedMessage(change.PlanId, change.Description, change.ChangedBy, change.ChangedAt);
        return (change.PlanId is { } planId ? hub.Clients.Group(PlanHub.GroupName(planId, null)) : hub.Clients.All).PlanChanged(message);
    }, change.PlanId);

    private async Task TryAsync(Func<Task> send, int? planId)
    {
        try
        {
            await send();
        }
        catch (Exception e)
        {
            metrics.PublishFailed("hub clients");
            logger.LogError(e, "A change to plan {PlanId} could not be sent to this node's hub clients", planId);
        }
    }
}
