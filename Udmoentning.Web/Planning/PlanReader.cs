using Microsoft.EntityFrameworkCore;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Planning;

/// <summary>Reads the current plan from the database; <see cref="CurrentPlan"/> keeps it in memory for display.</summary>
public sealed class PlanReader(IDbContextFactory<PlanDbContext> contexts)
{
    /// <summary>The newest plan (by budget years), or null when the database holds none.</summary>
    public async Task<PlanSnapshot?> CurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.AsNoTracking()
            .Include(p => p.Themes.OrderBy(t => t.Position))
            .OrderByDescending(p => p.FirstBudgetYear).ThenByDescending(p => p.Id)
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var committees = await db.Committees.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().ToDictionaryAsync(m => m.Id, cancellationToken);
        var items = await db.Items.AsNoTracking()
            .Where(i => i.PlanId == plan.Id)
            .OrderBy(i => i.Position).ThenBy(i => i.Code)
            .ToListAsync(cancellationToken);
        return new PlanSnapshot(plan, [.. plan.Themes.OrderBy(t => t.Position)], committees, meetings, items);
    }
}
