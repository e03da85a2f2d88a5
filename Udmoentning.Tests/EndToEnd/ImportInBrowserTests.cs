using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>Importing workbooks in Chromium as a coordinator would: choose the file, read the preview, confirm; others see it live.</summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class ImportInBrowserTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task AnUpdateFromExcelIsPreviewedImportedAndSeenLiveByAReader()
    {
        const string newTitle = "Digital selvbetjening i jobcentret";
        await using var reader = await browser.OpenAsync(app, "/plan/1", TestUsers.Reader);
        await using var coordinator = await browser.OpenAsync(app, "/admin/planer/1/import", TestUsers.Coordinator, board: false);
        var file = RealisticWorkbooks.UpdateOfSamplePlan("AU-D4", newTitle, "6. Vækst, erhverv og beskæftigelse").ToBytes();

        await coordinator.ChooseWorkbookAsync(new FilePayload { Name = "opdatering.xlsx", MimeType = Xlsx, Buffer = file });

        var page = coordinator.Page;
        await Expect(page.GetByText("1 nye punkter · 1 ændrede")).ToBeVisibleAsync();
        await Expect(page.Locator("ins", new() { HasText = newTitle })).ToBeAttachedAsync();
        await Expect(page.GetByText("findes ikke i filen og beholdes uændret")).ToBeVisibleAsync();
        Assert.Equal(0, await ImportedRecordsAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Importér 1 nye og 1 ændrede punkter" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Importeret: 1 nye og 1 ændrede punkter" })).ToBeVisibleAsync();
        await Expect(reader.TitleOf("AU-D4")).ToHaveTextAsync(newTitle);
        await Expect(reader.Card("AU-NY1")).ToBeVisibleAsync();
        Assert.Equal(2, await ImportedRecordsAsync());
    }

    [Fact]
    public async Task ANewPlanIsImportedFromARealisticWorkbookOnlyWhenTheBadRowsAreExplicitlyLeftOut()
    {
        await using var coordinator = await browser.OpenAsync(app, "/admin/import", TestUsers.Coordinator, board: false);
        var page = coordinator.Page;

        await coordinator.ChooseWorkbookAsync(new FilePayload
        {
            Name = "plan-2026.xlsx",
            MimeType = Xlsx,
            Buffer = RealisticWorkbooks.NewPlan(withBadRows: true).ToBytes(),
        });

        var problems = page.GetByRole(AriaRole.Table, new() { Name = "Problemer i filen" });
        await Expect(problems).ToContainTextAsync("Beløb skal være hele tusinder");
        await Expect(problems).ToContainTextAsync("\"Ultimo\" er ikke et tidspunkt");
        await Expect(problems).ToContainTextAsync("ØU-R1");
        await Expect(problems).ToContainTextAsync("Arket \"Noter\" er ikke læst.");
        await PageText.AssertNoStraySpacesAsync(page, "the import preview");
        var importButton = page.GetByRole(AriaRole.Button, new() { Name = "Opret planen med 5 punkter" });
        await Expect(importButton).ToBeDisabledAsync();
        await Expect(page.GetByLabel("Navn")).ToHaveValueAsync(RealisticWorkbooks.PlanName);

        // The user corrects the mapping: the notes column is not to be read.
        await page.GetByLabel("Kolonne N (Bemærkninger) læses som").SelectOptionAsync("Ignore");
        await Expect(page.GetByLabel("Kolonne N (Bemærkninger) læses som")).ToHaveValueAsync("Ignore");

        await page.GetByText("Importér kun de 5 gyldige rækker").ClickAsync();
        await importButton.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Importeret: 5 nye og 0 ændrede punkter" })).ToBeVisibleAsync();
        await PageText.AssertNoStraySpacesAsync(page, "the import's result");
        await page.GetByRole(AriaRole.Link, new() { Name = "Åbn tavlen" }).ClickAsync();
        await coordinator.WaitUntilInteractiveAsync();
        await Expect(coordinator.Card("ØU-R1")).ToBeVisibleAsync();
        await Expect(coordinator.Cards).ToHaveCountAsync(5);
        await Expect(page.Locator("h1")).ToHaveTextAsync(CompoundWords.Hyphenate(RealisticWorkbooks.PlanName));

        var contexts = app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Null(await db.Items.Where(i => i.Code == "ØU-R1" && i.PlanId != 1).Select(i => i.Notes).SingleAsync(TestContext.Current.CancellationToken));

        // The import made a plan under udarbejdelse: everyone else's board still opens the adopted plan.
        await Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("under udarbejdelse");
        var adopted = await db.Plans.Where(p => p.Id == 1).Select(p => p.Name).SingleAsync(TestContext.Current.CancellationToken);
        var imported = await db.Plans.Where(p => p.Name == RealisticWorkbooks.PlanName).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken);
        await using var reader = await browser.OpenAsync(app, "/", TestUsers.Reader);
        await Expect(reader.Page.Locator("h1")).ToHaveTextAsync(CompoundWords.Hyphenate(adopted));

        // Adopting it is its own step, asked first and recorded; then it is the plan the board opens for everyone.
        await coordinator.GoToPageAsync($"/admin/planer/{imported}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Markér som vedtaget" }).ClickAsync();
        await Expect(coordinator.Dialog).ToContainTextAsync("åbner tavlen den for alle brugere");
        await coordinator.PressInDialogAsync(coordinator.Dialog.GetByRole(AriaRole.Button, new() { Name = "Markér som vedtaget" }));
        await Expect(coordinator.Snackbar).ToContainTextAsync("Planen er nu vedtaget.");
        await Expect(page.Locator("section[aria-labelledby=record] ol.history > li").First).ToContainTextAsync("Stade");
        await reader.ReloadAsync();
        await Expect(reader.Page.Locator("h1")).ToHaveTextAsync(CompoundWords.Hyphenate(RealisticWorkbooks.PlanName));
    }

    [Fact]
    public async Task SheetsUnitAndANewCommitteeAreAnsweredInThePreviewBeforeTheImport()
    {
        await using var coordinator = await browser.OpenAsync(app, "/admin/import", TestUsers.Coordinator, board: false);
        var page = coordinator.Page;
        await page.SetViewportSizeAsync(1440, 1000);
        var file = new TestWorkbook()
            .Sheet("AU", s => s.Row("Nr.", "Titel", "Tidsplan", "2026", "2027")
                .Row("AU-91", "Jobcenter i kroner", "Primo 2026", -1_200_000.0, -2_400_000.0))
            .Sheet("Teknik", s => s.Row("Nr.", "Titel", "Udvalg", "2026", "2027")
                .Row("TU-91", "Vejplan", "Teknikudvalget", -500_000.0, 0.0)
                .Row("X-91", "Tastefejl", "XYZ", 300_000.0, 0.0))
            .Sheet("Diverse", s => s.Row("Nr.", "Titel", "Type", "2026", "2027")
                .Row("D-91", "Cykelstier", "Anlæg", 2_000_000.0, 0.0))
            .ToBytes();

        await coordinator.ChooseWorkbookAsync(new FilePayload { Name = "kroner.xlsx", MimeType = Xlsx, Buffer = file });

        await Expect(page.GetByText("Vælg beløbenes enhed, før der kan importeres.")).ToBeVisibleAsync();
        await Expect(page.GetByText("AU: 1 punkter; udvalg AU efter arkets navn")).ToBeVisibleAsync();
        await Expect(page.GetByText("\"Primo 2026\" → Q1 2026")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Opret planen med 1 punkter" })).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Problemer i filen" })).ToContainTextAsync("Vælg udvalget for arket \"Diverse\"");

        await page.GetByLabel("Udvalg for rækker uden udvalg i arket \"Diverse\"").SelectOptionAsync("MTU");
        await Expect(page.GetByText("Diverse: 1 punkter; udvalg MTU")).ToBeVisibleAsync();
        await page.GetByText("kr. (omregnes til 1.000 kr.)", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByText("Vælg beløbenes enhed, før der kan importeres.")).ToHaveCountAsync(0);
        await page.GetByLabel("Forkortelse for \"Teknikudvalget\"").FillAsync("TU");
        await page.GetByLabel("Kortnavn i adressen for \"Teknikudvalget\"").FillAsync("teknik");
        await page.GetByText("Opret udvalget for \"Teknikudvalget\" ved importen").ClickAsync();
        await Expect(page.GetByText("Oprettes ved importen: Teknikudvalget (TU), adressen /udvalg/teknik.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Problemer i filen" })).ToContainTextAsync("Udvalget \"XYZ\" findes ikke.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "udm-import-preview-1440.png"), FullPage = true });

        await page.GetByText("Importér kun de 3 gyldige rækker").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret planen med 3 punkter" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Importeret: 3 nye og 0 ændrede punkter" })).ToBeVisibleAsync();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("Teknikudvalget", "teknik"), await db.Committees.Where(c => c.ShortCode == "TU").Select(c => new ValueTuple<string, string>(c.Name, c.Slug)).SingleAsync(TestContext.Current.CancellationToken));
        Assert.False(await db.Committees.AnyAsync(c => c.ShortCode == "XYZ", TestContext.Current.CancellationToken));
        var jobcenter = await db.Items.AsNoTracking().SingleAsync(i => i.Code == "AU-91", TestContext.Current.CancellationToken);
        Assert.Equal([-1200, -2400], new[] { 2026, 2027 }.Select(jobcenter.EffectIn));
        var cycling = await db.Items.AsNoTracking().SingleAsync(i => i.Code == "D-91", TestContext.Current.CancellationToken);
        Assert.Equal("MTU", await db.Committees.Where(c => c.Id == cycling.CommitteeId).Select(c => c.ShortCode).SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2000, cycling.EffectIn(2026));
    }

    [Fact]
    public async Task AFileThatIsNotAnExcelWorkbookGetsAClearMessageAndNoPreview()
    {
        await using var coordinator = await browser.OpenAsync(app, "/admin/import", TestUsers.Coordinator, board: false);

        await coordinator.ChooseWorkbookAsync(new FilePayload { Name = "plan.xlsx", MimeType = Xlsx, Buffer = TestWorkbook.RandomBytes(2048, 3) });

        await Expect(coordinator.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Filen er ikke en Excel-fil (.xlsx).");
        await Expect(coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Opret planen" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheFileCannotBeChosenBeforeThePageListensForIt()
    {
        await using var coordinator = await browser.OpenAsync(app, "/admin/import", TestUsers.Coordinator, board: false);
        await Expect(coordinator.Page.GetByLabel("Excel-fil")).ToBeEnabledAsync();

        // A slow connection: the page is shown, but its script (and so its live connection) has not come yet. The script's
        // name carries its fingerprint (blazor.web.<hash>.js).
        var blocked = 0;
        await coordinator.Page.RouteAsync("**/_framework/blazor.web.*", route =>
        {
            Interlocked.Increment(ref blocked);
            return route.AbortAsync();
        });
        await coordinator.Page.ReloadAsync();
        Assert.True(blocked > 0, "The page's script was not held back.");

        await Expect(coordinator.Page.Locator("h1")).ToHaveTextAsync("Importér en ny plan fra Excel");
        await Expect(coordinator.Page.GetByLabel("Excel-fil")).ToBeDisabledAsync();
        await Expect(coordinator.Page.GetByText("Siden indlæses …")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AThemeAddedInAdministrationAppearsOnAnOpenBoardWithoutReload()
    {
        await using var reader = await browser.OpenAsync(app, "/plan/1", TestUsers.Reader);
        await using var coordinator = await browser.OpenAsync(app, "/admin/planer/1", TestUsers.Coordinator, board: false);
        await reader.Page.EvaluateAsync("() => { window.__marker = 1; }");

        await coordinator.Page.GetByLabel("Nyt hovedpunkt").FillAsync("Digitalisering og kunstig intelligens");
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Tilføj hovedpunkt" }).ClickAsync();

        await Expect(reader.Page.Locator("section.lane h2")).ToContainTextAsync(["8. Digitalisering og kunstig intelligens"]);
        await Expect(reader.Announcer).ToContainTextAsync("Digitalisering og kunstig intelligens");
        Assert.Equal(1, await reader.Page.EvaluateAsync<int?>("() => window.__marker ?? null"));
        await Expect(coordinator.Page.GetByLabel("Navn på hovedpunkt 8")).ToHaveValueAsync("Digitalisering og kunstig intelligens");
    }

    private async Task<int> ImportedRecordsAsync()
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.History.CountAsync(h => h.Kind == PlanItemService.ImportedKind && h.PlanId == 1, TestContext.Current.CancellationToken);
    }
}
