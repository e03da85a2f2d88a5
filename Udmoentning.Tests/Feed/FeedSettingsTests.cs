using Microsoft.Extensions.Configuration;
using Udmoentning.Web;
using Udmoentning.Web.Feed;

namespace Udmoentning.Tests.Feed;

/// <summary>The feed's settings: a page size and CORS origins that would leave it broken or open stop the start and say how to fix them.</summary>
public sealed class FeedSettingsTests
{
    [Fact]
    public void WithoutSettingsTheFeedHasPagesOfAThousandAndNoCors()
    {
        var settings = FeedSettings.From(Configuration([]));
        Assert.Equal((1000, 0), (settings.PageSize, settings.CorsOrigins.Length));
        Assert.Equal(1000, settings.Validation.MaxTop);
    }

    [Theory]
    [InlineData("Feed:PageSize", "0", "Feed:PageSize must be from 10 to 5000")]
    [InlineData("Feed:PageSize", "100000", "Feed:PageSize must be from 10 to 5000")]
    [InlineData("Feed:CorsOrigins:0", "*", "Feed:CorsOrigins has \"*\"")]
    [InlineData("Feed:CorsOrigins:0", "https://rapporter.kommune.dk/sti", "Feed:CorsOrigins has \"https://rapporter.kommune.dk/sti\"")]
    [InlineData("Feed:CorsOrigins:0", "ftp://rapporter.kommune.dk", "Feed:CorsOrigins has \"ftp://rapporter.kommune.dk\"")]
    public void ASettingThatWouldBreakOrOpenTheFeedStopsTheStartAndNamesItself(string key, string value, string message)
    {
        var refused = Assert.Throws<StartupException>(() => FeedSettings.From(Configuration(new() { [key] = value })));
        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOriginIsAllowedAsABrowserSendsIt()
    {
        var settings = FeedSettings.From(Configuration(new() { ["Feed:CorsOrigins:0"] = "https://Rapporter.Kommune.dk/", ["Feed:PageSize"] = "500" }));
        Assert.Equal(["https://rapporter.kommune.dk"], settings.CorsOrigins);
        Assert.Equal(500, settings.PageSize);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
