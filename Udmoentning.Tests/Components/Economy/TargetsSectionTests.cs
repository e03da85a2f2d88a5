using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Economy;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Economy;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Components.Economy;

/// <summary>What the economy page shows a coordinator for a plan without targets.</summary>
public sealed class TargetsSectionTests : BoardContext
{
    [Fact]
    public async Task APlanWithoutTargetsSaysSoAndLinksCoordinatorsToItsAdministration()
    {
        var plan = await AppServices.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token) ?? throw new InvalidOperationException();
        var figures = EconomyFigures.Of(plan with { Targets = [] }, committee: null);

        var section = Render<TargetsSection>(p => p.Add(s => s.Figures, figures).Add(s => s.PlanId, plan.Plan.Id));

        Assert.Contains("Planen har ingen økonomiske mål endnu", section.Markup, StringComparison.Ordinal);
        Assert.Equal($"admin/planer/{plan.Plan.Id}", section.Find("a").GetAttribute("href"));
        Assert.Empty(section.FindAll("table"));
    }
}
