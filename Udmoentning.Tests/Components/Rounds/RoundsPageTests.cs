using Udmoentning.Web.Rounds;

namespace Udmoentning.Tests.Components.Rounds;

/// <summary>The name a new round suggests is the budget follow-up at the end of the quarter it is opened in.</summary>
public sealed class RoundsPageTests
{
    [Theory]
    [InlineData("2026-01-01", "2026-03-31")]
    [InlineData("2026-03-31", "2026-03-31")]
    [InlineData("2026-04-01", "2026-06-30")]
    [InlineData("2026-08-15", "2026-09-30")]
    [InlineData("2026-11-27", "2026-12-31")]
    public void TheSuggestedFollowUpIsTheEndOfTheQuarter(string today, string quarterEnd) =>
        Assert.Equal(DateOnly.Parse(quarterEnd, System.Globalization.CultureInfo.InvariantCulture),
            RoundsPage.QuarterEnd(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
}
