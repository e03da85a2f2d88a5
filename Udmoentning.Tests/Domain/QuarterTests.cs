using Udmoentning.Domain;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;

namespace Udmoentning.Tests.Domain;

public class QuarterTests
{
    [Theory]
    [InlineData("Q2 2025", 2025, 2)]
    [InlineData("q4 2026", 2026, 4)]
    [InlineData("2027-Q1", 2027, 1)]
    [InlineData("K3 2025", 2025, 3)]
    [InlineData("2. kvt. 2028", 2028, 2)]
    [InlineData("2. kv. 2028", 2028, 2)]
    public void ParsesTheWaysPlansWriteATiming(string text, int year, int number)
    {
        var quarter = DanishTiming.Parse(text);

        Assert.Equal(new Quarter(year, number), quarter);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Q5 2025")]
    [InlineData("Q0 2025")]
    [InlineData("forår 2025")]
    [InlineData("Q2 1999")]
    [InlineData("Q2 2025; DROP TABLE")]
    [InlineData("Q2 ２０２５")]
    [InlineData("Q٢ 2025")]
    public void RejectsWhatIsNotAQuarterWithADanishMessage(string text)
    {
        Assert.Null(DanishTiming.Read(text).Value);
        var error = Assert.Throws<PlanRuleException>(() => DanishTiming.Parse(text));
        Assert.Contains("Skriv fx \"Q2 2025\"", error.Message);
    }

    [Fact]
    public void CountsQuartersAcrossYears()
    {
        Assert.Equal(3, new Quarter(2026, 1).QuartersAfter(new Quarter(2025, 2)));
        Assert.Equal(-1, new Quarter(2025, 1).QuartersAfter(new Quarter(2025, 2)));
        Assert.True(new Quarter(2026, 1) > new Quarter(2025, 4));
    }

    [Fact]
    public void SurvivesTheRoundTripThroughStorage()
    {
        var quarter = new Quarter(2027, 3);

        Assert.Equal(20273, quarter.ToSortable());
        Assert.Equal(quarter, Quarter.FromSortable(quarter.ToSortable()));
        Assert.Equal("Q3 2027", quarter.ToString());
    }
}
