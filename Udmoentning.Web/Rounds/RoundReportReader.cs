using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Web.Annex;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Rounds;

/// <summary>The round's report, or the Danish reason there is none.</summary>
public sealed record RoundReportLookup(RoundReport? Report, string? Problem);

/// <summary>
/// Builds a closed round's report from the snapshot it was frozen as, compared with the snapshot of the plan's previous
/// closed round (the latest closed before it). Every signed-in reader may read it.
/// </summary>
public sealed class RoundReportReader(IDbContextFactory<PlanDbContext> contexts, RoundReader rounds, PlanCache plans, Ledger.LedgerReader ledgers)
{
    public const string NoRound = "Runden findes ikke i planen.";

    /// <param name="slug">The committee whose extract to show; null for the whole plan.</param>
    public async Task<RoundReportLookup> ReadAsync(int planId, int roundId, string? slug, CancellationToken cancellationToken = default)
    {
        if (await plans.GetAsync(planId, cancellationToken) is not { } plan)
        {
            return new RoundReportLookup(null, AgendaAnnexReader.NoPlan);
        }

        if (await rounds.GetAsync(planId, roundId, cancellationToken) is not { } round)
        {
            return new RoundReportLookup(null, NoRound);
        }

        if (!round.IsClosed || round.SnapshotId is not { } snapshotId)
        {
            return new RoundReportLookup(null,
                $"Runden \"{DisplayText.Safe(round.Name)}\" er ikke lukket endnu. Rapporten kan laves, når en koordinator har lukket runden.");
        }

        // Without a committee asked for, a committee's round reports that committee's extract, named as such.
        var committee = slug is null ? plan.Committee(round.CommitteeId) : plan.CommitteeBySlug(slug);
        if (slug is not null && committee is null)
        {
            return new RoundReportLookup(null, $"Udvalget \"{AgendaAnnexReader.Shorten(slug)}\" findes ikke i planen \"{DisplayText.Safe(plan.Plan.Name)}\".");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var state = (await db.FollowUps.AsNoTracking().SingleOrDefaultAsync(f => f.Id == snapshotId, cancellationToken))?.State;
        if (state is null)
        {
            return new RoundReportLookup(null, $"Øjebliksbilledet af runden \"{DisplayText.Safe(round.Name)}\" findes ikke længere.");
        }

        // The plan has few rounds: sorting them here keeps the comparison of close times out of the database's date types.
        var closed = await db.Rounds.AsNoTracking()
            .Where(r => r.PlanId == planId && r.Id != round.Id && r.ClosedAt != null && r.SnapshotId != null)
            .Select(r => new { r.Id, r.Name, r.ClosedAt, r.SnapshotId })
            .ToListAsync(cancellationToken);
        var previous = closed
            .Where(r => r.ClosedAt < round.ClosedAt || (r.ClosedAt == round.ClosedAt && r.Id < round.Id))
            .OrderByDescending(r => r.ClosedAt).ThenByDescending(r => r.Id)
            .FirstOrDefault();
        var previousState = previous is null
            ? null
            : (await db.FollowUps.AsNoTracking().SingleOrDefaultAsync(f => f.Id == previous.SnapshotId, cancellationToken))?.State;

        var report = RoundReport.Build(plan.Plan, round, state, previous is not null && previousState is not null ? (previous.Name, previousState) : null, committee);
        var ledger = await ledgers.FiguresAsync(
            planId, [.. plan.Items.Where(i => report.ItemIds.Contains(i.Id))], plan.Targets, report.Years, cancellationToken, onOrBefore: report.ClosedOn);
        return new RoundReportLookup(report with { Ledger = ledger }, null);
    }
}
