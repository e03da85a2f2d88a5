using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Economy;

/// <summary>
/// What changed between two follow-ups (or a follow-up and now): items whose status, health, timing or amounts changed,
/// new slippage, items new, completed and removed since, items moved between committees, and the totals and target gaps
/// per year before and after.
/// </summary>
public sealed record SnapshotComparison(
    IReadOnlyList<int> Years,
    IReadOnlyList<ItemDifference> Changed,
    IReadOnlyList<ItemDifference> NewSlippage,
    IReadOnlyList<FrozenItem> Added,
    IReadOnlyList<FrozenItem> Completed,
    IReadOnlyList<FrozenItem> Removed,
    IReadOnlyList<ItemMove> Moved,
    IReadOnlyList<YearChange> Totals,
    IReadOnlyList<TargetGapChange> TargetGaps)
{
    public const string StatusField = "Status";
    public const string HealthField = "Tilstand";
    public const string TimingField = "Vejledende tidspunkt";

    public bool HasItemChanges => Changed.Count + NewSlippage.Count + Added.Count + Completed.Count + Removed.Count + Moved.Count > 0;

    public static SnapshotComparison Between(FollowUpState before, FollowUpState after)
    {
        var years = before.Years.Union(after.Years).Order().ToList();
        var kept = after.Items.Select(a => (Before: before.Item(a.ItemId), After: a)).Where(p => p.Before is not null)
            .Select(p => (Before: p.Before!, p.After)).ToList();

        var changed = kept.Select(p => new ItemDifference(p.Before, p.After, Differences(p.Before, p.After, years))).Where(c => c.Changes.Count > 0).ToList();
        var slipped = kept.Where(p => p.Before.Timing is { } was && p.After.Timing is { } now && now > was)
            .Select(p => new ItemDifference(p.Before, p.After, [new FieldChange(TimingField, p.Before.Timing.ToString(), p.After.Timing.ToString())])).ToList();

        return new SnapshotComparison(
            years,
            changed,
            slipped,
            [.. after.Items.Where(a => before.Item(a.ItemId) is null)],
            [.. kept.Where(p => p.Before.Status != ItemStatus.Completed && p.After.Status == ItemStatus.Completed).Select(p => p.After)],
            [.. before.Items.Where(b => after.Item(b.ItemId) is null)],
            [.. kept.Where(p => p.Before.CommitteeId != p.After.CommitteeId).Select(p => new ItemMove(p.After, p.Before.Committee, p.After.Committee))],
            [.. years.Select(y => new YearChange(y, before.TotalIn(y), after.TotalIn(y)))],
            [.. TargetNames(before, after).SelectMany(name => years.Select(y => new TargetGapChange(
                name, y, before.Targets.FirstOrDefault(t => t.Name == name)?.In(y), after.Targets.FirstOrDefault(t => t.Name == name)?.In(y))))]);
    }

    private static IEnumerable<string> TargetNames(FollowUpState before, FollowUpState after) =>
        before.Targets.Select(t => t.Name).Union(after.Targets.Select(t => t.Name)).Order(StringComparer.Ordinal);

    private static List<FieldChange> Differences(FrozenItem before, FrozenItem after, IReadOnlyList<int> years)
    {
        var changes = new List<FieldChange>();
        if (before.Status != after.Status)
        {
            changes.Add(new FieldChange(StatusField, before.Status.Name(), after.Status.Name()));
        }

        if (before.Health != after.Health)
        {
            changes.Add(new FieldChange(HealthField, before.Health.Name(), after.Health.Name()));
        }

        if (before.Timing != after.Timing)
        {
            changes.Add(new FieldChange(TimingField, before.Timing?.ToString(), after.Timing?.ToString()));
        }

        foreach (var year in years.Where(y => before.AmountIn(y) != after.AmountIn(y)))
        {
            changes.Add(new FieldChange(AmountField(year), Amounts.Format(before.AmountIn(year)), Amounts.Format(after.AmountIn(year))));
        }

        return changes;
    }

    public static string AmountField(int year) => $"Beløb {year}";
}

/// <summary>An item's changes from one follow-up to the other, field by field.</summary>
public sealed record ItemDifference(FrozenItem Before, FrozenItem After, IReadOnlyList<FieldChange> Changes);

/// <summary>An item that moved from one committee to another.</summary>
public sealed record ItemMove(FrozenItem Item, string FromCommittee, string ToCommittee);

/// <summary>An amount per year before and after, in 1.000 kr.</summary>
public sealed record YearChange(int Year, long Before, long After)
{
    public long Difference => After - Before;
}

/// <summary>A target's year before and after; null where the target did not exist then.</summary>
public sealed record TargetGapChange(string Target, int Year, TargetYear? Before, TargetYear? After);
