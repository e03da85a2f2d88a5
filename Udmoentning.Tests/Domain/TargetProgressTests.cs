using Udmoentning.Domain;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Tests.Domain;

/// <summary>A savings target per year against the items that count: planned (all), realised (completed), and the gaps.</summary>
public class TargetProgressTests
{
    [Fact]
    public void PlannedCountsEveryCountingItemRealisedOnlyTheCompletedOnesAndTheGapIsWhatIsMissing()
    {
        var plan = TestPlans.Plan2025();
        var done = Saving(plan, "R1", 1, -2000, ItemStatus.Completed);
        var going = Saving(plan, "R2", 2, -2500, ItemStatus.InProgress);
        var notCounting = Saving(plan, "D3", 3, -9000, ItemStatus.Completed);
        var target = new EconomicTarget(plan.Id, "Effektiviseringsbidrag 0,5 pct.");
        target.SetAmounts(new Dictionary<int, int> { [2025] = -5800, [2026] = -4000 });
        target.CountItems([done.Id, going.Id]);

        var progress = TargetProgress.Of(target, [done, going, notCounting], plan.BudgetYears);

        var first = progress.In(2025)!;
        Assert.Equal((-5800, -4500, -2000), (first.Target, first.Planned, first.Realised));
        Assert.Equal(-1300, first.PlannedGap);
        Assert.Equal(-3800, first.RealisedGap);
        Assert.False(first.PlannedMet);

        // More than the target is planned in 2026: met, nothing missing.
        var second = progress.In(2026)!;
        Assert.Equal(-4500, second.Planned);
        Assert.Equal(0, second.PlannedGap);
        Assert.True(second.PlannedMet);

        // A year without a target is met by anything.
        Assert.True(progress.In(2027)!.PlannedMet);
        Assert.Equal(4, progress.Years.Count);
    }

    [Fact]
    public void AnExpansionTargetIsMetFromBelow()
    {
        var year = new TargetYear(2025, 1000, 400, 0);

        Assert.Equal(600, year.PlannedGap);
        Assert.Equal(0, new TargetYear(2025, 1000, 1200, 1200).RealisedGap);
    }

    [Fact]
    public void ANewTargetCountsTheRaaderumsforslagByDefault()
    {
        var plan = TestPlans.Plan2025();
        var proposal = PlanItem.Create(plan, TestPlans.Details(plan, "R1") with { Kind = ItemKind.FiscalLeewayProposal }).WithId(7);
        var other = Saving(plan, "D2", 8, -100, ItemStatus.NotStarted);

        Assert.Equal([7], EconomicTarget.DefaultItems([proposal, other]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ATargetNeedsAName(string name) =>
        Assert.Throws<PlanRuleException>(() => new EconomicTarget(1, name));

    [Fact]
    public void AmountsOutsideTheLimitsOrYearsAreRefusedAndChangeNothing()
    {
        var target = new EconomicTarget(1, "Mål");
        target.SetAmounts(new Dictionary<int, int> { [2025] = -100 });

        Assert.Throws<PlanRuleException>(() => target.SetAmounts(new Dictionary<int, int> { [2025] = Limits.MaxAmountThousands + 1 }));
        Assert.Throws<PlanRuleException>(() => target.SetAmounts(new Dictionary<int, int> { [1999] = -1 }));
        Assert.Equal(-100, target.AmountIn(2025));
    }

    [Fact]
    public void SavingsAndExpansionsAreSummedApart()
    {
        var plan = TestPlans.Plan2025();
        var (savings, expansions) = PlanTotals.SavingsAndExpansions(
            [Saving(plan, "R1", 1, -300, ItemStatus.NotStarted), Saving(plan, "D2", 2, 200, ItemStatus.NotStarted), Saving(plan, "D3", 3, -50, ItemStatus.NotStarted)],
            plan.BudgetYears);

        Assert.Equal(-350, savings[2025]);
        Assert.Equal(200, expansions[2025]);
    }

    private static PlanItem Saving(Udmoentning.Domain.Plans.Plan plan, string code, int id, int amount2025, ItemStatus status) =>
        PlanItem.Create(plan, TestPlans.Details(plan, $"AU-{code}") with { Effects = [new(2025, amount2025), new(2026, amount2025)] }, status).WithId(id);
}
