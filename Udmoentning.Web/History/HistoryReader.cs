using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.History;

/// <summary>Reads the record of changes: one item's history, or what changed in a plan since a date.</summary>
public sealed class HistoryReader(IDbContextFactory<PlanDbContext> contexts)
{
    public async Task<IReadOnlyList<ItemHistoryEntry>> ForItemAsync(int itemId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.History.AsNoTracking().Where(h => h.ItemId == itemId).OrderByDescending(h => h.At).ThenByDescending(h => h.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The most changes one list shows.</summary>
    public const int MaxEntries = 2000;

    /// <summary>
    /// Changes since <paramref name="sinceUtc"/>, newest first, at most <see cref="MaxEntries"/>; with a committee, only
    /// items in its extract, chosen in the query so the limit counts the committee's own changes.
    /// </summary>
    public async Task<IReadOnlyList<ItemHistoryEntry>> SinceAsync(int planId, DateTime sinceUtc, string? committeeSlug, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var since = DateTime.SpecifyKind(sinceUtc, DateTimeKind.Utc);
        var query = db.History.AsNoTracking().Where(h => h.PlanId == planId && h.At >= since);
        if (committeeSlug is not null)
        {
            var committee = await db.Committees.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == committeeSlug, cancellationToken);
            if (committee is null)
            {
                return [];
            }

            var inExtract = (await db.Items.AsNoTracking().Where(i => i.PlanId == planId).ToListAsync(cancellationToken))
                .Where(i => CommitteeExtract.Includes(committee, i)).Select(i => i.Id).ToList();
            query = query.Where(h => inExtract.Contains(h.ItemId));
        }

        return await query.OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Take(MaxEntries).ToListAsync(cancellationToken);
    }
}
