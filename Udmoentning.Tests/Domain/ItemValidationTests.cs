using Udmoentning.Domain;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Tests.Domain;

public class ItemValidationTests
{
    private readonly Udmoentning.Domain.Plans.Plan _plan = TestPlans.Plan2025();

    [Fact]
    public void AcceptsAWellFormedItem()
    {
        Assert.Empty(ItemValidation.Validate(TestPlans.Details(_plan) with { CaseNumber = "24/12780" }, _plan));
    }

    [Theory]
    [InlineData("", "Titel skal udfyldes.")]
    [InlineData("   ", "Titel skal udfyldes.")]
    public void RequiresATitle(string title, string message)
    {
        var errors = ItemValidation.Validate(TestPlans.Details(_plan) with { Title = title }, _plan);

        Assert.Contains(new FieldError(nameof(ItemDetails.Title), message), errors);
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    [InlineData(-Limits.MaxAmountThousands - 1)]
    public void RefusesAmountsBeyondTheLimitWithoutOverflowing(int amount)
    {
        var errors = ItemValidation.Validate(TestPlans.Details(_plan) with { Effects = [new YearlyEffect(2026, amount)] }, _plan);

        Assert.Contains(new FieldError(nameof(ItemDetails.Effects), "Beløbet for 2026 er for stort: højst 9.999.999 (1.000 kr.)."), errors);
    }

    [Fact]
    public void SaysHowLongATitleMayBe()
    {
        var errors = ItemValidation.Validate(TestPlans.Details(_plan) with { Title = new string('a', Limits.TitleLength + 1) }, _plan);

        Assert.Contains(new FieldError(nameof(ItemDetails.Title), "Titel må højst være 200 tegn (er 201)."), errors);
    }

    [Theory]
    [InlineData("AU D3<script>")]
    [InlineData("-AU")]
    [InlineData("AU_D3")]
    public void RefusesCodesWithOtherCharacters(string code)
    {
        var errors = ItemValidation.Validate(TestPlans.Details(_plan) with { Code = code }, _plan);

        Assert.Contains(errors, e => e.Field == nameof(ItemDetails.Code) && e.Message.Contains("AU-D3"));
    }

    [Theory]
    [InlineData("BUU A301")]
    [InlineData("ØU-R12")]
    [InlineData("AU-D3.1")]
    public void AcceptsCodesAsPlansWriteThem(string code)
    {
        Assert.Empty(ItemValidation.Validate(TestPlans.Details(_plan) with { Code = code }, _plan));
    }

    [Theory]
    [InlineData("2412780")]
    [InlineData("24-12780")]
    [InlineData("2024/1")]
    public void RequiresCaseNumbersAsYearSlashNumber(string caseNumber)
    {
        var errors = ItemValidation.Validate(TestPlans.Details(_plan) with { CaseNumber = caseNumber }, _plan);

        Assert.Contains(new FieldError(nameof(ItemDetails.CaseNumber), "Sagsnummer skal skrives som år/løbenummer, fx \"24/12780\"."), errors);
    }

    [Fact]
    public void RefusesAmountsOutsideThePlansBudgetYears()
    {
        var errors = ItemValidation.Validate(TestPlans.Details(_plan) with { Effects = [new YearlyEffect(2029, -100)] }, _plan);

        Assert.Contains(new FieldError(nameof(ItemDetails.Effects), "2029 er ikke et budgetår i planen (2025-2028)."), errors);
    }

    [Fact]
    public void RefusesImplausiblyLargeAmounts()
    {
        var errors = ItemValidation.Validate(TestPlans.Details(_plan) with { Effects = [new YearlyEffect(2025, 10_000_000)] }, _plan);

        Assert.Contains(errors, e => e.Field == nameof(ItemDetails.Effects) && e.Message.StartsWith("Beløbet for 2025 er for stort"));
    }

    [Fact]
    public void RefusesControlCharactersButKeepsLineBreaksInNotes()
    {
        var bad = ItemValidation.Validate(TestPlans.Details(_plan) with { Title = "Titel\u0000" }, _plan);
        var good = ItemValidation.Validate(TestPlans.Details(_plan) with { Notes = "Første linje\nAnden linje" }, _plan);

        Assert.Contains(new FieldError(nameof(ItemDetails.Title), "Titel indeholder ugyldige tegn."), bad);
        Assert.Empty(good);
    }

    [Fact]
    public void RefusesAThemeFromOutsideThePlan()
    {
        var errors = ItemValidation.Validate(TestPlans.Details(_plan) with { ThemeId = 999 }, _plan);

        Assert.Contains(new FieldError(nameof(ItemDetails.ThemeId), "Vælg et af planens hovedpunkter."), errors);
    }

    [Fact]
    public void AnInvalidEditChangesNothing()
    {
        var item = TestPlans.Item(_plan);
        var version = item.Version;

        var error = Assert.Throws<PlanRuleException>(() => item.Apply(_plan, item.ToDetails() with { Title = "", Code = "Nyt nummer" }));

        Assert.Contains(error.Errors, e => e.Field == nameof(ItemDetails.Title));
        Assert.Equal("AU-D3", item.Code);
        Assert.Equal(version, item.Version);
    }

    [Fact]
    public void TheBaselineTimingIsKeptWhenTheTimingSlips()
    {
        var item = TestPlans.Item(_plan);

        item.Apply(_plan, item.ToDetails() with { Timing = new Quarter(2025, 4) });
        item.Apply(_plan, item.ToDetails() with { Timing = new Quarter(2026, 1) });

        Assert.Equal(new Quarter(2025, 2), item.BaselineTiming);
        Assert.Equal(new Quarter(2026, 1), item.Timing);
        Assert.Equal(3, item.Slippage);
    }

    [Fact]
    public void AnItemWithoutTimingGetsItsBaselineTheFirstTimeOneIsGiven()
    {
        var item = PlanItem.Create(_plan, TestPlans.Details(_plan) with { Timing = null });
        Assert.Null(item.BaselineTiming);

        item.Apply(_plan, item.ToDetails() with { Timing = new Quarter(2026, 2) });

        Assert.Equal(new Quarter(2026, 2), item.BaselineTiming);
        Assert.Equal(0, item.Slippage);
    }

    [Fact]
    public void TheTimingCannotBeRemovedOnceThereIsABaseline()
    {
        var item = TestPlans.Item(_plan);

        var error = Assert.Throws<PlanRuleException>(() => item.Apply(_plan, item.ToDetails() with { Timing = null }));

        Assert.Contains("Tidspunktet kan ikke fjernes", error.Message);
        Assert.Equal(new Quarter(2025, 2), item.Timing);
    }
}
