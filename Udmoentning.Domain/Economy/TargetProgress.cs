using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Economy;

/// <summary>
/// One budget year of a target, in 1.000 kr.: the target, what the counting items plan (all of them), what is realised
/// (the completed ones), and the gaps. A gap is what is still missing: with a savings target of -5.800 and -4.000
/// planned, the planned gap is -1.800; zero or the other sign means the target is met (or more than met).
/// </summary>
public sealed record TargetYear(int Year, long Target, long Planned, long Realised)
{
    public long PlannedGap => Missing(Planned);

    public long RealisedGap => Missing(Realised);

    public bool PlannedMet => PlannedGap == 0;

    public bool RealisedMet => RealisedGap == 0;

    /// <summary>The part of the target not reached by <paramref name="reached"/>: 0 once it is reached or passed.</summary>
    private long Missing(long reached) => Target switch
    {
        < 0 => Math.Min(0, Target - reached),
        > 0 => Math.Max(0, Target - reached),
        _ => 0,
    };
}

/// <summary>A target's progress over the plan's budget years. The one calculation the economy page, the board and the snapshots use.</summary>
public sealed record TargetProgress(EconomicTarget Target, IReadOnlyList<TargetYear> Years)
{
    public static TargetProgress Of(EconomicTarget target, IEnumerable<PlanItem> items, IEnumerable<int> years)
    {
        var counting = items.Where(i => target.Counts(i.Id)).ToList();
        return new TargetProgress(target, [.. years.Select(year => new TargetYear(
            year,
            target.AmountIn(year),
            counting.Sum(i => (long)i.EffectIn(year)),
            counting.Where(i => i.IsCompleted).Sum(i => (long)i.EffectIn(year))))]);
    }

    public TargetYear? In(int year) => Years.FirstOrDefault(y => y.Year == year);
}
