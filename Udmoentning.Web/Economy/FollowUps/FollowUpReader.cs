using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Economy;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Economy.FollowUps;

/// <summary>A follow-up as listed: who froze the plan, when, and as of which date.</summary>
public sealed record FollowUpSummary(int Id, string Name, DateOnly AsOf, string TakenByName, DateTime TakenAt);

/// <summary>One side of a comparison: a snapshot, or the plan as it is now (no id).</summary>
public sealed record ComparedSide(int? SnapshotId, string Label, FollowUpState State);

/// <summary>A comparison with what it compares, for the page and the workbook.</summary>
public sealed record FollowUpComparison(string PlanName, string BudgetPeriod, ComparedSide From, ComparedSide To, SnapshotComparison Changes);

/// <summary>Reads a plan's follow-up snapshots and compares any two of them, or one with now. Every signed-in reader may.</summary>
public sealed class FollowUpReader(IDbContextFactory<PlanDbContext> contexts, PlanCache plans)
{
    public const string NowLabel = "Nu";

    /// <summary>The plan's snapshots, newest first.</summary>
    public async Task<IReadOnlyList<FollowUpSummary>> ListAsync(int planId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var list = await db.FollowUps.AsNoTracking().Where(f => f.PlanId == planId)
            .Select(f => new FollowUpSummary(f.Id, f.Name, f.AsOf, f.TakenByName, f.TakenAt))
            .ToListAsync(cancellationToken);
        return [.. list.OrderByDescending(f => f.TakenAt).ThenByDescending(f => f.Id)];
    }

    /// <summary>Compares snapshot <paramref name="fromId"/> with <paramref name="toId"/>; null means the plan as it is now. Null with a Danish reason when either does not exist.</summary>
    public async Task<(FollowUpComparison? Comparison, string? Problem)> CompareAsync(int planId, int? fromId, int? toId, CancellationToken cancellationToken = default)
    {
        if (await plans.GetAsync(planId, cancellationToken) is not { } plan)
        {
            return (null, "Planen findes ikke.");
        }

        var from = await SideAsync(plan, fromId, cancellationToken);
        var to = await SideAsync(plan, toId, cancellationToken);
        return from is null || to is null
            ? (null, "Øjebliksbilledet findes ikke i denne plan.")
            : (new FollowUpComparison(plan.Plan.Name, plan.Plan.BudgetPeriod, from, to, SnapshotComparison.Between(from.State, to.State)), null);
    }

    private async Task<ComparedSide?> SideAsync(PlanSnapshot plan, int? snapshotId, CancellationToken cancellationToken)
    {
        if (snapshotId is not { } id)
        {
            return new ComparedSide(null, NowLabel, FollowUpState.Of(plan.Plan, plan.Committees, plan.Items, plan.Targets));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var snapshot = await db.FollowUps.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id && f.PlanId == plan.Plan.Id, cancellationToken);
        return snapshot is null ? null : new ComparedSide(snapshot.Id, snapshot.Name, snapshot.State);
    }
}
