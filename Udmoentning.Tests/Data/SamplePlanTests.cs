using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Data.Sample;

namespace Udmoentning.Tests.Data;

/// <summary>The sample plan must look like a real udmøntningsplan to a newcomer and to a municipal economist.</summary>
public class SamplePlanTests
{
    private static IReadOnlyList<SampleItemSpec> Items => SamplePlanData.Items;

    [Fact]
    public void HasAtLeastSixtyItemsWithUniqueCodes()
    {
        Assert.True(Items.Count >= 60, $"{Items.Count} items");
        Assert.Equal(Items.Count, Items.Select(i => i.Code).Distinct().Count());
    }

    [Fact]
    public void CoversEveryMainThemeInTheAgreementsOrder()
    {
        Assert.Equal(
            [
                "Økonomisk politik",
                "Politiske visioner",
                "Sociale investeringer, Fremtidens velfærd, Skoler og dagtilbud",
                "Norddjurs i bevægelse",
                "Partnerskaber",
                "Vækst, erhverv og beskæftigelse",
                "Klima, miljø, natur og den grønne omstilling",
            ],
            SamplePlanData.Themes);
        Assert.All(Enumerable.Range(1, 7), theme => Assert.Contains(Items, i => i.Theme == theme));
    }

    [Fact]
    public void CoversEveryKindAndAtLeastSixCommittees()
    {
        Assert.All(Enum.GetValues<ItemKind>(), kind => Assert.Contains(Items, i => i.Kind == kind));
        Assert.True(Items.Select(i => i.Committee).Distinct().Count() >= 6);
    }

    [Theory]
    [InlineData("budgetoverholdelse")]
    [InlineData("effektiviseringsbidrag")]
    [InlineData("kloge m²")]
    [InlineData("flådestyring")]
    [InlineData("kunstig intelligens")]
    [InlineData("aktindsigt")]
    public void HasTheCrossCuttingEffortsTheSeedNames(string subject)
    {
        Assert.Contains(Items, i => i.CrossCutting && (i.Title + " " + i.Description).Contains(subject, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void HasCompletedSlippedAndScheduledItems()
    {
        Assert.Contains(Items, i => i.Status == ItemStatus.Completed);
        Assert.Contains(Items, i => i.Baseline is not null && DanishTiming.Parse(i.Timing!) > DanishTiming.Parse(i.Baseline));
        Assert.Contains(Items, i => i.MeetingOn is not null);
        Assert.All(SamplePlanData.Meetings, m => Assert.Equal(2025, m.Date.Year));
        Assert.Contains(SamplePlanData.Meetings, m => m.Committee == "AU" && m.Date == new DateOnly(2025, 1, 23));
    }

    [Fact]
    public void HasAmountsForEveryBudgetYearWithSavingsAndExpansions()
    {
        Assert.All(Items, i => Assert.Equal(4, i.Effects.Length));
        Assert.Contains(Items, i => i.Effects.Any(a => a < 0));
        Assert.Contains(Items, i => i.Effects.Any(a => a > 0));
        Assert.All(Items.Where(i => i.Kind == ItemKind.FiscalLeewayProposal), i => Assert.True(i.Effects.Sum() < 0, i.Code));
    }
}
