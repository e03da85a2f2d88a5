using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Economy;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Components.Economy;

/// <summary>
/// The economy page's figures are computed once per snapshot of the plan and committee, for every viewer of it; a change
/// gives the shared copy a new snapshot, which has figures of its own (that they follow the change in every browser is
/// <c>EconomyTests</c>' to show).
/// </summary>
public sealed class EconomyFiguresTests : BoardContext
{
    [Fact]
    public async Task ViewersOfOneSnapshotShareItsFiguresPerCommitteeAndANewSnapshotGetsItsOwn()
    {
        var plan = await AppServices.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token) ?? throw new InvalidOperationException();
        var committee = plan.CommitteeBySlug("oeu") ?? throw new InvalidOperationException();

        var whole = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => EconomyFigures.Of(plan, committee: null), Token)));
        Assert.All(whole, figures => Assert.Same(whole[0], figures));
        Assert.Equal(plan.Items.Count, whole[0].Items.Count);

        var extract = EconomyFigures.Of(plan, committee);
        Assert.NotSame(whole[0], extract);
        Assert.Same(extract, EconomyFigures.Of(plan, committee));
        Assert.True(extract.Items.Count < plan.Items.Count);

        var next = plan with { };
        Assert.NotSame(whole[0], EconomyFigures.Of(next, committee: null));
    }
}
