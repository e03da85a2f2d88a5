using Udmoentning.Domain;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Tests.Domain;

public class PlanTotalsTests
{
    [Fact]
    public void AddsUpEachBudgetYearWithSavingsNegative()
    {
        var plan = TestPlans.Plan2025();
        var saving = PlanItem.Create(plan, TestPlans.Details(plan, "AU-R1") with { Effects = [new(2025, -500), new(2026, -1250)] });
        var expansion = PlanItem.Create(plan, TestPlans.Details(plan, "AU-D2") with { Effects = [new(2025, 300), new(2028, 75)] });

        var totals = PlanTotals.PerYear([saving, expansion], plan.BudgetYears);

        Assert.Equal(-200, totals[2025]);
        Assert.Equal(-1250, totals[2026]);
        Assert.Equal(0, totals[2027]);
        Assert.Equal(75, totals[2028]);
        Assert.Equal(-1375, totals.Sum);
    }

    [Fact]
    public void TotalsPastTheRangeOfAnIntAreExact()
    {
        var plan = TestPlans.Plan2025();
        var items = Enumerable.Range(1, 300).Select(n => PlanItem.Create(plan, TestPlans.Details(plan, $"AU-D{n}") with
        {
            Effects = [new(2025, Limits.MaxAmountThousands), new(2026, -Limits.MaxAmountThousands), new(2027, n % 2 == 0 ? Limits.MaxAmountThousands : -Limits.MaxAmountThousands)],
        })).ToList();

        var totals = PlanTotals.PerYear(items, plan.BudgetYears);
        var byKind = PlanTotals.PerKind(items, plan.BudgetYears);

        Assert.Equal(300L * Limits.MaxAmountThousands, totals[2025]);
        Assert.Equal(-300L * Limits.MaxAmountThousands, totals[2026]);
        Assert.Equal(0, totals[2027]);
        Assert.Equal(0, totals.Sum);
        Assert.Equal(300L * Limits.MaxAmountThousands, byKind[ItemKind.OperatingChange][2025]);
    }

    [Fact]
    public void GroupsByThemeCommitteeAndKind()
    {
        var plan = TestPlans.Plan2025();
        var a = PlanItem.Create(plan, TestPlans.Details(plan, "AU-D1", 2) with { Effects = [new(2025, -100)] });
        var b = PlanItem.Create(plan, TestPlans.Details(plan, "BUU-A1", 3) with
        {
            Kind = ItemKind.CapitalProject,
            ThemeId = plan.Themes[1].Id,
            Effects = [new(2025, 4000)],
        });
        var c = PlanItem.Create(plan, TestPlans.Details(plan, "AU-D2", 2) with { Effects = [new(2025, -50)] });
        var items = new[] { a, b, c };

        var byTheme = PlanTotals.PerTheme(items, plan.BudgetYears);
        var byCommittee = PlanTotals.PerCommittee(items, plan.BudgetYears);
        var byKind = PlanTotals.PerKind(items, plan.BudgetYears);

        Assert.Equal(-150, byTheme[plan.Themes[0].Id][2025]);
        Assert.Equal(4000, byTheme[plan.Themes[1].Id][2025]);
        Assert.Equal(-150, byCommittee[2][2025]);
        Assert.Equal(4000, byKind[ItemKind.CapitalProject][2025]);
        Assert.Equal(-150, byKind[ItemKind.OperatingChange][2025]);
    }
}
