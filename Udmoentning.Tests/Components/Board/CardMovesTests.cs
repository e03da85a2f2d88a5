using Microsoft.AspNetCore.Components.Web;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Tests.Domain;
using Udmoentning.Web.Board;

namespace Udmoentning.Tests.Components.Board;

/// <summary>The one home of the keyboard's and the "Flyt til…" menu's arithmetic: which status is next, which card is above.</summary>
public sealed class CardMovesTests
{
    private static readonly Plan _plan = TestPlans.Plan2025();

    [Theory]
    [InlineData(ItemStatus.NotStarted, ItemStatus.InProgress)]
    [InlineData(ItemStatus.InProgress, ItemStatus.ReadyForPoliticalTreatment)]
    [InlineData(ItemStatus.ReadyForPoliticalTreatment, ItemStatus.Completed)]
    public void NextAndPreviousAreTheNeighbouringColumnsAtTheBottom(ItemStatus from, ItemStatus to)
    {
        var left = Item(1, from);
        var right = Item(2, to);

        Assert.Equal(new CardMove(to, null), CardMoves.Plan(left, [left], CardStep.Next));
        Assert.Equal(new CardMove(from, null), CardMoves.Plan(right, [right], CardStep.Previous));
    }

    [Fact]
    public void TheFirstColumnHasNoPreviousAndTheLastNoNext()
    {
        var first = Item(1, ItemStatus.NotStarted);
        var last = Item(2, ItemStatus.Completed);

        Assert.Null(CardMoves.Plan(first, [first], CardStep.Previous));
        Assert.Null(CardMoves.Plan(last, [last], CardStep.Next));
    }

    [Fact]
    public void UpPlacesTheCardAboveTheCardAboveIt()
    {
        var cell = Cell(4);

        Assert.Equal(new CardMove(ItemStatus.InProgress, 2), CardMoves.Plan(cell[2], cell, CardStep.Up));
        Assert.Equal(new CardMove(ItemStatus.InProgress, 1), CardMoves.Plan(cell[1], cell, CardStep.Up));
    }

    [Fact]
    public void DownPlacesTheCardAboveTheCardTwoBelowItOrAtTheBottom()
    {
        var cell = Cell(4);

        Assert.Equal(new CardMove(ItemStatus.InProgress, 4), CardMoves.Plan(cell[1], cell, CardStep.Down));
        Assert.Equal(new CardMove(ItemStatus.InProgress, null), CardMoves.Plan(cell[2], cell, CardStep.Down));
    }

    [Fact]
    public void TheTopCardCannotGoUpAndTheBottomCardCannotGoDown()
    {
        var cell = Cell(3);
        var alone = Cell(1);

        Assert.Null(CardMoves.Plan(cell[0], cell, CardStep.Up));
        Assert.Null(CardMoves.Plan(cell[2], cell, CardStep.Down));
        Assert.Null(CardMoves.Plan(alone[0], alone, CardStep.Up));
        Assert.Null(CardMoves.Plan(alone[0], alone, CardStep.Down));
    }

    [Fact]
    public void ACardThatIsNoLongerInTheCellIsNotReordered()
    {
        var cell = Cell(3);
        var gone = Item(9, ItemStatus.InProgress);

        Assert.Null(CardMoves.Plan(gone, cell, CardStep.Up));
        Assert.Null(CardMoves.Plan(gone, cell, CardStep.Down));
        Assert.NotNull(CardMoves.Plan(gone, cell, CardStep.Next));
    }

    [Theory]
    [InlineData("ArrowRight", true, CardStep.Next)]
    [InlineData("ArrowLeft", true, CardStep.Previous)]
    [InlineData("ArrowUp", true, CardStep.Up)]
    [InlineData("ArrowDown", true, CardStep.Down)]
    [InlineData("ArrowRight", false, null)]
    [InlineData("Enter", true, null)]
    [InlineData("a", false, null)]
    public void OnlyCtrlArrowsAreSteps(string key, bool ctrl, CardStep? step) =>
        Assert.Equal(step, CardMoves.FromKey(new KeyboardEventArgs { Key = key, CtrlKey = ctrl }));

    /// <summary>Cards 1..n of one cell, in order.</summary>
    private static PlanItem[] Cell(int count) => [.. Enumerable.Range(1, count).Select(id => Item(id, ItemStatus.InProgress))];

    private static PlanItem Item(int id, ItemStatus status)
    {
        var item = TestPlans.Item(_plan, status, code: $"AU-D{id}");
        typeof(PlanItem).GetProperty(nameof(PlanItem.Id))!.SetValue(item, id);
        return item;
    }
}
