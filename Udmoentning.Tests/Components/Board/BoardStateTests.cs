using Udmoentning.Domain;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Tests.Domain;
using Udmoentning.Web.Board;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Components.Board;

/// <summary>
/// The board's running totals do not wrap past the range of an int; cards at equal positions keep one order; a committee's
/// economy follows the changes that alter it.
/// </summary>
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
        var snapshot = new PlanSnapshot(plan, plan.Themes, [], new Dictionary<int, CommitteeMeeting>(), items);

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
        var snapshot = new PlanSnapshot(plan, plan.Themes, [], new Dictionary<int, CommitteeMeeting>(), items);

        var board = new BoardState(snapshot, BoardFilter.None, committee: null);

        Assert.Equal(300L * Limits.MaxAmountThousands, board.TotalIn(2025));
        Assert.Equal(-300L * Limits.MaxAmountThousands, board.TotalIn(2026));
    }

    [Fact]
    public void ACommitteesEconomyFollowsNewAmountsAndItemsJoiningItsExtract()
    {
        var plan = TestPlans.Plan2025();
        var (au, buu) = (NewCommittee("Arbejdsmarkedsudvalget", "AU", 2), NewCommittee("Børne- og ungdomsudvalget", "BUU", 3));
        var snapshot = new PlanSnapshot(plan, plan.Themes, [au, buu], new Dictionary<int, CommitteeMeeting>(),
            [Copy(plan, 1, "AU-D1", au.Id), Copy(plan, 2, "BUU-D1", buu.Id)]);
        var board = new BoardState(snapshot, BoardFilter.None, au);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal((1, -500L, -1250L), Economy(board));

        // A move changes no amount: the sums stay.
        var moved = Copy(plan, 1, "AU-D1", au.Id);
        moved.MoveTo(ItemStatus.InProgress, 1);
        board.Apply([moved], now);
        Assert.Equal((1, -500L, -1250L), Economy(board));

        // New amounts: a saving turned into an expansion in 2025.
        var costlier = Copy(plan, 1, "AU-D1", au.Id, edits: 2, effects: [new YearlyEffect(2025, 300), new YearlyEffect(2026, -1250)]);
        board.Apply([costlier], now);
        Assert.Equal((1, 300L, -1250L), Economy(board));
        Assert.Equal((0L, 300L), (board.CommitteeEconomy!.Savings[2025], board.CommitteeEconomy.Expansions[2025]));

        // Another committee's item handed to this one joins its extract.
        board.Apply([Copy(plan, 2, "BUU-D1", au.Id, edits: 1)], now);
        Assert.Equal((2, -200L, -2500L), Economy(board));
    }

    [Fact]
    public void AChangeBelowEveryLongCellsWindowChangesOnlyCountsAndOneInViewChangesCards()
    {
        // Two long cells of 20 cards each; a viewer who has not scrolled renders the first 6 of each (ADR 0025).
        var plan = TestPlans.Plan2025();
        var items = Enumerable.Range(1, 40)
            .Select(id => TestPlans.Item(plan, id <= 20 ? ItemStatus.NotStarted : ItemStatus.InProgress, code: $"AU-D{id}").WithId(id))
            .ToList();
        var snapshot = new PlanSnapshot(plan, plan.Themes, [], new Dictionary<int, CommitteeMeeting>(), items);
        var board = new BoardState(snapshot, BoardFilter.None, committee: null);
        var (notStarted, inProgress) = (new CellKey(plan.Themes[0].Id, ItemStatus.NotStarted), new CellKey(plan.Themes[0].Id, ItemStatus.InProgress));
        var now = DateTimeOffset.UtcNow;

        // Card 15 (far below the window) to the bottom of the other cell: the counts change, no card in view does.
        board.Apply([Moved(plan, 15, ItemStatus.InProgress, position: 1e6)], now);
        Assert.False(board.ChangedCardsInView);
        Assert.Equal((19, 21), (board.Cell(notStarted).Count, board.Cell(inProgress).Count));

        // Card 3, in view, leaves its cell: the cards in view change.
        board.Apply([Moved(plan, 3, ItemStatus.InProgress, position: 1e6)], now);
        Assert.True(board.ChangedCardsInView);

        // Card 16, below the window, to the top of the other cell: it comes into view.
        board.Apply([Moved(plan, 16, ItemStatus.InProgress, position: -1)], now);
        Assert.True(board.ChangedCardsInView);

        // Card 2 changes where it is (a comment, say): a card in view shows it.
        var commented = TestPlans.Item(plan, code: "AU-D2").WithId(2);
        commented.NoteRelatedChange();
        board.Apply([commented], now);
        Assert.True(board.ChangedCardsInView);

        // An older copy changes nothing.
        board.Apply([TestPlans.Item(plan, code: "AU-D4").WithId(4)], now);
        Assert.False(board.ChangedCardsInView);
    }

    [Fact]
    public void ABoardRebuiltBeforeAnyChangeSharesThePlansItemsAndOneRebuiltAfterAChangeKeepsIt()
    {
        // Every viewer's board is built from the node's one copy of the plan, and rebuilt from what it knows (a second
        // load, a filter): until a change arrives that is the copy's own list, with one lookup by id for all viewers.
        var plan = TestPlans.Plan2025();
        var items = Enumerable.Range(1, 3).Select(id => TestPlans.Item(plan, code: $"AU-D{id}").WithId(id)).ToList();
        var snapshot = new PlanSnapshot(plan, plan.Themes, [], new Dictionary<int, CommitteeMeeting>(), items);
        var board = new BoardState(snapshot, BoardFilter.None, committee: null);

        Assert.Same(snapshot.Items, board.AllItems);

        board.Apply([Moved(plan, 2, ItemStatus.InProgress, position: 1)], DateTimeOffset.UtcNow);
        var rebuilt = new BoardState(snapshot with { Items = board.AllItems }, BoardFilter.None, committee: null);

        Assert.NotSame(snapshot.Items, board.AllItems);
        Assert.Equal([1, 2, 3], rebuilt.AllItems.Select(i => i.Id).Order());
        Assert.Equal(ItemStatus.InProgress, rebuilt.Item(2)!.Status);
        Assert.Equal([2], rebuilt.Cell(new CellKey(plan.Themes[0].Id, ItemStatus.InProgress)).Select(i => i.Id));
    }

    /// <summary>A copy of item <paramref name="id"/> moved to <paramref name="status"/> at <paramref name="position"/>, a revision later.</summary>
    private static PlanItem Moved(Plan plan, int id, ItemStatus status, double position)
    {
        var item = TestPlans.Item(plan, code: $"AU-D{id}").WithId(id);
        item.MoveTo(status, position);
        return item;
    }

    private static (int Items, long In2025, long In2026) Economy(BoardState board) =>
        (board.CommitteeEconomy!.Items, board.CommitteeEconomy.Total[2025], board.CommitteeEconomy.Total[2026]);

    /// <summary>A copy of an item as the change feed brings it: the same id, a later revision after each edit.</summary>
    private static PlanItem Copy(Plan plan, int id, string code, int committeeId, int edits = 0, IReadOnlyList<YearlyEffect>? effects = null)
    {
        var item = TestPlans.Item(plan, code: code, committeeId: committeeId).WithId(id);
        for (var i = 0; i < edits; i++)
        {
            item.Apply(plan, TestPlans.Details(plan, code, committeeId) with { Effects = effects ?? TestPlans.Details(plan).Effects });
        }

        return item;
    }

    private static Committee NewCommittee(string name, string shortCode, int id)
    {
        var committee = new Committee(name, shortCode);
        typeof(Committee).GetProperty(nameof(Committee.Id))!.SetValue(committee, id);
        return committee;
    }
}
