using Udmoentning.Web.Rounds;

namespace Udmoentning.Tests.Components.Rounds;

/// <summary>The name a new round suggests is the budget follow-up it prepares: 31/3, 30/6 or 30/9, as the README names them.</summary>
public sealed class RoundsPageTests
{
    [Theory]
    [InlineData("2026-01-01", "2026-03-31")]
    [InlineData("2026-03-31", "2026-03-31")]
    [InlineData("2026-04-01", "2026-06-30")]
    [InlineData("2026-08-15", "2026-09-30")]
    [InlineData("2026-09-30", "2026-09-30")]
    [InlineData("2026-10-01", "2027-03-31")]
    [InlineData("2026-12-06", "2027-03-31")]
    public void TheSuggestedFollowUpIsTheBudgetFollowUpOfTheQuarterNeverTheYearsEnd(string today, string followUp) =>
        Assert.Equal(DateOnly.Parse(followUp, System.Globalization.CultureInfo.InvariantCulture),
            RoundsPage.FollowUpDate(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
}
