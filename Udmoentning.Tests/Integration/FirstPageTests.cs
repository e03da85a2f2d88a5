using System.Net;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data.Sample;

namespace Udmoentning.Tests.Integration;

public class FirstPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ShowsTheSamplePlanGroupedByThemeInDanish()
    {
        var client = app.CreateClient();

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"da\"", html);
        Assert.Contains(SamplePlanData.PlanName, html);
        var positions = SamplePlanData.Themes.Select(theme => html.IndexOf(theme, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("11. dec. 2024", html);
        Assert.All(SamplePlanData.Items.Take(5), item => Assert.Contains(item.Title, html));
    }
}
