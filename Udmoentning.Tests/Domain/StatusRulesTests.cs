using Udmoentning.Domain;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Tests.Domain;

public class StatusRulesTests
{
    [Theory]
    [InlineData(ItemStatus.NotStarted, ItemStatus.InProgress)]
    [InlineData(ItemStatus.InProgress, ItemStatus.NotStarted)]
    [InlineData(ItemStatus.InProgress, ItemStatus.Completed)]
    [InlineData(ItemStatus.ReadyForPoliticalTreatment, ItemStatus.Completed)]
    [InlineData(ItemStatus.ReadyForPoliticalTreatment, ItemStatus.InProgress)]
    [InlineData(ItemStatus.Completed, ItemStatus.InProgress)]
    public void AllowsTheMovesOfNormalWork(ItemStatus from, ItemStatus to)
    {
        var plan = TestPlans.Plan2025();
        var item = TestPlans.Item(plan, from);

        item.MoveTo(to, position: 1);

        Assert.Equal(to, item.Status);
    }

    [Fact]
    public void RefusesToCompleteAnItemThatHasNotStarted()
    {
        var plan = TestPlans.Plan2025();
        var item = TestPlans.Item(plan, ItemStatus.NotStarted);

        var error = Assert.Throws<PlanRuleException>(() => item.MoveTo(ItemStatus.Completed, 1));

        Assert.Equal("AU-D3 er ikke påbegyndt. Flyt det først til \"I gang\".", error.Message);
        Assert.Equal(ItemStatus.NotStarted, item.Status);
    }

    [Fact]
    public void RefusesToSkipFromCompletedStraightToPoliticalTreatment()
    {
        var plan = TestPlans.Plan2025();
        var item = TestPlans.Item(plan, ItemStatus.Completed);

        var error = Assert.Throws<PlanRuleException>(() => item.MoveTo(ItemStatus.ReadyForPoliticalTreatment, 1));

        Assert.Contains("er afsluttet", error.Message);
        Assert.Equal(ItemStatus.Completed, item.Status);
    }

    [Fact]
    public void ReadyForPoliticalTreatmentNeedsTheCommitteeThatTreatsIt()
    {
        var plan = TestPlans.Plan2025();
        var item = TestPlans.Item(plan, ItemStatus.InProgress);

        var error = Assert.Throws<PlanRuleException>(() => item.MoveTo(ItemStatus.ReadyForPoliticalTreatment, 1));
        Assert.Contains("hvilket udvalg der behandler det", error.Message);

        item.Apply(plan, item.ToDetails() with { TreatmentCommitteeId = 2 });
        item.MoveTo(ItemStatus.ReadyForPoliticalTreatment, 1);
        Assert.Equal(ItemStatus.ReadyForPoliticalTreatment, item.Status);
    }

    [Fact]
    public void ListsOnlyTheMovesThatWouldSucceed()
    {
        var plan = TestPlans.Plan2025();
        var item = TestPlans.Item(plan, ItemStatus.InProgress);

        var moves = StatusRules.AllowedMoves(item);

        Assert.Equal([ItemStatus.NotStarted, ItemStatus.Completed], moves);
    }

    [Fact]
    public void EveryMoveRenewsTheVersionSoStaleCopiesAreDetected()
    {
        var plan = TestPlans.Plan2025();
        var item = TestPlans.Item(plan);
        var before = item.Version;

        item.MoveTo(ItemStatus.InProgress, 1);

        Assert.NotEqual(before, item.Version);
    }
}
