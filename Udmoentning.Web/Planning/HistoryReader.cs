using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Planning;

/// <summary>Reads the record of changes: one item's history, or what changed in a plan since a date.</summary>
public sealed class HistoryReader(IDbContextFactory<PlanDbContext> contexts)
{
    public async Task<IReadOnlyList<ItemHistoryEntry>> ForItemAsync(int itemId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.History.AsNoTracking().Where(h => h.ItemId == itemId).OrderByDescending(h => h.At).ThenByDescending(h => h.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Changes since <paramref name="sinceUtc"/>, newest first; with a committee, only items in its extract.</summary>
    public async Task<IReadOnlyList<ItemHistoryEntry>> SinceAsync(int planId, DateTime sinceUtc, string? committeeSlug, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var since = DateTime.SpecifyKind(sinceUtc, DateTimeKind.Utc);
        var entries = await db.History.AsNoTracking()
            .Where(h => h.PlanId == planId && h.At >= since)
            .OrderByDescending(h => h.At).ThenByDescending(h => h.Id)
            .Take(2000)
            .ToListAsync(cancellationToken);
        if (committeeSlug is null)
        {
            return entries;
        }

        var committee = await db.Committees.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == committeeSlug, cancellationToken);
        if (committee is null)
        {
            return [];
        }

        var itemIds = entries.Select(e => e.ItemId).Distinct().ToList();
        var inExtract = (await db.Items.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToListAsync(cancellationToken))
            .Where(i => CommitteeExtract.Includes(committee, i)).Select(i => i.Id).ToHashSet();
        return [.. entries.Where(e => inExtract.Contains(e.ItemId))];
    }
}
