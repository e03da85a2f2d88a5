using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data;
using Udmoentning.Web.History;
using Udmoentning.Web.Plans;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// A committee meeting as the room sees it: the presenter steps through the extract on the projector, members follow on
/// their own screens, one of them browses on their own for a while, and an item is corrected during the meeting.
/// The tests share one app, and so its meetings: each holds a meeting of its own committee.
/// </summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class MeetingTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task ThePresentersStepsReachFollowersUntilTheyStopFollowingAndFollowAgain()
    {
        await using var presenter = await OpenMeetingAsync("/moede/kuu", TestUsers.Coordinator);
        await using var editor = await OpenMeetingAsync("/moede/kuu", TestUsers.EditorAu);
        await using var reader = await OpenMeetingAsync("/moede/kuu", TestUsers.Reader);
        await Expect(Button(reader, "Start mødet")).ToHaveCountAsync(0);

        await Button(presenter, "Start mødet").ClickAsync();
        await Expect(Status(presenter)).ToContainTextAsync("Du præsenterer mødet");
        await Expect(Status(reader)).ToContainTextAsync($"Du følger præsentationen. {Viewer.DisplayName(TestUsers.Coordinator)} præsenterer.");
        var first = await CurrentCode(presenter).InnerTextAsync();
        await Expect(CurrentCode(editor)).ToHaveTextAsync(first);
        await Expect(CurrentCode(reader)).ToHaveTextAsync(first);
        await Expect(Button(reader, "Næste →")).ToHaveCountAsync(0);

        await Button(presenter, "Næste →").ClickAsync();
        await Expect(CurrentCode(presenter)).Not.ToHaveTextAsync(first);
        var second = await CurrentCode(presenter).InnerTextAsync();
        await Expect(CurrentCode(editor)).ToHaveTextAsync(second);
        await Expect(CurrentCode(reader)).ToHaveTextAsync(second);
        await Expect(reader.Page.Locator("#meeting-announcer")).ToContainTextAsync($"Punkt {second}");

        await Button(reader, "Stop med at følge").ClickAsync();
        await Expect(Status(reader)).ToContainTextAsync("Du følger ikke præsentationen");
        await presenter.Page.Locator("h1").ClickAsync();
        await presenter.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(CurrentCode(presenter)).Not.ToHaveTextAsync(second);
        var third = await CurrentCode(presenter).InnerTextAsync();
        await Expect(CurrentCode(editor)).ToHaveTextAsync(third);
        await Expect(CurrentCode(reader)).ToHaveTextAsync(second);

        // Browsing on their own moves only the reader; the presenter's page stays put.
        await reader.Page.Locator("h1").ClickAsync();
        await reader.Page.Keyboard.PressAsync("PageUp");
        await Expect(CurrentCode(reader)).ToHaveTextAsync(first);
        await Expect(CurrentCode(presenter)).ToHaveTextAsync(third);

        await Button(reader, "Følg præsentationen igen").ClickAsync();
        await Expect(CurrentCode(reader)).ToHaveTextAsync(third);
        await Expect(Status(reader)).ToContainTextAsync("Du følger præsentationen");

        // A theme at a time: the followers see the same main theme as a list.
        await Button(presenter, "Hovedpunkt").ClickAsync();
        var theme = await presenter.Page.Locator(".meeting-theme-title").InnerTextAsync();
        await Expect(reader.Page.Locator(".meeting-theme-title")).ToHaveTextAsync(theme);
        await Expect(editor.Page.Locator(".meeting-theme-title")).ToHaveTextAsync(theme);
    }

    [Fact]
    public async Task AChangeDuringTheMeetingReachesEveryoneAndIsInTheHistoryAndTheSummary()
    {
        const string code = "BUU-D3";
        await using var presenter = await OpenMeetingAsync("/moede/buu", TestUsers.Coordinator);
        await using var editor = await OpenMeetingAsync("/moede/buu", TestUsers.EditorAu);
        await using var reader = await OpenMeetingAsync("/moede/buu", TestUsers.Reader);
        await Button(presenter, "Start mødet").ClickAsync();
        await presenter.Page.Locator(".meeting-outline summary").ClickAsync();
        await presenter.Page.Locator($".meeting-outline li[data-code='{code}'] button").ClickAsync();
        await Expect(CurrentCode(reader)).ToHaveTextAsync(code);
        await Expect(CurrentCode(editor)).ToHaveTextAsync(code);
        await Expect(Facts(reader)).ToContainTextAsync("Q1 2025, som oprindeligt planlagt");
        await Expect(Button(reader, "Ret punktet")).ToHaveCountAsync(0);
        await Expect(Button(editor, "Ret punktet")).ToHaveCountAsync(0);

        await Button(presenter, "Ret punktet").ClickAsync();
        await Expect(presenter.Dialog).ToContainTextAsync(code);
        await presenter.Dialog.GetByLabel("Vejledende tidspunkt", new LocatorGetByLabelOptions { Exact = true }).FillAsync("Q3 2025");
        await presenter.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Gem", Exact = true }).ClickAsync();
        await Expect(presenter.Dialog).ToHaveCountAsync(0);

        const string slipped = "Q3 2025, forsinket 2 kvt. i forhold til Q1 2025";
        foreach (var viewer in new[] { presenter, editor, reader })
        {
            await Expect(Facts(viewer)).ToContainTextAsync(slipped);
            await Expect(viewer.Page.Locator(".meeting-item-head .changed-mark")).ToHaveTextAsync("Ændret siden sidste møde");
            await Expect(viewer.Page.Locator(".meeting-changes")).ToContainTextAsync("Tidspunkt:");
        }

        await Expect(reader.Page.Locator("#meeting-announcer")).ToContainTextAsync($"{code} opdateret af {Viewer.DisplayName(TestUsers.Coordinator)}");
        await Expect(reader.Page.Locator($".meeting-outline li[data-code='{code}'] .changed-mark")).ToHaveCountAsync(1);

        var history = app.Services.GetRequiredService<HistoryReader>();
        var entries = await history.ForItemAsync(await ItemIdAsync(code), TestContext.Current.CancellationToken);
        Assert.Contains(entries, e => e.Changes.Any(c => c is { Field: "Tidspunkt", Old: "Q1 2025", New: "Q3 2025" }));

        await Button(presenter, "Opsummering").ClickAsync();
        foreach (var viewer in new[] { presenter, reader })
        {
            await Expect(viewer.Page.Locator(".meeting-summary .history")).ToContainTextAsync(code);
            await Expect(viewer.Page.Locator(".meeting-summary .history")).ToContainTextAsync("Q3 2025");
        }

        var href = await reader.Page.Locator(".meeting-summary a[download]").GetAttributeAsync("href");
        var response = await reader.Page.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv", response.Headers["content-type"], StringComparison.Ordinal);
        var bytes = await response.BodyAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Tidspunkt;Bruger;Bruger-id;Punkt;Handling;Felt;Før;Efter", csv, StringComparison.Ordinal);
        Assert.Contains($";{code};Redigeret;Tidspunkt;Q1 2025;Q3 2025", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherEligibleUserTakesOverThePresentation()
    {
        await using var coordinator = await OpenMeetingAsync("/moede/au", TestUsers.Coordinator);
        await using var editor = await OpenMeetingAsync("/moede/au", TestUsers.EditorAu);
        await Button(coordinator, "Start mødet").ClickAsync();
        await Expect(Button(editor, "Overtag præsentationen")).ToBeVisibleAsync();

        await Button(editor, "Overtag præsentationen").ClickAsync();

        await Expect(Status(editor)).ToContainTextAsync("Du præsenterer mødet");
        await Expect(Status(coordinator)).ToContainTextAsync($"Du følger præsentationen. {Viewer.DisplayName(TestUsers.EditorAu)} præsenterer.");
        var first = await CurrentCode(editor).InnerTextAsync();
        await Button(editor, "Næste →").ClickAsync();
        // Read the new item only once the editor's own page shows it: reading at once can catch the first one.
        await Expect(CurrentCode(editor)).Not.ToHaveTextAsync(first);
        var code = await CurrentCode(editor).InnerTextAsync();
        await Expect(CurrentCode(coordinator)).ToHaveTextAsync(code);
        await Button(editor, "Afslut mødet").ClickAsync();
        await Expect(coordinator.Page.Locator(".meeting-summary")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ACommitteesMeetingTakesItsOwnItemsFirstThenThoseItTreatsThenTheCrossCuttingOnes()
    {
        var snapshot = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: TestContext.Current.CancellationToken))!;
        var au = snapshot.CommitteeBySlug("au")!;
        string GroupOf(PlanItem item) =>
            item.CommitteeId == au.Id ? "Udvalgets egne punkter"
            : item.TreatmentCommitteeId == au.Id ? "Punkter, udvalget behandler politisk"
            : "Tværgående punkter";
        var expected = snapshot.Items.Where(i => i.CommitteeId == au.Id || i.TreatmentCommitteeId == au.Id || i.ConcernsAllCommittees)
            .OrderBy(i => i.CommitteeId == au.Id ? 0 : i.TreatmentCommitteeId == au.Id ? 1 : 2)
            .ThenBy(i => snapshot.Theme(i.ThemeId)!.Position)
            .ThenBy(i => i.Code, ItemCodes.Order)
            .ToList();

        await using var reader = await OpenMeetingAsync("/moede/au", TestUsers.Reader);
        await reader.Page.Locator(".meeting-outline summary").ClickAsync();

        Assert.Equal(expected.Select(i => i.Code), await reader.Page.Locator(".meeting-outline li[data-code]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.code)"));
        await Expect(reader.Page.Locator(".meeting-outline-group")).ToHaveTextAsync([.. expected.Select(GroupOf).Distinct()]);
        Assert.Equal("Udvalgets egne punkter", GroupOf(expected[0]));
    }

    [Fact]
    public async Task TheMeetingPageHasNoAccessibilityViolations()
    {
        await using var viewer = await OpenMeetingAsync("/moede/direktion", TestUsers.Coordinator);
        await Button(viewer, "Start mødet").ClickAsync();
        await Expect(Status(viewer)).ToContainTextAsync("Du præsenterer mødet");
        await viewer.Page.Locator(".meeting-outline summary").ClickAsync();
        await Axe.AssertNoViolationsOnPhoneAndDesktopAsync(viewer.Page, "a meeting being presented");

        await Button(viewer, "Hovedpunkt").ClickAsync();
        await Expect(viewer.Page.Locator(".meeting-theme")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(viewer.Page, "a meeting's theme view");

        await Button(viewer, "Opsummering").ClickAsync();
        await Expect(viewer.Page.Locator(".meeting-summary")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(viewer.Page, "a meeting's summary");
    }

    [Fact]
    public async Task OnAProjectorTheTypeReadsFromTheBackOfTheRoom()
    {
        await using var viewer = await OpenMeetingAsync("/moede/ssu", TestUsers.Reader);
        await viewer.Page.SetViewportSizeAsync(1920, 1080);
        await Expect(viewer.Page.Locator(".meeting-title")).ToBeVisibleAsync();

        var body = await FontSizeAsync(viewer.Page, ".meeting-facts dd");
        var title = await FontSizeAsync(viewer.Page, ".meeting-title");
        Assert.True(body >= 28, $"Body text is {body} px on a 1920 px screen.");
        Assert.True(title >= 2 * body, $"The title is {title} px against {body} px body text.");
        await Expect(viewer.Page.Locator(".meeting-facts")).ToContainTextAsync("Tilstand");
        await Expect(viewer.Page.Locator(".meeting-facts .health-word")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Grøn|Gul|Rød)$"));

        // The essentials (number, title, status, state, timing, political treatment, amounts) fit without scrolling.
        foreach (var (width, height) in new[] { (1920, 1080), (1280, 720) })
        {
            await viewer.Page.SetViewportSizeAsync(width, height);
            foreach (var essential in (string[])[".meeting-item-head .meeting-code", ".meeting-title", ".meeting-facts", ".meeting-amounts"])
            {
                var bottom = await viewer.Page.Locator(essential).First.EvaluateAsync<double>("e => e.getBoundingClientRect().bottom");
                Assert.True(bottom <= height, $"{essential} ends at {bottom} px on a {width}×{height} screen.");
            }
        }
    }

    private static Task<double> FontSizeAsync(IPage page, string selector) =>
        page.Locator(selector).First.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");

    private async Task<Viewer> OpenMeetingAsync(string path, string user)
    {
        var viewer = await browser.OpenAsync(app, path, user, board: false);
        await Expect(viewer.Page.Locator(".meeting-status")).ToBeVisibleAsync();
        return viewer;
    }

    private static ILocator Button(Viewer viewer, string name) =>
        viewer.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = name, Exact = true });

    private static ILocator Status(Viewer viewer) => viewer.Page.Locator(".meeting-status");

    private static ILocator CurrentCode(Viewer viewer) => viewer.Page.Locator(".meeting-item-head .meeting-code");

    private static ILocator Facts(Viewer viewer) => viewer.Page.Locator(".meeting-facts");

    private async Task<int> ItemIdAsync(string code)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Items.Where(i => i.Code == code).Select(i => i.Id).SingleAsync(TestContext.Current.CancellationToken);
    }
}
