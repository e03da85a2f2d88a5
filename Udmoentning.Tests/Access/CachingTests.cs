using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Access;

/// <summary>
/// Nothing with a plan's non-public data is kept by a browser or a proxy (a shared computer in a meeting room, a proxy
/// in front of the town hall): every page and file answers <c>Cache-Control: no-store</c>. The public page and the static
/// files keep the caching they choose.
/// </summary>
public sealed class CachingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PagesAndDownloadsAreNotStoredButThePublicPageAndStaticFilesKeepTheirCaching()
    {
        var reader = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TestUsers.SignInAsync(reader, TestUsers.Reader);
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var id = plan.Plan.Id;
        var slug = plan.Committees[0].Slug;
        string[] privateAddresses =
        [
            "/", "/oversigt", "/aendringer", $"/udvalg/{slug}/bilag", "/konto/log-ind",
            $"/plan/{id}/eksport.xlsx", $"/plan/{id}/udvalg/{slug}/bilag.xlsx", $"/punkter/{plan.Items[0].Id}/historik.csv",
            $"/plan/{id}/moede/{slug}/referat.csv?siden=2026-01-01T08:00:00Z", $"/plan/{id}/opfoelgninger/sammenligning.xlsx",
        ];

        foreach (var address in privateAddresses)
        {
            var answer = await reader.GetAsync(address, Token);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{address} answered {(int)answer.StatusCode}");
            Assert.True(answer.Headers.CacheControl?.NoStore == true, $"{address} may be stored: Cache-Control {answer.Headers.CacheControl}");
        }

        var administrator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator);
        Assert.True((await app.Services.GetRequiredService<PlanAdministration>().SetPublicAsync(administrator, id, plan.Plan.Version, true, Token)).Succeeded);
        var anonymous = app.CreateClient();
        var publicPage = await anonymous.GetAsync("/" + PlanLinks.Public(id), Token);
        var stylesheet = await anonymous.GetAsync("/app.css", Token);

        Assert.True(publicPage.Headers.CacheControl is { Public: true, NoStore: false }, $"The public page: {publicPage.Headers.CacheControl}");
        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
        Assert.False(stylesheet.Headers.CacheControl?.NoStore ?? false, $"The stylesheet: {stylesheet.Headers.CacheControl}");
    }
}
