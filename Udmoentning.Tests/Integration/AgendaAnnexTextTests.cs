using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data;
using Udmoentning.Web.Data.Sample;

namespace Udmoentning.Tests.Integration;

/// <summary>
/// Text saved before input was checked (here written straight into the database, as an old import might have) with a
/// right-to-left override: the annex (page and workbook) and the overview show it without the override.
/// </summary>
public sealed class AgendaAnnexTextTests(AgendaAnnexTextTests.HostileTitleApp app) : IClassFixture<AgendaAnnexTextTests.HostileTitleApp>
{
    public const string Override = "\u202E";

    // The middle reads "vendet tekst" backwards: the override would turn it around, and the text after it too.
    public static readonly string Hostile = $"Jobcenter: {Override}tskeT tedneV{'\u202C'} og\u200B ny indsats";
    public static readonly string Shown = "Jobcenter: tskeT tedneV og ny indsats";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheAnnexPageShowsTheTitleWithoutTheOverrideAndIsolated()
    {
        var client = await SignedInAsync();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/udvalg/au/bilag", Token));

        Assert.Contains($"<td><bdi>{Shown}</bdi></td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Override, html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u200B", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAnnexWorkbookShowsTheTitleWithoutTheOverride()
    {
        var client = await SignedInAsync();

        var bytes = await client.GetByteArrayAsync($"/plan/{app.PlanId}/udvalg/au/bilag.xlsx", Token);

        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        var row = rows.Single(r => Equals(r["A"], app.Code));
        Assert.Equal(Shown, row["B"]);
        Assert.DoesNotContain(rows.SelectMany(r => r.Values).OfType<string>(), text => text.Contains(Override, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheOverviewShowsTheTitleWithoutTheOverride()
    {
        var client = await SignedInAsync();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/oversigt", Token));

        Assert.Contains($"<bdi>{Shown}</bdi>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Override, html, StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var client = app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Reader);
        return client;
    }

    /// <summary>The sample plan with one AU item's title written straight into the database, bypassing validation.</summary>
    public sealed class HostileTitleApp : AppFactory, IAsyncLifetime
    {
        public string Code { get; } = SamplePlanData.Items.First(i => i.Committee == "AU").Code;

        public int PlanId { get; private set; }

        public async ValueTask InitializeAsync()
        {
            // Before anything reads the plan, so the plan cache loads the hostile title from the database.
            await using var db = await Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
            var updated = await db.Database.ExecuteSqlAsync($"UPDATE PlanItems SET Title = {Hostile} WHERE Code = {Code}", Token);
            Assert.Equal(1, updated);
            PlanId = await db.Items.Where(i => i.Code == Code).Select(i => i.PlanId).SingleAsync(Token);
        }
    }
}
