using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain;
using Udmoentning.Domain.History;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// Arbejdsmarkedsudvalget's arbejdsplan in two browsers: a coordinator schedules items, a reader watches. The tests share
/// one app and database, so each moves items of its own.
/// </summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class WorkplanTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    private const string Path = "/udvalg/au/arbejdsplan";
    private static readonly CultureInfo _danish = CultureInfo.GetCultureInfo("da-DK");

    [Fact]
    public async Task SchedulingByDragInOneBrowserAppearsInTheOtherWithoutReload()
    {
        // AU-D4 is in AU's extract without a meeting.
        const string code = "AU-D4";
        var june = new DateOnly(2025, 6, 19);
        await using var a = await OpenAsync(TestUsers.Coordinator);
        await using var b = await OpenAsync(TestUsers.Reader);
        await Expect(CardIn(Unscheduled(b), code)).ToBeVisibleAsync();
        await b.Page.EvaluateAsync("() => { window.__marker = 1; }");

        await CardIn(Unscheduled(a), code).DragToAsync(Meeting(a, june));

        await Expect(CardIn(Meeting(b, june), code)).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 5_000 });
        await Expect(CardIn(Unscheduled(b), code)).ToHaveCountAsync(0);
        await Expect(b.Announcer).ToContainTextAsync($"{code} planlagt til mødet {Danish(june)} af {Viewer.DisplayName(TestUsers.Coordinator)}.");
        Assert.Equal(1, await b.Page.EvaluateAsync<int?>("() => window.__marker ?? null"));
        await Expect(CardIn(Meeting(a, june), code)).ToBeVisibleAsync();
        await Expect(a.Announcer).ToHaveTextAsync($"{code} planlagt til mødet {Danish(june)}.");

        var record = Assert.Single(await HistoryAsync(code));
        Assert.Contains(new FieldChange("Møde", null, "2025-06-19"), record.Changes);
    }

    [Fact]
    public async Task MovingFromTheKeyboardAppearsInTheOtherBrowserAndKeepsTheFocus()
    {
        // AU-D1 is scheduled for 23 Jan 2025; AU's next meetings are 20 Feb and 20 Mar.
        const string code = "AU-D1";
        var january = new DateOnly(2025, 1, 23);
        var february = new DateOnly(2025, 2, 20);
        var may = new DateOnly(2025, 5, 22);
        await using var a = await OpenAsync(TestUsers.Coordinator);
        await using var b = await OpenAsync(TestUsers.Reader);
        await Expect(CardIn(Meeting(b, january), code)).ToBeVisibleAsync();
        await Expect(b.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Flyt {code} til møde…" })).ToHaveCountAsync(0);

        await MoveButton(a, code).FocusAsync();
        await a.Page.Keyboard.PressAsync("Control+ArrowDown");

        await Expect(CardIn(Meeting(a, february), code)).ToBeVisibleAsync();
        await Expect(MoveButton(a, code)).ToBeFocusedAsync();
        await Expect(a.Announcer).ToHaveTextAsync($"{code} planlagt til mødet {Danish(february)}.");
        await Expect(CardIn(Meeting(b, february), code)).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 5_000 });
        await Expect(CardIn(Meeting(b, january), code)).ToHaveCountAsync(0);
        await Expect(b.Announcer).ToContainTextAsync($"{code} planlagt til mødet {Danish(february)} af {Viewer.DisplayName(TestUsers.Coordinator)}.");

        // The "Flyt til møde…" dialog, by keyboard: Enter opens it, Enter on a meeting moves the item there.
        await a.Page.Keyboard.PressAsync("Enter");
        await Expect(a.Dialog).ToBeVisibleAsync();
        await Expect(a.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = $"Møde {Danish(february)} (nu)" })).ToBeDisabledAsync();
        await a.PressInDialogAsync(a.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = $"Møde {Danish(may)}", Exact = true }));

        await Expect(a.Dialog).ToHaveCountAsync(0);
        await Expect(CardIn(Meeting(a, may), code)).ToBeVisibleAsync();
        await Expect(MoveButton(a, code)).ToBeFocusedAsync();
        await Expect(CardIn(Meeting(b, may), code)).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 5_000 });

        // Ctrl+↑: the meeting before May.
        await a.Page.Keyboard.PressAsync("Control+ArrowUp");
        await Expect(CardIn(Meeting(a, new DateOnly(2025, 4, 24)), code)).ToBeVisibleAsync();

        var records = await HistoryAsync(code);
        Assert.Equal(
            [
                new FieldChange("Møde", "2025-01-23", "2025-02-20"),
                new FieldChange("Møde", "2025-02-20", "2025-05-22"),
                new FieldChange("Møde", "2025-05-22", "2025-04-24"),
            ],
            records.Select(r => Assert.Single(r.Changes)));
    }

    [Fact]
    public async Task MeetingsAddedOrCancelledByACoordinatorReachAnOpenArbejdsplan()
    {
        // AU-H1 is scheduled for 18 Sep 2025.
        var september = new DateOnly(2025, 9, 18);
        var added = new DateOnly(2026, 1, 22);
        await using var b = await OpenAsync(TestUsers.Reader);
        await Expect(Meeting(b, added)).ToHaveCountAsync(0);
        var administration = app.Services.GetRequiredService<PlanAdministration>();
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var contexts = app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var meeting = await db.Meetings.AsNoTracking().SingleAsync(m => m.Committee!.ShortCode == "AU" && m.Date == september, TestContext.Current.CancellationToken);

        Assert.True((await administration.CancelMeetingAsync(coordinator, meeting.Id, meeting.Version, cancelled: true, TestContext.Current.CancellationToken)).Succeeded);
        Assert.True((await administration.AddMeetingsAsync(coordinator, meeting.CommitteeId, [added], TestContext.Current.CancellationToken)).Succeeded);

        await Expect(Meeting(b, september).Locator("h2")).ToContainTextAsync("aflyst");
        await Expect(CardIn(Meeting(b, september), "AU-H1")).ToBeVisibleAsync();
        await Expect(Meeting(b, added).Locator("h2")).ToContainTextAsync($"Møde {Danish(added)}");
    }

    [Fact]
    public async Task AReadersArbejdsplanHasNoViolationOnAPhoneAndADesktop()
    {
        // The page tour checks the arbejdsplan as an administrator, with every move button.
        await using var reader = await OpenAsync(TestUsers.Reader);
        await Axe.AssertNoViolationsOnPhoneAndDesktopAsync(reader.Page, "a reader's arbejdsplan");
    }

    [Fact]
    public async Task OnALaptopATabletAndAPhoneTheArbejdsplanFitsTheWidth()
    {
        // The page's own content; the top bar (navigation) is the layout's and is not checked here.
        await using var a = await OpenAsync(TestUsers.Coordinator);
        foreach (var width in new[] { 1280, 768, 320 })
        {
            await a.Page.SetViewportSizeAsync(width, 900);
            await Expect(Meeting(a, new DateOnly(2025, 12, 11))).ToBeVisibleAsync();
            var wide = await a.Page.EvaluateAsync<string[]>(
                """
                () => [...document.querySelectorAll('main, main *')]
                    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                    .slice(0, 8).map(e => `${e.tagName}.${e.className}`)
                """);
            Assert.True(wide.Length == 0, $"At {width} px the arbejdsplan is wider than the screen: {string.Join(", ", wide)}");
        }
    }

    private async Task<Viewer> OpenAsync(string user)
    {
        var viewer = await browser.OpenAsync(app, Path, user, board: false);
        await Expect(viewer.Page.Locator("h1")).ToHaveTextAsync(CompoundWords.Hyphenate("Arbejdsplan · Arbejdsmarkedsudvalget"));
        await Expect(viewer.Cards.First).ToBeVisibleAsync();
        return viewer;
    }

    private static ILocator Unscheduled(Viewer viewer) => viewer.Page.Locator("section.workplan-column[data-meeting-id='none']");

    private static ILocator Meeting(Viewer viewer, DateOnly date) =>
        viewer.Page.Locator($"section.workplan-column[data-date='{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}']");

    private static ILocator CardIn(ILocator column, string code) => column.Locator($"li.card[data-code='{code}']");

    private static ILocator MoveButton(Viewer viewer, string code) =>
        viewer.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Flyt {code} til møde…", Exact = true });

    private static string Danish(DateOnly date) => date.ToString("d. MMM yyyy", _danish);

    private async Task<IReadOnlyList<ItemHistoryEntry>> HistoryAsync(string code)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.History.AsNoTracking().Where(h => h.ItemCode == code).OrderBy(h => h.Id).ToListAsync(TestContext.Current.CancellationToken);
    }
}
