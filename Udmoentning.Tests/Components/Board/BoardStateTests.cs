using Udmoentning.Domain;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Domain;
using Udmoentning.Web.Components.Pages.Board;
using Udmoentning.Web.Planning;

namespace Udmoentning.Tests.Components.Board;

/// <summary>The board's running totals do not wrap past the range of an int; cards at equal positions keep one order.</summary>
public class BoardStateTests
{
    [Fact]
    public void CardsAtTheSamePositionStandInIdOrderHoweverTheyArrive()
    {
        var plan = TestPlans.Plan2025();
        var items = new[] { 3, 1, 2 }.Select(n =>
        {
            var item = PlanItem.Create(plan, TestPlans.Details(plan, $"AU-D{n}"));
            typeof(PlanItem).GetProperty(nameof(PlanItem.Id))!.SetValue(item, n);
            return item;
        }).ToList();
        var snapshot = new PlanSnapshot(plan, plan.Themes, [], new Dictionary<int, Udmoentning.Domain.Plans.CommitteeMeeting>(), items);

        var board = new BoardState(snapshot, BoardFilter.None, committee: null);

        Assert.Equal(items[0].Position, items[1].Position);
        Assert.Equal([1, 2, 3], board.Cell(new CellKey(plan.Themes[0].Id, ItemStatus.NotStarted)).Select(i => i.Id));
    }

    [Fact]
    public void TheBoardsTotalsPastTheRangeOfAnIntAreExact()
    {
        var plan = TestPlans.Plan2025();
        var items = Enumerable.Range(1, 300).Select(n =>
        {
            var item = PlanItem.Create(plan, TestPlans.Details(plan, $"AU-D{n}") with
            {
                Effects = [new(2025, Limits.MaxAmountThousands), new(2026, -Limits.MaxAmountThousands)],
            });
            typeof(PlanItem).GetProperty(nameof(PlanItem.Id))!.SetValue(item, n);
            return item;
        }).ToList();
        var snapshot = new PlanSnapshot(plan, plan.Themes, [], new Dictionary<int, Udmoentning.Domain.Plans.CommitteeMeeting>(), items);

        var board = new BoardState(snapshot, BoardFilter.None, committee: null);

        Assert.Equal(300L * Limits.MaxAmountThousands, board.TotalIn(2025));
        Assert.Equal(-300L * Limits.MaxAmountThousands, board.TotalIn(2026));
    }
}
