using System.Net;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Plans;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Calendars;
using Udmoentning.Web.Data;

namespace Udmoentning.Tests.Calendars;

/// <summary>
/// The calendar feeds as a subscriber's calendar reads them (with Ical.Net and with Python's icalendar): what they show,
/// that a moved or cancelled meeting changes the event the calendar already has, and who can no longer read them.
/// </summary>
public sealed class CalendarFeedTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "http://localhost/";

    private readonly HttpClient _client = app.CreateClient();

    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    private PlanAdministration Administration => app.Services.GetRequiredService<PlanAdministration>();

    [Fact]
    public async Task ACommitteesFeedShowsItsMeetingsWithTheArbejdsplanAndAnnexAndTheDeadlinesOfItsRounds()
    {
        var coordinator = await UserAsync(TestUsers.Coordinator);
        var wholePlan = await OpenRoundAsync(coordinator, "Budgetopfølgning pr. 31. marts", new DateOnly(2025, 3, 14), null);
        var ownRound = await OpenRoundAsync(coordinator, "AU-runde før sommer", new DateOnly(2025, 6, 6), "AU");
        var otherRound = await OpenRoundAsync(coordinator, "BUU-runde før sommer", new DateOnly(2025, 6, 6), "BUU");

        var response = await _client.GetAsync($"kalender/{await TokenAsync(TestUsers.Reader)}/udvalg/au.ics", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: false });
        var text = await response.Content.ReadAsStringAsync(Token);

        var icalNet = CalendarReaders.WithIcalNet(text);
        var python = await CalendarReaders.WithPythonAsync(text, Token);
        Assert.Equal((icalNet.Name, icalNet.TimeZone), (python.Name, python.TimeZone));
        Assert.Equal(icalNet.TimeZones, python.TimeZones);
        Assert.Equal(icalNet.Events.OrderBy(e => e.Uid, StringComparer.Ordinal), python.Events.OrderBy(e => e.Uid, StringComparer.Ordinal));
        foreach (var calendar in new[] { icalNet, python })
        {
            Assert.Equal(("Arbejdsmarkedsudvalget (Udmøntning)", "Europe/Copenhagen"), (calendar.Name, calendar.TimeZone));
            Assert.Equal(["Europe/Copenhagen"], calendar.TimeZones);

            var meetings = await MeetingsAsync("AU");
            Assert.Equal(meetings.Select(m => $"meeting-{m.Id}@udmoentning").Order(), calendar.Events.Where(e => e.Uid.StartsWith("meeting-", StringComparison.Ordinal)).Select(e => e.Uid).Order());
            Assert.All(calendar.Events, e => Assert.True(e.AllDay, $"{e.Uid} is not a whole day"));
            Assert.All(calendar.Events.Where(e => e.Uid.StartsWith("meeting-", StringComparison.Ordinal)), e =>
            {
                Assert.Equal("Møde i Arbejdsmarkedsudvalget", e.Summary);
                Assert.Equal(Base + "plan/1/udvalg/au/bilag", e.Url);
                Assert.EndsWith("Bilag (udsnit af udmøntningsplanen): " + Base + "plan/1/udvalg/au/bilag", e.Description);
            });

            var (scheduledAt, items) = await BusiestMeetingAsync("AU");
            var meeting = calendar.Event($"meeting-{scheduledAt.Id}@udmoentning");
            Assert.Equal((scheduledAt.Date, "CONFIRMED", 0), (meeting.Date, meeting.Status, meeting.Sequence));
            Assert.StartsWith("Arbejdsplan (Udmøntningsplan 2025-2028), punkter til behandling:", meeting.Description);
            Assert.All(items, i => Assert.Contains($"\n{i.Code} {i.Title}\n", meeting.Description));
            Assert.Contains(calendar.Events, e => e.Description.StartsWith("Ingen punkter fra udmøntningsplanen er sat på mødet.", StringComparison.Ordinal));

            var deadline = calendar.Event($"round-{wholePlan}-deadline@udmoentning");
            Assert.Equal(("Frist: Budgetopfølgning pr. 31. marts", new DateOnly(2025, 3, 14), 0), (deadline.Summary, deadline.Date, deadline.Sequence));
            Assert.Equal($"{Base}plan/1/runder/{wholePlan}", deadline.Url);
            Assert.Contains("Frist: AU-runde før sommer", calendar.Events.Select(e => e.Summary));
            Assert.DoesNotContain(calendar.Events, e => e.Uid == $"round-{otherRound}-deadline@udmoentning" || e.Summary.Contains("BUU-runde", StringComparison.Ordinal));
            Assert.Contains(calendar.Events, e => e.Uid == $"round-{ownRound}-deadline@udmoentning");
        }
    }

    [Fact]
    public async Task AMovedMeetingOrDeadlineKeepsItsUidWithAHigherSequenceAndACancelledMeetingStaysMarkedCancelled()
    {
        var coordinator = await UserAsync(TestUsers.Coordinator);
        var address = $"kalender/{await TokenAsync(TestUsers.EditorBuu)}/udvalg/kuu.ics";
        var meetings = await MeetingsAsync("KUU");
        var moved = meetings.Single(m => m.Date == new DateOnly(2025, 5, 14));
        var cancelled = meetings.Single(m => m.Date == new DateOnly(2025, 6, 11));
        var round = await OpenRoundAsync(coordinator, "KUU-runde", new DateOnly(2025, 9, 1), "KUU");
        var before = CalendarReaders.WithIcalNet(await _client.GetStringAsync(address, Token));
        Assert.Equal((new DateOnly(2025, 5, 14), 0), (before.Event(Uid(moved)).Date, before.Event(Uid(moved)).Sequence));
        Assert.Equal(("CONFIRMED", 0), (before.Event(Uid(cancelled)).Status, before.Event(Uid(cancelled)).Sequence));

        Assert.True((await Administration.MoveMeetingAsync(coordinator, moved.Id, moved.Version, new DateOnly(2025, 5, 20), Token)).Succeeded);
        Assert.True((await Administration.CancelMeetingAsync(coordinator, cancelled.Id, cancelled.Version, true, Token)).Succeeded);
        var roundVersion = await WithDbAsync(db => db.Rounds.Where(r => r.Id == round).Select(r => r.Version).SingleAsync(Token));
        Assert.True((await Administration.ChangeRoundDeadlineAsync(coordinator, round, roundVersion, new DateOnly(2025, 9, 8), Token)).Succeeded);

        var text = await _client.GetStringAsync(address, Token);
        foreach (var after in new[] { CalendarReaders.WithIcalNet(text), await CalendarReaders.WithPythonAsync(text, Token) })
        {
            var movedEvent = after.Event(Uid(moved));
            Assert.Equal((new DateOnly(2025, 5, 20), 1, "CONFIRMED", "Møde i Kultur- og udviklingsudvalget"), (movedEvent.Date, movedEvent.Sequence, movedEvent.Status, movedEvent.Summary));
            var cancelledEvent = after.Event(Uid(cancelled));
            Assert.Equal((new DateOnly(2025, 6, 11), 1, "CANCELLED", "Aflyst: Møde i Kultur- og udviklingsudvalget"),
                (cancelledEvent.Date, cancelledEvent.Sequence, cancelledEvent.Status, cancelledEvent.Summary));
            Assert.StartsWith("Mødet er aflyst.", cancelledEvent.Description);
            var deadline = after.Event($"round-{round}-deadline@udmoentning");
            Assert.Equal((new DateOnly(2025, 9, 8), 1), (deadline.Date, deadline.Sequence));
            Assert.Equal(before.Events.Count, after.Events.Count);
        }
    }

    [Fact]
    public async Task APersonalFeedHasTheMeetingsOfTheUsersCommitteesAndTheDeadlinesTheyStillAnswerFor()
    {
        var coordinator = await UserAsync(TestUsers.Coordinator);
        var round = await OpenRoundAsync(coordinator, "Mine frister", new DateOnly(2025, 10, 3), "AU");

        var editor = CalendarReaders.WithIcalNet(await _client.GetStringAsync($"kalender/{await TokenAsync(TestUsers.EditorAu)}/mig.ics", Token));
        Assert.Equal("Mine møder og frister (Udmøntning)", editor.Name);
        Assert.Equal((await MeetingsAsync("AU")).Select(Uid).Order(), editor.Events.Where(e => e.Uid.StartsWith("meeting-", StringComparison.Ordinal)).Select(e => e.Uid).Order());
        var deadline = editor.Event($"round-{round}-deadline@udmoentning");
        Assert.Equal("Frist: Mine frister", deadline.Summary);
        Assert.Contains("Dine punkter, der mangler:\nAU-", deadline.Description);
        Assert.Equal(Base + "plan/1/runder/mine", deadline.Url);

        // A reader belongs to no committee and answers for nothing in a round.
        var reader = await CalendarReaders.WithPythonAsync(await _client.GetStringAsync($"kalender/{await TokenAsync(TestUsers.Reader)}/mig.ics", Token), Token);
        Assert.Empty(reader.Events);
    }

    [Fact]
    public async Task RenewingTheAddressStopsTheOldOneAtOnceAndIsRecordedWithoutTheToken()
    {
        var user = await TestUsers.CreateAsync(app.Services, "kalender-fornyer", Role.Editor, "AU");
        var tokens = app.Services.GetRequiredService<CalendarTokens>();
        var old = (await tokens.GetOrCreateAsync(user, Token)).Value!;
        Assert.Equal(old, (await tokens.GetOrCreateAsync(user, Token)).Value);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"kalender/{old}/mig.ics", Token)).StatusCode);

        var renewed = await tokens.RenewAsync(user, Token);

        Assert.True(renewed.Succeeded, renewed.Message);
        Assert.NotEqual(old, renewed.Value);
        await AssertNotFoundAsync($"kalender/{old}/mig.ics");
        await AssertNotFoundAsync($"kalender/{old}/udvalg/au.ics");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"kalender/{renewed.Value}/mig.ics", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"kalender/{renewed.Value}/udvalg/au.ics", Token)).StatusCode);

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var records = await WithDbAsync(db => db.AdministrationHistory.AsNoTracking().Where(h => h.UserId == userId).OrderBy(h => h.Id).ToListAsync(Token));
        Assert.Equal([("Kalender", "Ny kalenderadresse"), ("Kalender", "Adresse fornyet")], records.Select(r => (r.Subject, r.Kind)));
        Assert.DoesNotContain(records, r => $"{r.SubjectName} {string.Join(' ', r.Changes)}".Contains(old, StringComparison.Ordinal)
            || $"{r.SubjectName} {string.Join(' ', r.Changes)}".Contains(renewed.Value!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADisabledUsersAddressesAndTokensThatAreNobodysAnswerAnEmpty404()
    {
        var user = await TestUsers.CreateAsync(app.Services, "kalender-deaktiveret", Role.Editor, "AU");
        var token = (await app.Services.GetRequiredService<CalendarTokens>().GetOrCreateAsync(user, Token)).Value!;
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"kalender/{token}/udvalg/au.ics", Token)).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserAdministration>().DisableAsync(await UserAsync(TestUsers.Administrator), "kalender-deaktiveret"));
        }

        await AssertNotFoundAsync($"kalender/{token}/mig.ics");
        await AssertNotFoundAsync($"kalender/{token}/udvalg/au.ics");
        await AssertNotFoundAsync($"kalender/{new string('A', CalendarToken.Length)}/mig.ics");
        await AssertNotFoundAsync("kalender/ikke-et-token/mig.ics");
        await AssertNotFoundAsync($"kalender/{await TokenAsync(TestUsers.Reader)}/udvalg/findes-ikke.ics");
    }

    [Fact]
    public async Task TheLinksLabelEveryAddressCopyItAndRenewOnlyAfterTheUserConfirms()
    {
        var user = await TestUsers.CreateAsync(app.Services, "kalender-komponent", Role.Editor, "BUU");
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(app.Services.GetRequiredService<CalendarTokens>());
        context.Services.AddSingleton(app.Services.GetRequiredService<CalendarFeeds>());
        var authorization = context.AddAuthorization();
        authorization.SetAuthorized("kalender-komponent");
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.FindFirstValue(ClaimTypes.NameIdentifier)!));
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var links = context.Render<BoardContext.BoardHost>(p => p.Add(h => h.Board, builder =>
        {
            builder.OpenComponent<CalendarLinks>(0);
            builder.CloseComponent();
        }));
        // Showing the links makes no address (that would be a change on a page view); the user asks for them.
        links.WaitForAssertion(() => Assert.Contains("Du har ingen kalenderadresser endnu.", links.Markup), TimeSpan.FromSeconds(10));
        Assert.Null(await app.Services.GetRequiredService<CalendarTokens>().FindAsync(user, Token));
        await links.FindAll("button").Single(b => b.TextContent.Trim() == "Lav mine kalenderadresser").ClickAsync(new MouseEventArgs());
        links.WaitForAssertion(() => Assert.NotEmpty(links.FindAll(".calendar-address input")), TimeSpan.FromSeconds(10));

        // Every address has a label of its own and a copy button that names it; the user's own committee comes first.
        var inputs = links.FindAll(".calendar-address input");
        var labels = inputs.Select(i => links.Find($"label[for='{i.Id}']").TextContent.Trim()).ToList();
        Assert.Equal(["Mine møder og frister", "Børne- og ungdomsudvalget"], labels.Take(2));
        Assert.Equal(8, labels.Distinct().Count());
        var old = inputs[0].GetAttribute("value")!;
        Assert.Matches($"^{Base}kalender/[A-Za-z0-9_-]{{{CalendarToken.Length}}}/mig.ics$", old);
        Assert.Equal(old.Replace("/mig.ics", "/udvalg/buu.ics", StringComparison.Ordinal), inputs[1].GetAttribute("value"));
        await links.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Kopiér adressen til Mine møder og frister").ClickAsync(new MouseEventArgs());
        Assert.Equal(old, context.JSInterop.Invocations["navigator.clipboard.writeText"].Single().Arguments[0]);

        // Cancelling the question keeps the addresses; confirming it gives new ones and the old stop answering.
        await AnswerRenewalAsync(links, "Annullér");
        Assert.Equal(old, links.Find(".calendar-address input").GetAttribute("value"));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(old, Token)).StatusCode);

        await AnswerRenewalAsync(links, "Forny adresserne");
        links.WaitForAssertion(() => Assert.NotEqual(old, links.Find(".calendar-address input").GetAttribute("value")), TimeSpan.FromSeconds(10));
        await AssertNotFoundAsync(old);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(links.Find(".calendar-address input").GetAttribute("value"), Token)).StatusCode);
    }

    /// <summary>Presses "Forny adresse", checks that the question says what stops working, and answers it.</summary>
    private static async Task AnswerRenewalAsync(IRenderedComponent<BoardContext.BoardHost> links, string answer)
    {
        var renewing = links.FindAll("button").Single(b => b.TextContent.Trim() == "Forny adresse").ClickAsync(new MouseEventArgs());
        links.WaitForAssertion(() => Assert.Contains("De gamle adresser holder op med at virke med det samme", links.Find(".mud-dialog").TextContent), TimeSpan.FromSeconds(10));
        await links.Find(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == answer).ClickAsync(new MouseEventArgs());
        await renewing.WaitAsync(TimeSpan.FromSeconds(10), Token);
        links.WaitForAssertion(() => Assert.Empty(links.FindAll(".mud-dialog")), TimeSpan.FromSeconds(10));
    }

    private async Task AssertNotFoundAsync(string address)
    {
        var response = await _client.GetAsync(address, Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync(Token));
    }

    private static string Uid(CommitteeMeeting meeting) => $"meeting-{meeting.Id}@udmoentning";

    private Task<ClaimsPrincipal> UserAsync(string userName) => TestUsers.PrincipalAsync(app.Services, userName);

    private async Task<string> TokenAsync(string userName)
    {
        var outcome = await app.Services.GetRequiredService<CalendarTokens>().GetOrCreateAsync(await UserAsync(userName), Token);
        Assert.True(outcome.Succeeded, outcome.Message);
        return outcome.Value!;
    }

    private async Task<int> OpenRoundAsync(ClaimsPrincipal coordinator, string name, DateOnly deadline, string? committee)
    {
        var committeeId = committee is null ? (int?)null : await WithDbAsync(db => db.Committees.Where(c => c.ShortCode == committee).Select(c => c.Id).SingleAsync(Token));
        var opened = await Administration.OpenRoundAsync(coordinator, 1, new RoundForm(name, deadline, committeeId), Token);
        Assert.True(opened.Succeeded, opened.Message);
        return opened.Value;
    }

    private Task<List<CommitteeMeeting>> MeetingsAsync(string committee) =>
        WithDbAsync(db => db.Meetings.AsNoTracking().Where(m => m.Committee!.ShortCode == committee).ToListAsync(Token));

    /// <summary>The committee's meeting with the most items of plan 1 scheduled for it in the committee's arbejdsplan.</summary>
    private Task<(CommitteeMeeting Meeting, List<(string Code, string Title)> Items)> BusiestMeetingAsync(string committee) =>
        WithDbAsync(async db =>
        {
            var meetings = await db.Meetings.AsNoTracking().Where(m => m.Committee!.ShortCode == committee).ToListAsync(Token);
            var ids = meetings.Select(m => m.Id).ToList();
            var items = await db.Items.AsNoTracking().Where(i => i.PlanId == 1 && i.TreatmentMeetingId != null && ids.Contains(i.TreatmentMeetingId.Value))
                .Select(i => new { i.TreatmentMeetingId, i.Code, i.Title }).ToListAsync(Token);
            var busiest = items.GroupBy(i => i.TreatmentMeetingId!.Value).OrderByDescending(g => g.Count()).First();
            return (meetings.Single(m => m.Id == busiest.Key), busiest.Select(i => (i.Code, i.Title)).ToList());
        });

    private async Task<T> WithDbAsync<T>(Func<PlanDbContext, Task<T>> read)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        return await read(db);
    }
}
