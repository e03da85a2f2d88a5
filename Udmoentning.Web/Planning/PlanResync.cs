using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Planning;

/// <summary>
/// Catches this node up with changes it was never told of (a publish that failed after the save, a transport that
/// lost a message). Every <c>Realtime:ResyncInterval</c> it compares the revision of each item of the plans this node
/// holds (<see cref="PlanCache"/>) with the database, and dispatches every newer item to this node's viewers as a change.
/// Each node checks itself against the shared database, so it needs no other node. A change found here that is also
/// delivered the usual way is applied once: viewers and the cache keep the higher revision.
/// </summary>
public sealed class PlanResync(
    PlanCache plans,
    LocalChangeFeed feed,
    IDbContextFactory<PlanDbContext> contexts,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<PlanResync> logger) : BackgroundService
{
    public const string IntervalSetting = "Realtime:ResyncInterval";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue(IntervalSetting, TimeSpan.FromSeconds(15)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                logger.LogWarning(e, "Could not compare the plans in memory with the database; trying again later");
            }
        }
    }

    /// <summary>Dispatches every stored item that is newer than this node's copy; returns how many.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var found = 0;
        foreach (var snapshot in plans.Loaded())
        {
            var planId = snapshot.Plan.Id;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var stored = await db.Items.AsNoTracking().Where(i => i.PlanId == planId).Select(i => new { i.Id, i.Revision }).ToListAsync(cancellationToken);
            var known = snapshot.Items.ToDictionary(i => i.Id);
            var missed = stored.Where(s => !known.TryGetValue(s.Id, out var item) || item.Revision < s.Revision).Select(s => s.Id).ToList();
            if (missed.Count == 0)
            {
                continue;
            }

            var items = await db.Items.AsNoTracking().Where(i => missed.Contains(i.Id)).ToListAsync(cancellationToken);
            var by = (await db.History.AsNoTracking().Where(h => missed.Contains(h.ItemId)).OrderByDescending(h => h.Id)
                    .Select(h => new { h.ItemId, h.UserName }).ToListAsync(cancellationToken))
                .DistinctBy(h => h.ItemId).ToDictionary(h => h.ItemId, h => h.UserName);
            logger.LogWarning("Plan {PlanId}: {Count} changes had not reached this node's viewers; sending them now", planId, items.Count);
            var now = clock.GetUtcNow();
            foreach (var item in items)
            {
                var before = known.GetValueOrDefault(item.Id);
                feed.Dispatch(new ItemChange(planId, before is null ? ChangeKind.Created : ChangeKind.Edited, item,
                    before?.Status ?? item.Status,
                    before is null ? [] : [.. snapshot.Committees.Where(c => CommitteeExtract.Includes(c, before)).Select(c => c.Id)],
                    by.GetValueOrDefault(item.Id, "en anden"), now));
            }

            found += items.Count;
        }

        return found;
    }
}
