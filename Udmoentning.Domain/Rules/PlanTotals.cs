using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Rules;

/// <summary>
/// Economic totals per budget year, in 1.000 kr. (negative is a saving). Sums are <see cref="long"/>: each amount is
/// within ±<see cref="Limits.MaxAmountThousands"/>, but a few hundred of them can pass the range of <see cref="int"/>.
/// </summary>
public sealed record YearTotals(IReadOnlyDictionary<int, long> ByYear)
{
    public long this[int year] => ByYear.TryGetValue(year, out var amount) ? amount : 0;

    public long Sum => ByYear.Values.Sum();
}

/// <summary>Adds up the items' economic effects per year, and per theme, committee or kind.</summary>
public static class PlanTotals
{
    public static YearTotals PerYear(IEnumerable<PlanItem> items, IEnumerable<int> years)
    {
        var list = items as IReadOnlyCollection<PlanItem> ?? items.ToList();
        return new YearTotals(years.ToDictionary(year => year, year => list.Sum(item => (long)item.EffectIn(year))));
    }

    /// <summary>The savings (negative amounts) and the expansions (positive amounts) per year, each summed on its own.</summary>
    public static (YearTotals Savings, YearTotals Expansions) SavingsAndExpansions(IEnumerable<PlanItem> items, IEnumerable<int> years)
    {
        var list = items as IReadOnlyCollection<PlanItem> ?? items.ToList();
        var yearList = years.ToList();
        return (
            new YearTotals(yearList.ToDictionary(year => year, year => list.Sum(item => (long)Math.Min(0, item.EffectIn(year))))),
            new YearTotals(yearList.ToDictionary(year => year, year => list.Sum(item => (long)Math.Max(0, item.EffectIn(year))))));
    }

    public static IReadOnlyDictionary<TKey, YearTotals> PerGroup<TKey>(
        IEnumerable<PlanItem> items, IEnumerable<int> years, Func<PlanItem, TKey> group)
        where TKey : notnull
    {
        var yearList = years.ToList();
        return items.GroupBy(group).ToDictionary(g => g.Key, g => PerYear(g, yearList));
    }

    public static IReadOnlyDictionary<int, YearTotals> PerTheme(IEnumerable<PlanItem> items, IEnumerable<int> years) =>
        PerGroup(items, years, item => item.ThemeId);

    public static IReadOnlyDictionary<int, YearTotals> PerCommittee(IEnumerable<PlanItem> items, IEnumerable<int> years) =>
        PerGroup(items, years, item => item.CommitteeId);

    public static IReadOnlyDictionary<ItemKind, YearTotals> PerKind(IEnumerable<PlanItem> items, IEnumerable<int> years) =>
        PerGroup(items, years, item => item.Kind);
}
