using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Economy;

/// <summary>A row of a totals table: a theme, committee or kind, its sums per year (from <see cref="PlanTotals"/>) and its items.</summary>
public sealed record GroupTotals(string Key, string Label, YearTotals Totals, IReadOnlyList<PlanItem> Items);

/// <summary>One chart's numbers: a label per row, and per series one value per label. The chart and its table show the same.</summary>
public sealed record ChartNumbers(IReadOnlyList<string> Labels, IReadOnlyList<ChartRow> Series)
{
    /// <summary>The rows' names in the table, in full where the chart's axis has short labels.</summary>
    public IReadOnlyList<string> RowNames { get; init; } = Labels;
}

public sealed record ChartRow(string Name, IReadOnlyList<long> Values);

/// <summary>
/// Everything the economy page shows, computed once from a plan snapshot (or a committee's extract of it). Sums come
/// from <see cref="PlanTotals"/> and targets from <see cref="TargetProgress"/>: the same numbers as the board and the overview.
/// </summary>
public sealed class EconomyFigures
{
    /// <summary>The figures computed for a snapshot, by committee id (0 for the whole plan); they go with the snapshot.</summary>
    private static readonly ConditionalWeakTable<PlanSnapshot, ConcurrentDictionary<int, EconomyFigures>> _computed = new();

    private EconomyFigures(PlanSnapshot snapshot, Committee? committee)
    {
        Snapshot = snapshot;
        Committee = committee;
        Years = [.. snapshot.Plan.BudgetYears];
        Items = [.. (committee is null ? snapshot.Items : CommitteeExtract.For(committee, snapshot.Items)).OrderBy(i => i.Code, ItemCodes.Order)];
        Total = PlanTotals.PerYear(Items, Years);
        (Savings, Expansions) = PlanTotals.SavingsAndExpansions(Items, Years);

        var perTheme = PlanTotals.PerTheme(Items, Years);
        ByTheme = [.. snapshot.Themes.Where(t => perTheme.ContainsKey(t.Id)).Select(t =>
            new GroupTotals($"tema-{t.Id}", $"{t.Position}. {t.Name}", perTheme[t.Id], ItemsWhere(i => i.ThemeId == t.Id)))];
        var perCommittee = PlanTotals.PerCommittee(Items, Years);
        ByCommittee = [.. snapshot.Committees.Where(c => perCommittee.ContainsKey(c.Id)).Select(c =>
            new GroupTotals($"udvalg-{c.Id}", $"{c.Name} ({c.ShortCode})", perCommittee[c.Id], ItemsWhere(i => i.CommitteeId == c.Id)))];
        var perKind = PlanTotals.PerKind(Items, Years);
        ByKind = [.. Enum.GetValues<ItemKind>().Where(perKind.ContainsKey).Select(k =>
            new GroupTotals($"type-{(int)k}", k.Name(), perKind[k], ItemsWhere(i => i.Kind == k)))];

        // A target belongs to the whole plan, so its progress counts the plan's items, also in a committee's view.
        Targets = [.. snapshot.Targets.Select(t => TargetProgress.Of(t, snapshot.Items, Years))];
    }

    /// <summary>
    /// The figures of <paramref name="snapshot"/> for <paramref name="committee"/> (the whole plan when null), computed once
    /// for everyone who shows that snapshot. The shared plan copy is a new snapshot after every change, and every viewer of
    /// the economy page shows the new one, so each change was computed again by every viewer: sorted, summed and grouped.
    /// </summary>
    public static EconomyFigures Of(PlanSnapshot snapshot, Committee? committee) =>
        _computed.GetValue(snapshot, _ => new ConcurrentDictionary<int, EconomyFigures>())
            .GetOrAdd(committee?.Id ?? 0, _ => new EconomyFigures(snapshot, committee));

    public PlanSnapshot Snapshot { get; }
    public Committee? Committee { get; }
    public IReadOnlyList<int> Years { get; }
    public IReadOnlyList<PlanItem> Items { get; }
    public YearTotals Total { get; }
    public YearTotals Savings { get; }
    public YearTotals Expansions { get; }
    public IReadOnlyList<GroupTotals> ByTheme { get; }
    public IReadOnlyList<GroupTotals> ByCommittee { get; }
    public IReadOnlyList<GroupTotals> ByKind { get; }
    public IReadOnlyList<TargetProgress> Targets { get; }

    /// <summary>Items per status in each main theme.</summary>
    public ChartNumbers StatusPerTheme() =>
        Count(ThemeLabels(), ThemeGroups(), Enum.GetValues<ItemStatus>(), (i, s) => i.Status == s, s => s.Name()) with { RowNames = ThemeNames() };

    public ChartNumbers HealthPerTheme() =>
        Count(ThemeLabels(), ThemeGroups(), Enum.GetValues<Health>(), (i, h) => i.Health == h, h => h.Name()) with { RowNames = ThemeNames() };

    public ChartNumbers HealthPerCommittee() => Count(
        [.. ByCommittee.Select(g => Snapshot.Committees.First(c => $"udvalg-{c.Id}" == g.Key).ShortCode)],
        [.. ByCommittee.Select(g => g.Items)], Enum.GetValues<Health>(), (i, h) => i.Health == h, h => h.Name())
        with { RowNames = [.. ByCommittee.Select(g => g.Label)] };

    /// <summary>How many items have slipped how many quarters against their baseline (items without a baseline are left out).</summary>
    public ChartNumbers Slippage()
    {
        var timed = Items.Where(i => i.BaselineTiming is not null && i.Timing is not null).ToList();
        var steps = timed.Select(i => i.Slippage).Append(0).Distinct().Order().ToList();
        return new ChartNumbers(
            [.. steps.Select(s => s == 0 ? "Til tiden" : Components.Shared.Format.Slippage(s))],
            [new ChartRow("Punkter", [.. steps.Select(s => (long)timed.Count(i => i.Slippage == s))])]);
    }

    /// <summary>A target's amount, planned and realised per year, as positive amounts for a savings target so the bars grow upward.</summary>
    public ChartNumbers TargetChart(TargetProgress progress)
    {
        var sign = progress.Years.Sum(y => y.Target) < 0 ? -1 : 1;
        return new ChartNumbers(
            [.. progress.Years.Select(y => y.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            [
                new ChartRow("Mål", [.. progress.Years.Select(y => sign * y.Target)]),
                new ChartRow("Planlagt", [.. progress.Years.Select(y => sign * y.Planned)]),
                new ChartRow("Realiseret", [.. progress.Years.Select(y => sign * y.Realised)]),
            ]);
    }

    private List<string> ThemeLabels() => [.. ByTheme.Select(g => g.Label.Split('.')[0] + ".")];

    private List<string> ThemeNames() => [.. ByTheme.Select(g => g.Label)];

    private List<IReadOnlyList<PlanItem>> ThemeGroups() => [.. ByTheme.Select(g => g.Items)];

    private static ChartNumbers Count<TSeries>(
        IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<PlanItem>> groups, IEnumerable<TSeries> series,
        Func<PlanItem, TSeries, bool> isIn, Func<TSeries, string> name) =>
        new(labels, [.. series.Select(s => new ChartRow(name(s), [.. groups.Select(g => (long)g.Count(i => isIn(i, s)))]))]);

    private List<PlanItem> ItemsWhere(Func<PlanItem, bool> predicate) => [.. Items.Where(predicate)];
}
