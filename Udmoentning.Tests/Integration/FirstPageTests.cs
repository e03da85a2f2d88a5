using System.Net;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data.Sample;

namespace Udmoentning.Tests.Integration;

public class FirstPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AnonymousVisitorsAreSentToTheSignInPage()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var path in new[] { "/", "/oversigt", "/udvalg/au", "/aendringer" })
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/konto/log-ind", response.Headers.Location!.PathAndQuery);
        }

        var csv = await client.GetAsync("/punkter/1/historik.csv", TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, csv.StatusCode);
        var hub = await client.PostAsync("/hubs/plan/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, hub.StatusCode);
        var login = await client.GetStringAsync("/konto/log-ind", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(SamplePlanData.Items[0].Title, WebUtility.HtmlDecode(login));
    }

    [Fact]
    public async Task ShowsTheSamplePlanGroupedByThemeInDanish()
    {
        var client = app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Reader);

        var response = await client.GetAsync("/oversigt", TestContext.Current.CancellationToken);
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
