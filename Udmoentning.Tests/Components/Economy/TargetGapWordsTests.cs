using System.Globalization;
using Udmoentning.Domain.Economy;
using Udmoentning.Web.Economy;

namespace Udmoentning.Tests.Components.Economy;

/// <summary>A target's gap on the economy page, in words and Danish amounts.</summary>
public sealed class TargetGapWordsTests
{
    [Theory]
    [InlineData(-5800, -4000, "mangler 1.800")]
    [InlineData(-5800, -5800, "nået")]
    [InlineData(-5800, -6000, "overopfyldt med 200")]
    [InlineData(-5800, 300, "mangler 6.100")]
    [InlineData(1000, 1500, "overopfyldt med 500")]
    public void TheGapIsSaidInWords(long target, long reached, string expected)
    {
        var year = new TargetYear(2026, target, reached, reached);
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("da-DK"); // as the app's request localisation sets it
        try
        {
            Assert.Equal(expected, TargetTable.Gap(year, reached, year.PlannedGap));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
