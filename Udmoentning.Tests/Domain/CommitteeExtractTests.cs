using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Tests.Domain;

public class CommitteeExtractTests
{
    private const int Au = 2;
    private const int Buu = 3;
    private const int Oeu = 1;

    [Fact]
    public void HoldsTheCommitteesOwnItemsAndTheCrossCuttingOnes()
    {
        var plan = TestPlans.Plan2025();
        var own = TestPlans.Item(plan, code: "AU-D1", committeeId: Au);
        var other = TestPlans.Item(plan, code: "BUU-D1", committeeId: Buu);
        var crossCutting = PlanItem.Create(plan, TestPlans.Details(plan, "ØU-D1", Oeu) with { IsCrossCutting = true, Title = "Budgetoverholdelse" });
        var leeway = PlanItem.Create(plan, TestPlans.Details(plan, "ØU-R1", Oeu) with { Kind = ItemKind.FiscalLeewayProposal });
        var treatedHere = PlanItem.Create(plan, TestPlans.Details(plan, "ØU-D2", Oeu) with { TreatmentCommitteeId = Au });
        var oeuOnly = TestPlans.Item(plan, code: "ØU-D3", committeeId: Oeu);

        var extract = CommitteeExtract.For(Committee(Au), [own, other, crossCutting, leeway, treatedHere, oeuOnly]).Select(i => i.Code);

        Assert.Equal(["AU-D1", "ØU-D1", "ØU-R1", "ØU-D2"], extract);
    }

    [Theory]
    [InlineData("ØU", "oeu")]
    [InlineData("BUU", "buu")]
    [InlineData("Kultur og Fritid", "kultur-og-fritid")]
    [InlineData("Æ/Å", "ae-aa")]
    public void CommitteesHaveReadableUrlSlugs(string code, string slug)
    {
        Assert.Equal(slug, Udmoentning.Domain.Plans.Committee.ToSlug(code));
    }

    private static Committee Committee(int id)
    {
        var committee = new Committee("Arbejdsmarkedsudvalget", "AU");
        typeof(Committee).GetProperty(nameof(Udmoentning.Domain.Plans.Committee.Id))!.SetValue(committee, id);
        return committee;
    }
}
