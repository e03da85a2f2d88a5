using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Domain.Economy;

/// <summary>
/// A plan's state as a budget follow-up compares it: per item what it was (status, health, timing, amounts, committee
/// and theme by name), each target's progress per year, and the totals per year. Made the same way for a snapshot and
/// for "now", so that two of them compare field by field.
/// </summary>
public sealed record FollowUpState(IReadOnlyList<int> Years, IReadOnlyList<FrozenItem> Items, IReadOnlyList<FrozenTarget> Targets, IReadOnlyList<YearAmount> Totals)
{
    /// <param name="statusTexts">A follow-up round's status text per item id, frozen with the items when the round closes.</param>
    public static FollowUpState Of(
        Plan plan, IReadOnlyList<Committee> committees, IReadOnlyList<PlanItem> items, IReadOnlyList<EconomicTarget> targets,
        IReadOnlyDictionary<int, string?>? statusTexts = null)
    {
        var years = plan.BudgetYears.ToList();
        var themes = plan.Themes.ToDictionary(t => t.Id, t => t.Name);
        var committeeNames = committees.ToDictionary(c => c.Id, c => c.Name);
        var totals = PlanTotals.PerYear(items, years);
        return new FollowUpState(
            years,
            [.. items.OrderBy(i => i.Code, StringComparer.Ordinal).Select(i => new FrozenItem(
                i.Id, i.Code, i.Title,
                i.CommitteeId, committeeNames.GetValueOrDefault(i.CommitteeId, "?"),
                i.ThemeId, themes.GetValueOrDefault(i.ThemeId, "?"),
                i.Kind, i.Status, i.Health, i.Timing, i.BaselineTiming,
                [.. years.Select(y => new YearAmount(y, i.EffectIn(y)))],
                statusTexts?.GetValueOrDefault(i.Id),
                i.IsCrossCutting,
                i.TreatmentCommitteeId))],
            [.. targets.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new FrozenTarget(t.Name, TargetProgress.Of(t, items, years).Years))],
            [.. years.Select(y => new YearAmount(y, totals[y]))]);
    }

    public long TotalIn(int year) => Totals.FirstOrDefault(t => t.Year == year)?.Amount ?? 0;

    public FrozenItem? Item(int id) => Items.FirstOrDefault(i => i.ItemId == id);
}

/// <summary>
/// An item as it was at a follow-up; amounts in 1.000 kr. per budget year; the round's status text when a round was closed;
/// the cross-cutting flag and the treating committee, so a committee's extract of it is the one its annex showed. Snapshots
/// taken before these fields existed read them as not cross-cutting and untreated.
/// </summary>
public sealed record FrozenItem(
    int ItemId,
    string Code,
    string Title,
    int CommitteeId,
    string Committee,
    int ThemeId,
    string Theme,
    ItemKind Kind,
    ItemStatus Status,
    Health Health,
    Quarter? Timing,
    Quarter? BaselineTiming,
    IReadOnlyList<YearAmount> Amounts,
    string? StatusText = null,
    bool IsCrossCutting = false,
    int? TreatmentCommitteeId = null)
{
    public long AmountIn(int year) => Amounts.FirstOrDefault(a => a.Year == year)?.Amount ?? 0;

    /// <summary>Whether the item was in the committee's extract (<see cref="CommitteeExtract"/>) when it was frozen.</summary>
    public bool InExtractOf(int committeeId) => GroupIn(committeeId) is not null;

    /// <summary>Why the item was in the committee's extract when it was frozen, or null when it was not.</summary>
    public ExtractGroup? GroupIn(int committeeId) =>
        CommitteeExtract.GroupOf(committeeId, CommitteeId, TreatmentCommitteeId, IsCrossCutting || Kind == ItemKind.FiscalLeewayProposal);
}

/// <summary>A target as it stood at a follow-up: target, planned and realised per year (see <see cref="TargetProgress"/>).</summary>
public sealed record FrozenTarget(string Name, IReadOnlyList<TargetYear> Years)
{
    public TargetYear? In(int year) => Years.FirstOrDefault(y => y.Year == year);
}

/// <summary>An amount in one budget year, in 1.000 kr.</summary>
public sealed record YearAmount(int Year, long Amount);
