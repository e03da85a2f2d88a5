using Udmoentning.Domain;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Tests.Domain;

/// <summary>Two budget follow-ups compared: what changed per item, what is new, completed, removed or moved, and the totals and target gaps per year.</summary>
public class SnapshotComparisonTests
{
    private readonly Plan _plan = TestPlans.Plan2025();
    private readonly List<Committee> _committees = [NewCommittee(2, "Arbejdsmarkedsudvalget", "AU"), NewCommittee(3, "Børne- og Ungeudvalget", "BU")];

    [Fact]
    public void AnUnchangedPlanComparesWithoutChanges()
    {
        var items = new List<PlanItem> { Item("AU-1", 1), Item("AU-2", 2) };

        var comparison = SnapshotComparison.Between(State(items), State(items));

        Assert.False(comparison.HasItemChanges);
        Assert.All(comparison.Totals, t => Assert.Equal(t.Before, t.After));
    }

    [Fact]
    public void StatusHealthTimingAndAmountsAreListedFieldByFieldAndLaterTimingIsNewSlippage()
    {
        var item = Item("AU-1", 1);
        var before = State([item]);
        item.Apply(_plan, item.ToDetails() with
        {
            Health = Health.Red,
            Timing = new Quarter(2026, 1),
            Effects = [new YearlyEffect(2025, -500), new YearlyEffect(2026, -2000)],
        });
        item.MoveTo(ItemStatus.InProgress, 1);

        var comparison = SnapshotComparison.Between(before, State([item]));

        var change = Assert.Single(comparison.Changed);
        Assert.Equal(
            [
                new FieldChange("Status", "Ikke påbegyndt", "I gang"),
                new FieldChange("Tilstand", "Grøn", "Rød"),
                new FieldChange("Vejledende tidspunkt", "Q2 2025", "Q1 2026"),
                new FieldChange("Beløb 2026", "-1.250", "-2.000"),
            ],
            change.Changes);
        Assert.Equal("AU-1", Assert.Single(comparison.NewSlippage).After.Code);
        Assert.Equal(new YearChange(2026, -1250, -2000), comparison.Totals.Single(t => t.Year == 2026));
        Assert.Empty(comparison.Added);
        Assert.Empty(comparison.Removed);
    }

    [Fact]
    public void EarlierTimingIsAChangeButNoSlippage()
    {
        var item = Item("AU-1", 1);
        var before = State([item]);
        item.Apply(_plan, item.ToDetails() with { Timing = new Quarter(2025, 1) });

        var comparison = SnapshotComparison.Between(before, State([item]));

        Assert.Single(comparison.Changed);
        Assert.Empty(comparison.NewSlippage);
    }

    [Fact]
    public void ItemsAddedRemovedCompletedAndMovedBetweenCommitteesAreEachListed()
    {
        var kept = Item("AU-1", 1, status: ItemStatus.InProgress);
        var removed = Item("AU-2", 2);
        var moved = Item("AU-3", 3);
        var before = State([kept, removed, moved]);

        var added = Item("BU-9", 9, committeeId: 3);
        kept.MoveTo(ItemStatus.Completed, 1);
        moved.Apply(_plan, moved.ToDetails() with { CommitteeId = 3 });

        var comparison = SnapshotComparison.Between(before, State([kept, moved, added]));

        Assert.Equal("BU-9", Assert.Single(comparison.Added).Code);
        Assert.Equal("AU-2", Assert.Single(comparison.Removed).Code);
        Assert.Equal("AU-1", Assert.Single(comparison.Completed).Code);
        var move = Assert.Single(comparison.Moved);
        Assert.Equal(("AU-3", "Arbejdsmarkedsudvalget", "Børne- og Ungeudvalget"), (move.Item.Code, move.FromCommittee, move.ToCommittee));
        // A move is not a change of status, health, timing or amounts.
        Assert.Equal(["AU-1"], comparison.Changed.Select(c => c.After.Code));
        // -500 of the removed item went, -500 of the added one came.
        Assert.Equal(new YearChange(2025, -1500, -1500), comparison.Totals.Single(t => t.Year == 2025));
    }

    [Fact]
    public void TargetGapsPerYearAreShownBeforeAndAfter()
    {
        var counted = Item("AU-1", 1, status: ItemStatus.InProgress);
        var target = new EconomicTarget(_plan.Id, "Effektiviseringsbidrag 0,5 pct.");
        target.SetAmounts(new Dictionary<int, int> { [2025] = -800 });
        target.CountItems([counted.Id]);
        var before = State([counted], [target]);
        counted.MoveTo(ItemStatus.Completed, 1);

        var comparison = SnapshotComparison.Between(before, State([counted], [target]));

        var gap = comparison.TargetGaps.Single(g => g.Year == 2025);
        Assert.Equal("Effektiviseringsbidrag 0,5 pct.", gap.Target);
        Assert.Equal((-300L, -800L), (gap.Before!.PlannedGap, gap.Before.RealisedGap));
        Assert.Equal((-300L, -300L), (gap.After!.PlannedGap, gap.After.RealisedGap));
    }

    [Fact]
    public void ASnapshotNeedsANameWithinTheLimits()
    {
        var state = State([]);
        var at = new DateTime(2026, 3, 31, 12, 0, 0, DateTimeKind.Utc);

        Assert.Throws<PlanRuleException>(() => FollowUpSnapshot.Take(1, " ", new DateOnly(2026, 3, 31), "u", "Ulla", at, state));
        Assert.Throws<PlanRuleException>(() => FollowUpSnapshot.Take(1, new string('x', FollowUpSnapshot.NameLength + 1), new DateOnly(2026, 3, 31), "u", "Ulla", at, state));
        Assert.Throws<PlanRuleException>(() => FollowUpSnapshot.Take(1, "Opfølgning\u202E", new DateOnly(2026, 3, 31), "u", "Ulla", at, state));
        Assert.Equal("Budgetopfølgning pr. 31. marts 2026", FollowUpSnapshot.DefaultName(new DateOnly(2026, 3, 31)));
    }

    private FollowUpState State(IReadOnlyList<PlanItem> items, IReadOnlyList<EconomicTarget>? targets = null) =>
        FollowUpState.Of(_plan, _committees, items, targets ?? []);

    private PlanItem Item(string code, int id, int committeeId = 2, ItemStatus status = ItemStatus.NotStarted) =>
        TestPlans.Item(_plan, status, code, committeeId).WithId(id);

    private static Committee NewCommittee(int id, string name, string code)
    {
        var committee = new Committee(name, code);
        typeof(Committee).GetProperty(nameof(Committee.Id))!.SetValue(committee, id);
        return committee;
    }
}
