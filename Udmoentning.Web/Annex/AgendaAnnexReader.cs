using Udmoentning.Domain;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Annex;

/// <summary>The annex, or the Danish reason there is none.</summary>
public sealed record AnnexLookup(AgendaAnnex? Annex, string? Problem);

/// <summary>Finds a plan's committee by its address and builds its agenda annex as the plan stands today (Danish time).</summary>
public sealed class AgendaAnnexReader(PlanCache plans, Ledger.LedgerReader ledgers, TimeProvider clock)
{
    public const string NoPlan = "Planen findes ikke.";

    private static readonly TimeZoneInfo _danish = DanishTime.Zone;

    /// <param name="planId">The plan; null for the default plan.</param>
    public async Task<AnnexLookup> ReadAsync(int? planId, string slug, CancellationToken cancellationToken = default)
    {
        if (await plans.GetAsync(planId, cancellationToken) is not { } snapshot)
        {
            return new AnnexLookup(null, NoPlan);
        }

        if (snapshot.CommitteeBySlug(slug) is not { } committee)
        {
            return new AnnexLookup(null, $"Udvalget \"{Shorten(slug)}\" findes ikke i planen \"{DisplayText.Safe(snapshot.Plan.Name)}\".");
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), _danish).DateTime);
        var annex = AgendaAnnex.Build(snapshot, committee, today);
        var extract = Domain.Rules.CommitteeExtract.For(committee, snapshot.Items).ToList();
        return new AnnexLookup(annex with { Ledger = await ledgers.FiguresAsync(snapshot.Plan.Id, extract, snapshot.Targets, annex.Years, cancellationToken) }, null);
    }

    /// <summary>A slug from the address as a message may quote it: short and safe.</summary>
    public static string Shorten(string slug) => DisplayText.Safe(slug.Length > 30 ? slug[..30] + "…" : slug);
}
