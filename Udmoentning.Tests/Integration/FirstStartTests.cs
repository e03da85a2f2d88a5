using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data;

namespace Udmoentning.Tests.Integration;

/// <summary>A municipality's first start: no sample plan in production, and an empty database that says how to begin.</summary>
public sealed class FirstStartTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartingInProductionOnAnEmptyDatabaseSeedsNoSamplePlan()
    {
        await using var app = new AppFactory
        {
            Environment = "Production",
            Settings = new Dictionary<string, string>
            {
                ["Access:Administrator:UserName"] = "it-admin",
                ["Access:Administrator:Password"] = "en-lang-adgangskode-til-test",
            },
        };
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", Token)).StatusCode);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        Assert.False(await db.Plans.AnyAsync(Token));
        Assert.False(await db.Items.AnyAsync(Token));
        Assert.False(await db.Committees.AnyAsync(Token));
    }

    [Fact]
    public async Task AnEmptyDatabaseOffersCoordinatorsToCreateOrImportAPlanAndTellsReadersItIsComing()
    {
        await using var app = new AppFactory { Settings = new Dictionary<string, string> { ["Database:SeedSamplePlan"] = "false" } };

        var coordinator = app.CreateClient();
        await TestUsers.SignInAsync(coordinator, TestUsers.Coordinator);
        var page = WebUtility.HtmlDecode(await coordinator.GetStringAsync("/", Token));
        Assert.Contains("Opret plan", page);
        Assert.Contains("Importér fra Excel", page);
        Assert.Contains("href=\"admin/import\"", page);

        var reader = app.CreateClient();
        await TestUsers.SignInAsync(reader, TestUsers.Reader);
        page = WebUtility.HtmlDecode(await reader.GetStringAsync("/", Token));
        Assert.Contains("Der er endnu ingen udmøntningsplan", page);
        Assert.DoesNotContain("Importér fra Excel", page);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/oversigt", Token)).StatusCode);
    }
}
