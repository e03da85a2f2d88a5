using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.ImportExport;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Integration;

/// <summary>
/// While the database cannot be reached (a real outage: the SQLite file is replaced by one that is not a database),
/// every change (move, edit, scheduling, administration, import) answers that it was not saved, in Danish, and saves when tried again; pages and downloads say so instead of 500.
/// </summary>
public sealed class StorageOutageTests(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private readonly AppFactory _app = app;
    private System.Security.Claims.ClaimsPrincipal _coordinator = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _coordinator = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Coordinator);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ChangesDuringAnOutageAreNotSavedSayWhyInDanishAndSaveWhenTriedAgain()
    {
        var items = _app.Services.GetRequiredService<PlanItemService>();
        var administration = _app.Services.GetRequiredService<PlanAdministration>();
        var item = await ItemAsync();
        var move = new MoveRequest(item.Id, item.Version, ItemStatus.InProgress);
        var details = item.ToDetails() with { Title = "Skrevet under nedbruddet" };
        var import = _app.Services.GetRequiredService<PlanImport>();
        var preview = (await import.PreviewAsync(_coordinator, RealisticWorkbooks.NewPlan(withBadRows: false).ToBytes(), null, new ImportOptions(), Token)).Preview!;
        var newPlan = new PlanForm(RealisticWorkbooks.PlanName, 2026, 2029, new DateOnly(2025, 12, 10));

        ChangeOutcome<PlanItem> moved, edited, scheduled;
        ChangeOutcome<int> theme;
        ChangeOutcome<ImportResult> imported;
        using (DatabaseOutage.Begin(_app))
        {
            moved = await items.MoveAsync(_coordinator, move, Token);
            edited = await items.UpdateAsync(_coordinator, item.Id, item.Version, details, Token);
            scheduled = await items.ScheduleAsync(_coordinator, new ScheduleRequest(item.Id, item.Version, item.CommitteeId, null), Token);
            theme = await administration.AddThemeAsync(_coordinator, item.PlanId, "Nyt hovedpunkt", Token);
            imported = await import.ImportAsync(_coordinator, preview, newPlan, importValidRowsOnly: true, Token);
        }

        Assert.All([moved, edited, scheduled], o => Assert.Equal((ChangeStatus.Unavailable, StorageFailure.NotSaved), (o.Status, o.Message)));
        Assert.Equal("Databasen kan ikke nås lige nu. Ændringen er ikke gemt – prøv igen.", moved.Message);
        Assert.Equal((ChangeStatus.Unavailable, StorageFailure.NotSaved), (theme.Status, theme.Message));
        Assert.Equal((ChangeStatus.Unavailable, StorageFailure.NotSaved), (imported.Status, imported.Message));
        Assert.Equal(ItemStatus.NotStarted, (await StoredAsync(item.Id)).Status);

        Assert.Equal(ChangeStatus.Saved, (await items.MoveAsync(_coordinator, move, Token)).Status);
        var stored = await StoredAsync(item.Id);
        Assert.Equal(ChangeStatus.Saved, (await items.UpdateAsync(_coordinator, item.Id, stored.Version, details with { }, Token)).Status);
        Assert.True((await administration.AddThemeAsync(_coordinator, item.PlanId, "Nyt hovedpunkt", Token)).Succeeded);
        Assert.True((await import.ImportAsync(_coordinator, preview, newPlan, importValidRowsOnly: true, Token)).Succeeded);
        Assert.Equal((ItemStatus.InProgress, "Skrevet under nedbruddet"), ((await StoredAsync(item.Id)).Status, (await StoredAsync(item.Id)).Title));
    }

    [Fact]
    public async Task ChangesPageAndHistoryDownloadSayInDanishThatTheDatabaseCannotBeReached()
    {
        var client = _app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Coordinator);
        var item = await ItemAsync();
        // The shared copies of the plans are dropped, so the page and its menu must reach the database themselves.
        _app.Services.GetRequiredService<LocalChangeFeed>().Dispatch(new StructureChange(null, "Alle planer læses igen", "test", DateTimeOffset.UtcNow));

        HttpResponseMessage page, csv;
        using (DatabaseOutage.Begin(_app))
        {
            page = await client.GetAsync("/aendringer", Token);
            csv = await client.GetAsync($"/punkter/{item.Id}/historik.csv", Token);
        }

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(StorageFailure.NotRead, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Token)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, csv.StatusCode);
        Assert.Equal("Databasen kan ikke nås lige nu. Prøv igen om lidt.", await csv.Content.ReadAsStringAsync(Token));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/punkter/{item.Id}/historik.csv", Token)).StatusCode);
        Assert.Contains("Ændringer siden", await client.GetStringAsync("/aendringer", Token));
    }

    [Fact]
    public async Task TheBoardArbejdsplanAndMeetingOpenedDuringAnOutageSaySoAndOpenAfterwards()
    {
        var client = _app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Coordinator);
        Assert.Contains("Udmøntning", await client.GetStringAsync("/", Token));
        // Nothing cached: the board must read the plan itself.
        _app.Services.GetRequiredService<LocalChangeFeed>().Dispatch(new StructureChange(null, "Alle planer læses igen", "test", DateTimeOffset.UtcNow));

        string[] pages = ["/", "/udvalg/au/arbejdsplan", "/moede/au"];
        var answers = new List<HttpResponseMessage>();
        using (DatabaseOutage.Begin(_app))
        {
            foreach (var page in pages)
            {
                answers.Add(await client.GetAsync(page, Token));
            }
        }

        foreach (var (page, answer) in pages.Zip(answers))
        {
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{page} answered {answer.StatusCode}");
            Assert.Contains(StorageFailure.NotRead, WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(Token)));
            Assert.DoesNotContain(StorageFailure.NotRead, WebUtility.HtmlDecode(await client.GetStringAsync(page, Token)));
        }
    }

    private async Task<PlanItem> ItemAsync()
    {
        await using var db = await ContextAsync();
        return await db.Items.AsNoTracking().Where(i => i.Status == ItemStatus.NotStarted).OrderBy(i => i.Id).FirstAsync(Token);
    }

    private async Task<PlanItem> StoredAsync(int id)
    {
        await using var db = await ContextAsync();
        return await db.Items.AsNoTracking().SingleAsync(i => i.Id == id, Token);
    }

    private Task<PlanDbContext> ContextAsync() => _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
}
