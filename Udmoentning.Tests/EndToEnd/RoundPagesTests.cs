using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Rounds;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// The coordinator's round pages in the browser: open a round from the form, choose who answers, watch a report arrive
/// live, close the round through its confirmation and find it in the archive; a reader sees the archive but runs nothing.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RoundPagesTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task ACoordinatorOpensARoundAssignsAnItemSeesAReportArriveLiveAndClosesIt()
    {
        var token = TestContext.Current.CancellationToken;
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: token))!;
        var open = plan.Items.Count(i => !i.IsCompleted);
        var name = $"Runde {Guid.NewGuid():N}"[..20];
        await using var viewer = await browser.OpenAsync(app, $"/plan/{plan.Plan.Id}/runder", TestUsers.Coordinator, board: false);
        var page = viewer.Page;
        await Expect(page.Locator("h1")).ToHaveTextAsync("Opfølgningsrunder");
        await Expect(page.GetByLabel("Navn", new() { Exact = true })).ToHaveValueAsync(DefaultName());
        await Axe.AssertNoViolationsAsync(page);

        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync(name);
        await Expect(page.GetByLabel("Omfang")).ToHaveValueAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Åbn runden" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/plan/{plan.Plan.Id}/runder/\\d+$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator(".round-meta")).ToContainTextAsync($"0 af {open} klar");
        await Expect(page.Locator(".round-meta")).ToContainTextAsync("Åben");
        await Expect(page.GetByText($"Klar: 0 af {open} · Overskredet: 0")).ToBeVisibleAsync();
        await Expect(page.Locator("table.round-items tbody tr")).ToHaveCountAsync(open);
        await Axe.AssertNoViolationsAsync(page);
        await AssertNoSidewaysScrollAsync(page);

        var rounds = app.Services.GetRequiredService<RoundReader>();
        var roundId = (await rounds.ListAsync(plan.Plan.Id, token)).Single(r => r.Name == name).Id;
        var entry = (await rounds.GetAsync(plan.Plan.Id, roundId, token))!.Items.OrderBy(e => e.ItemId).First();
        var coordinatorName = Viewer.DisplayName(TestUsers.Coordinator);
        var mine = page.GetByRole(AriaRole.Link, new() { Name = "Mine punkter i runden" });
        await Expect(mine).ToHaveCountAsync(0);
        var assignee = page.GetByLabel($"Ansvarlig for {entry.ItemCode}");
        await assignee.SelectOptionAsync(new SelectOptionValue { Label = coordinatorName });
        await Expect(page.GetByText($"{entry.ItemCode} besvares nu af {coordinatorName}.")).ToBeVisibleAsync();
        await Expect(page.Locator("table.round-people")).ToContainTextAsync(coordinatorName);
        await Expect(mine).ToHaveAttributeAsync("href", PlanLinks.MyRoundItems(plan.Plan.Id));
        entry = (await rounds.GetAsync(plan.Plan.Id, roundId, token))!.ItemFor(entry.ItemId)!;
        Assert.Equal(coordinatorName, entry.AssigneeName);
        await Expect(assignee).ToHaveValueAsync(entry.AssigneeId!);

        // Reported and marked ready by someone else, through the service: the open page follows without a reload.
        var item = plan.Item(entry.ItemId)!;
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var service = app.Services.GetRequiredService<PlanItemService>();
        var reported = await service.ReportInRoundAsync(coordinator, new RoundReportRequest(roundId, entry.ItemId, entry.Version, "Forløber efter planen.\nBesparelsen er realiseret.", item.Health, item.Timing), token);
        Assert.True(reported.Succeeded, reported.Message);
        var ready = await service.MarkReadyInRoundAsync(coordinator, roundId, entry.ItemId, reported.Value!.Entry!.Version, true, token);
        Assert.True(ready.Succeeded, ready.Message);
        await Expect(page.GetByText($"Klar: 1 af {open} · Overskredet: 0")).ToBeVisibleAsync();
        await Expect(page.Locator(".round-meta")).ToContainTextAsync($"1 af {open} klar");
        var row = page.Locator($"table.round-items tr[data-code='{entry.ItemCode}']");
        await Expect(row).ToContainTextAsync("Klar");
        await Expect(row).ToContainTextAsync("Besparelsen er realiseret.");
        await Expect(page.Locator("#round-announcer")).ToContainTextAsync($"{entry.ItemCode} er markeret klar af {coordinatorName}", new() { Timeout = 15_000 });

        await page.GetByLabel("Vis", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Mangler" });
        await Expect(page.Locator("table.round-items tbody tr")).ToHaveCountAsync(open - 1);
        await Expect(row).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Luk runden" }).ClickAsync();
        await Expect(viewer.Dialog).ToContainTextAsync($"Den kan ikke ændres bagefter. {open - 1} punkter er ikke klar.");
        await viewer.Dialog.GetByRole(AriaRole.Button, new() { Name = "Luk runden" }).ClickAsync();
        await Expect(page.GetByText($"Runden \"{name}\" er lukket og gemt som øjebliksbillede: 1 af {open} punkter var klar.")).ToBeVisibleAsync();
        await Expect(page.Locator(".round-meta")).ToContainTextAsync("Lukket");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Luk runden" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Rapport (PDF)" })).ToHaveAttributeAsync("href", PlanLinks.RoundReport(plan.Plan.Id, roundId));
        await Expect(page.GetByLabel($"Ansvarlig for {entry.ItemCode}")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Alle opfølgningsrunder" }).ClickAsync();
        var archived = page.Locator($"section[aria-labelledby=archive] li[data-round='{roundId}']");
        await Expect(archived).ToContainTextAsync(name);
        await Expect(archived).ToContainTextAsync($"1 af {open} klar");
        await Expect(archived.GetByRole(AriaRole.Link, new() { Name = $"Rapport (Excel) for {name}" })).ToHaveAttributeAsync("href", PlanLinks.RoundReportWorkbook(plan.Plan.Id, roundId));
        await Expect(page.Locator($"section[aria-labelledby=open-rounds] li[data-round='{roundId}']")).ToHaveCountAsync(0);
        await Axe.AssertNoViolationsAsync(page);
        await AssertNoSidewaysScrollAsync(page);
    }

    [Fact]
    public async Task AReaderSeesTheArchiveButCannotOpenOrCloseARound()
    {
        var token = TestContext.Current.CancellationToken;
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: token))!;
        var administration = app.Services.GetRequiredService<PlanAdministration>();
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var name = $"Arkiv {Guid.NewGuid():N}"[..20];
        var opened = await administration.OpenRoundAsync(coordinator, plan.Plan.Id, new RoundForm(name, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7), null), token);
        Assert.True(opened.Succeeded, opened.Message);
        var round = (await app.Services.GetRequiredService<RoundReader>().GetAsync(plan.Plan.Id, opened.Value, token))!;
        var closed = await administration.CloseRoundAsync(coordinator, round.Id, round.Version, token);
        Assert.True(closed.Succeeded, closed.Message);

        // A committee's round whose deadline has passed with nothing ready: overdue, said in words.
        var committee = plan.Committees.First(c => plan.Items.Any(i => i.CommitteeId == c.Id && !i.IsCompleted));
        var lateName = $"Sen {Guid.NewGuid():N}"[..20];
        var late = await administration.OpenRoundAsync(coordinator, plan.Plan.Id, new RoundForm(lateName, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3), committee.Id), token);
        Assert.True(late.Succeeded, late.Message);
        var lateItems = (await app.Services.GetRequiredService<RoundReader>().GetAsync(plan.Plan.Id, late.Value, token))!.Items.Count;

        await using var viewer = await browser.OpenAsync(app, $"/plan/{plan.Plan.Id}/runder", TestUsers.Reader, board: false);
        var page = viewer.Page;
        await Expect(page.Locator("h1")).ToHaveTextAsync("Opfølgningsrunder");
        var overdue = page.Locator($"section[aria-labelledby=open-rounds] li[data-round='{late.Value}']");
        await Expect(overdue).ToContainTextAsync(committee.Name);
        await Expect(overdue).ToContainTextAsync($"0 af {lateItems} klar");
        await Expect(overdue.Locator(".flag")).ToHaveTextAsync("Overskredet");
        var archived = page.Locator($"section[aria-labelledby=archive] li[data-round='{round.Id}']");
        await Expect(archived).ToContainTextAsync(name);
        await Expect(archived.GetByRole(AriaRole.Link, new() { Name = $"Rapport (PDF) for {name}" })).ToHaveAttributeAsync("href", PlanLinks.RoundReport(plan.Plan.Id, round.Id));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Åbn en ny runde" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Åbn runden" })).ToHaveCountAsync(0);

        await archived.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator(".round-meta")).ToContainTextAsync("Lukket");
        await Expect(page.Locator("table.round-items tbody tr").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Luk runden" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Skift frist" })).ToHaveCountAsync(0);
        await Axe.AssertNoViolationsAsync(page);

        await viewer.GoToPageAsync(PlanLinks.Round(plan.Plan.Id, late.Value));
        await Expect(page.GetByText($"Klar: 0 af {lateItems} · Overskredet: {lateItems}")).ToBeVisibleAsync();
        await Expect(page.Locator("table.round-items tbody tr .flag.overdue")).ToHaveCountAsync(lateItems);
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Ansvarlig for", Exact = false })).ToHaveCountAsync(0);

        await viewer.GoToPageAsync($"/plan/{plan.Plan.Id}/runder/987654");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Runden findes ikke");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Gå til opfølgningsrunderne" })).ToBeVisibleAsync();
    }

    /// <summary>The name the form suggests: the budget follow-up at the end of this quarter.</summary>
    [Fact]
    public async Task OpeningARoundNamesTheItemsNobodyWouldAnswerForAndLetsTheCoordinatorChooseSomeone()
    {
        var token = TestContext.Current.CancellationToken;
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: token))!;
        var au = plan.Committees.Single(c => c.ShortCode == "AU");
        var withEditors = plan.Committees.Where(c => c.ShortCode is "AU" or "BUU").Select(c => c.Id).ToHashSet();
        var missing = Udmoentning.Domain.Rounds.FollowUpRound.ItemsFor(au, plan.Items).Where(i => !withEditors.Contains(i.CommitteeId)).OrderBy(i => i.Code).ToList();
        Assert.NotEmpty(missing);
        var name = $"Runde {Guid.NewGuid():N}"[..20];
        await using var viewer = await browser.OpenAsync(app, $"/plan/{plan.Plan.Id}/runder", TestUsers.Coordinator, board: false);
        var page = viewer.Page;

        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Omfang").SelectOptionAsync(new SelectOptionValue { Label = au.Name });
        var note = page.Locator(".round-missing");
        await Expect(note).ToContainTextAsync($"{missing.Count} punkter har ingen til at svare");
        await Expect(note.Locator("li")).ToHaveCountAsync(missing.Count);
        var chosen = missing[0];
        var coordinatorName = Viewer.DisplayName(TestUsers.Coordinator);
        await note.GetByLabel($"Ansvarlig for {chosen.Code}").SelectOptionAsync(new SelectOptionValue { Label = coordinatorName });
        await Axe.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Åbn runden" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/plan/{plan.Plan.Id}/runder/\\d+$"));

        var rounds = app.Services.GetRequiredService<RoundReader>();
        var round = (await rounds.GetAsync(plan.Plan.Id, (await rounds.ListAsync(plan.Plan.Id, token)).Single(r => r.Name == name).Id, token))!;
        Assert.Equal(coordinatorName, round.ItemFor(chosen.Id)!.AssigneeName);
        Assert.All(missing.Skip(1), i => Assert.Null(round.ItemFor(i.Id)!.AssigneeId));
        await Expect(page.GetByLabel($"Ansvarlig for {chosen.Code}")).ToHaveValueAsync(round.ItemFor(chosen.Id)!.AssigneeId!);
    }

    [Fact]
    public async Task InAnEnglishLanguageBrowserDatesAndTheFileFieldAreStillDanish()
    {
        var token = TestContext.Current.CancellationToken;
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: token))!;
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), Locale = "en-US", ViewportSize = new() { Width = 1440, Height = 900 } });
        await using var viewer = new Viewer(context, await context.NewPageAsync(), app.Problems);
        var page = viewer.Page;
        await viewer.SignInAsync(TestUsers.Coordinator, $"/plan/{plan.Plan.Id}/runder", board: false);

        // The suggested deadline, two weeks ahead, written the Danish way, and the calendar in Danish.
        var deadline = Udmoentning.Domain.DanishTime.Today(DateTimeOffset.UtcNow).AddDays(14);
        var danish = System.Globalization.CultureInfo.GetCultureInfo("da-DK");
        await Expect(page.GetByLabel("Frist")).ToHaveValueAsync(deadline.ToString("dd-MM-yyyy", danish));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vælg dato i kalenderen" }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open").First).ToContainTextAsync($"{deadline.ToString("MMMM", danish)} {deadline.Year}");
        await Expect(page.Locator(".mud-popover-open").First).ToContainTextAsync("man.");

        await viewer.GoToPageAsync("/admin/import");
        await Expect(page.Locator(".file-button")).ToHaveTextAsync("Vælg fil …");
        await Expect(page.GetByText("Ingen fil valgt")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Excel-fil")).ToBeEnabledAsync();
    }

    private static string DefaultName()
    {
        // The budget follow-up at the end of the quarter; in the fourth quarter the next one, 31 March (the year's end is the accounts).
        var today = Udmoentning.Domain.DanishTime.Today(DateTimeOffset.UtcNow);
        var month = ((today.Month - 1) / 3 + 1) * 3;
        var followUp = month == 12 ? new DateOnly(today.Year + 1, 3, 31) : new DateOnly(today.Year, month, DateTime.DaysInMonth(today.Year, month));
        return Udmoentning.Domain.Economy.FollowUpSnapshot.DefaultName(followUp);
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        await page.SetViewportSizeAsync(1280, 900);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"At 1280 px the page scrolls sideways ({widths[0]} > {widths[1]}).");
    }
}
