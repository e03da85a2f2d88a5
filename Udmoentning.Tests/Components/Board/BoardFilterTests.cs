using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;
using Udmoentning.Tests.Domain;
using Udmoentning.Web.Board;

namespace Udmoentning.Tests.Components.Board;

/// <summary>The filter "Ikke fuldt på konti" in the URL and in the one place a filter is decided.</summary>
public class BoardFilterTests
{
    [Fact]
    public void TheKontiFlagSurvivesTheUrlBesideTheOtherFlags()
    {
        var filter = BoardFilter.Parse("drift", null, "i-gang", null, "med, KONTI,ukendt", "skole");

        Assert.True(filter.UnplacedOnly);
        Assert.True(filter.MedOnly);
        Assert.False(filter.CrossCuttingOnly);
        var query = filter.ToQuery();
        Assert.Equal("konti,med", query["flag"]);
        var again = BoardFilter.Parse(Value("type"), Value("tema"), Value("status"), Value("tilstand"), Value("flag"), Value("q"), Value("venter"));
        Assert.Equal(query, again.ToQuery());
        Assert.True(again.UnplacedOnly);

        var alone = BoardFilter.None with { UnplacedOnly = true };
        Assert.False(alone.IsEmpty);
        Assert.Equal("konti", alone.ToQuery()["flag"]);
        Assert.All(BoardFilter.Parse(null, null, null, null, "konti", null).ToQuery().Where(p => p.Key != "flag"), p => Assert.Null(p.Value));

        string? Value(string name) => (string?)query[name];
    }

    [Fact]
    public void OnlyItemsWhoseKonteringFallsShortOfTheirAmountsPass()
    {
        var plan = TestPlans.Plan2025();
        var item = PlanItem.Create(plan, TestPlans.Details(plan, "AU-D1") with { Effects = [new(2025, -300), new(2026, -500)] });
        var nothing = PlanItem.Create(plan, TestPlans.Details(plan, "AU-D2") with { Effects = [] });
        var filter = BoardFilter.None with { UnplacedOnly = true };
        IReadOnlyList<AccountLine> full = [new("3.22.01-1-4.0", 2025, -300), new("3.22.01-1-4.0", 2026, -500)];

        Assert.True(filter.Matches(item, 1));
        Assert.True(filter.Matches(item, 1, new Dictionary<int, IReadOnlyList<AccountLine>> { [item.Id] = [full[0]] }));
        Assert.False(filter.Matches(item, 1, new Dictionary<int, IReadOnlyList<AccountLine>> { [item.Id] = full }));
        Assert.False(filter.Matches(nothing, 1));
        Assert.True(BoardFilter.None.Matches(item, 1, new Dictionary<int, IReadOnlyList<AccountLine>> { [item.Id] = full }));
    }
}
