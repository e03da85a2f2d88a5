using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rounds;
using Udmoentning.Domain.Rules;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Integration;

/// <summary>
/// Follow-up rounds through the two services on the real app and a real SQLite file: opening, reporting, marking ready,
/// choosing who answers, moving the deadline and closing; each success is one record, each refusal none; a closed round
/// and its snapshot never change.
/// </summary>
[Collection(RoundsCollection.Name)]
public sealed class RoundServiceTests(RoundApp app) : IDisposable
{
    private readonly ChangeRecorder _changes = new(app.Services);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEditorWhoAnswersForACrossCuttingItemWritesItsTextButCannotChangeItsTrafficLightOrTiming()
    {
        // ØU-D3 is cross-cutting: ØU's editors answer for it in the round, but only coordinators change the item itself.
        var editor = await TestUsers.CreateAsync(app.Services, "redaktoer-oeu-runder", Udmoentning.Domain.Access.Role.Editor, "ØU");
        var round = await app.OpenAsync();
        var item = await app.ItemAsync("ØU-D3");
        Assert.True(item.IsCrossCutting);
        var entry = await app.EntryAsync(round.Id, item.Code);
        var other = item.Health == Health.Red ? Health.Green : Health.Red;
        var records = await app.RecordsAsync();

        var refused = await app.Items.ReportInRoundAsync(editor, new RoundReportRequest(round.Id, item.Id, entry.Version, "Tekst", other, item.Timing), Token);

        Assert.Equal(ChangeStatus.Forbidden, refused.Status);
        Assert.Contains(Udmoentning.Domain.Access.AccessRules.CrossCuttingOnly, refused.Message);
        Assert.Equal((item.Health, item.Version, (string?)null), ((await app.ItemAsync(item.Code)).Health, (await app.ItemAsync(item.Code)).Version, (await app.EntryAsync(round.Id, item.Code)).StatusText));
        Assert.Equal(records, await app.RecordsAsync());

        var saved = await app.Items.ReportInRoundAsync(editor, new RoundReportRequest(round.Id, item.Id, entry.Version, "Tekst", item.Health, item.Timing), Token);

        Assert.True(saved.Succeeded, saved.Message);
        Assert.Equal("Tekst", (await app.EntryAsync(round.Id, item.Code)).StatusText);
        Assert.Equal(item.Version, (await app.ItemAsync(item.Code)).Version);
    }

    [Fact]
    public async Task ARoundAsksAboutThePlansOpenItemsOrACommitteesExtractAndIsRecordedOnce()
    {
        var coordinator = await app.UserAsync(TestUsers.Coordinator);
        var au = await app.CommitteeIdAsync("AU");
        List<PlanItem> items;
        await using (var db = await app.Contexts.CreateDbContextAsync(Token))
        {
            items = await db.Items.AsNoTracking().Where(i => i.PlanId == 1).ToListAsync(Token);
        }

        var records = await app.RecordsAsync();
        var whole = await app.Administration.OpenRoundAsync(coordinator, 1, new RoundForm("  Budgetopfølgning pr. 30. juni 2026  ", new DateOnly(2026, 12, 15), null), Token);

        Assert.True(whole.Succeeded, whole.Message);
        var round = await app.RoundAsync(whole.Value);
        var open = items.Where(i => !i.IsCompleted).Select(i => i.Id).Order().ToList();
        Assert.Equal(open, round.Items.Select(i => i.ItemId).Order());
        Assert.Contains(items, i => i.IsCompleted);
        Assert.Equal(("Budgetopfølgning pr. 30. juni 2026", (int?)null, false), (round.Name, round.CommitteeId, round.IsClosed));
        Assert.All(round.Items, e => Assert.Equal((null, null, false), (e.AssigneeId, e.StatusText, e.IsReady)));
        Assert.Equal((records.Reports, records.Administration + 1), await app.RecordsAsync());
        var record = await app.LastAdministrationRecordAsync();
        Assert.Equal((PlanAdministration.RoundSubject, "Oprettet", RoundApp.Name(TestUsers.Coordinator)), (record.Subject, record.Kind, record.UserName));
        Assert.Contains(new Udmoentning.Domain.History.FieldChange("Omfang", null, PlanAdministration.WholePlan), record.Changes);

        var committee = await app.Administration.OpenRoundAsync(coordinator, 1, new RoundForm("AU pr. 30. juni", new DateOnly(2026, 12, 15), au), Token);

        Assert.True(committee.Succeeded, committee.Message);
        var extract = await app.RoundAsync(committee.Value);
        var expected = items.Where(i => !i.IsCompleted && CommitteeExtract.Includes(au, i)).ToList();
        Assert.Equal(expected.Select(i => i.Id).Order(), extract.Items.Select(i => i.ItemId).Order());
        Assert.Contains(expected, i => i.CommitteeId != au && i.IsCrossCutting);
        Assert.Contains(expected, i => i.CommitteeId != au && i.Kind == ItemKind.FiscalLeewayProposal);
        Assert.Equal(au, extract.CommitteeId);
        Assert.Equal((records.Reports, records.Administration + 2), await app.RecordsAsync());
    }

    [Fact]
    public async Task ARoundWithoutANameWithADeadlineOutOfRangeOrForAnUnknownCommitteeOrPlanIsNotOpened()
    {
        var coordinator = await app.UserAsync(TestUsers.Coordinator);
        var readerId = (await app.UserAsync(TestUsers.Reader)).FindFirstValue(ClaimTypes.NameIdentifier)!;
        var anItem = (await app.ItemAsync("ØU-D3")).Id;
        var (records, rounds) = (await app.RecordsAsync(), await app.CountRoundsAsync());

        (ChangeOutcome<int> Outcome, ChangeStatus Status, string Message)[] cases =
        [
            (await app.Administration.OpenRoundAsync(coordinator, 1, new RoundForm("   ", new DateOnly(2026, 12, 15), null), Token), ChangeStatus.Invalid, "Navnet skal udfyldes."),
            (await app.Administration.OpenRoundAsync(coordinator, 1, new RoundForm(new string('R', 121), new DateOnly(2026, 12, 15), null), Token), ChangeStatus.Invalid, "Navnet må højst være 120 tegn (er 121)."),
            (await app.Administration.OpenRoundAsync(coordinator, 1, new RoundForm("Runde", new DateOnly(2019, 1, 1), null), Token), ChangeStatus.Invalid, "Fristen skal ligge mellem 2020 og 2045."),
            (await app.Administration.OpenRoundAsync(coordinator, 1, new RoundForm("Runde", new DateOnly(2026, 12, 15), 987654), Token), ChangeStatus.NotFound, "Udvalget findes ikke (længere)."),
            (await app.Administration.OpenRoundAsync(coordinator, 1, new RoundForm("Runde", new DateOnly(2026, 12, 15), null, new Dictionary<int, string> { [anItem] = readerId }), Token), ChangeStatus.Refused, RoundRules.NotAssignable),
            (await app.Administration.OpenRoundAsync(coordinator, 1, new RoundForm("Runde", new DateOnly(2026, 12, 15), null, new Dictionary<int, string> { [anItem] = "ingen-saadan-bruger" }), Token), ChangeStatus.NotFound, "Brugeren findes ikke (længere)."),
            (await app.Administration.OpenRoundAsync(coordinator, 987654, new RoundForm("Runde", new DateOnly(2026, 12, 15), null), Token), ChangeStatus.NotFound, "Planen findes ikke (længere)."),
        ];

        Assert.All(cases, c => Assert.Equal((c.Status, c.Message), (c.Outcome.Status, c.Outcome.Message)));
        Assert.Equal(records, await app.RecordsAsync());
        Assert.Equal(rounds, await app.CountRoundsAsync());
    }

    [Fact]
    public async Task AReportSavesTheTextAndAConfirmedHealthThatDiffersChangesTheItemOnceRecordedAndPublished()
    {
        var editor = await app.UserAsync(TestUsers.EditorAu);
        var round = await app.OpenAsync("AU");
        var item = await app.ItemAsync("AU-D4");
        var entry = await app.EntryAsync(round.Id, "AU-D4");
        Assert.Equal(Health.Yellow, item.Health);
        var records = await app.RecordsAsync();

        var reported = await app.Items.ReportInRoundAsync(editor, new RoundReportRequest(round.Id, item.Id, entry.Version, "Selvbetjeningen er forsinket af leverandøren.", Health.Red, item.Timing), Token);

        Assert.Equal(ChangeStatus.Saved, reported.Status);
        Assert.Equal("Opfølgningen på AU-D4 er gemt.", reported.Message);
        var saved = await app.EntryAsync(round.Id, "AU-D4");
        Assert.Equal(("Selvbetjeningen er forsinket af leverandøren.", Health.Red, item.Timing, RoundApp.Name(TestUsers.EditorAu)), (saved.StatusText, saved.Health, saved.Timing, saved.ReportedByName));
        Assert.NotEqual(entry.Version, saved.Version);
        Assert.Equal(saved.Version, reported.Value!.Entry!.Version);
        var changed = await app.ItemAsync("AU-D4");
        Assert.Equal((Health.Red, item.Timing), (changed.Health, changed.Timing));
        Assert.Equal((records.Reports + 1, records.Administration), await app.RecordsAsync());
        var record = await app.LastReportRecordAsync(item.Id);
        Assert.Equal((PlanItemService.ReportedKind, RoundApp.Name(TestUsers.EditorAu)), (record.Kind, record.UserName));
        Assert.Equal(
            [
                new($"Statustekst ({round.Name})", null, "Selvbetjeningen er forsinket af leverandøren."),
                new("Tilstand", Health.Yellow.Name(), Health.Red.Name()),
            ],
            record.Changes);
        var change = await _changes.NextAsync();
        Assert.Equal((ChangeKind.Reported, item.Id, Health.Red, RoundApp.Name(TestUsers.EditorAu)), (change.Kind, change.Item.Id, change.Item.Health, change.ChangedBy));
        await _changes.AssertNothingMoreAsync();
    }

    [Fact]
    public async Task AnInvalidReportIsRefusedInDanishAndChangesRecordsAndPublishesNothing()
    {
        var editor = await app.UserAsync(TestUsers.EditorAu);
        var round = await app.OpenAsync("AU");
        var item = await app.ItemAsync("AU-D6");
        var entry = await app.EntryAsync(round.Id, "AU-D6");
        Assert.NotNull(item.BaselineTiming);
        var records = await app.RecordsAsync();

        RoundReportRequest Request(string? text, Health health, Quarter? timing) => new(round.Id, item.Id, entry.Version, text, health, timing);
        (ChangeOutcome<RoundAnswer> Outcome, string Message)[] cases =
        [
            (await app.Items.ReportInRoundAsync(editor, Request("", Health.Green, item.Timing), Token), "Statusteksten skal udfyldes."),
            (await app.Items.ReportInRoundAsync(editor, Request(new string('x', 2001), Health.Green, item.Timing), Token), "Statusteksten må højst være 2000 tegn (er 2001)."),
            (await app.Items.ReportInRoundAsync(editor, Request("Ok\u202Eko", Health.Green, item.Timing), Token), "Statusteksten indeholder usynlige styretegn (fx retningsskift eller tegn uden bredde). Skriv teksten igen uden dem."),
            (await app.Items.ReportInRoundAsync(editor, Request("Tekst", (Health)7, item.Timing), Token), "Vælg en gyldig tilstand (grøn, gul eller rød)."),
            (await app.Items.ReportInRoundAsync(editor, Request("Tekst", Health.Red, default(Quarter)), Token), "Vælg et gyldigt tidspunkt: et kvartal (1-4) og et år mellem 2020 og 2045."),
            (await app.Items.ReportInRoundAsync(editor, Request("Tekst", Health.Red, null), Token), $"Tidspunktet kan ikke fjernes, når der er en oprindelig plan ({item.BaselineTiming}). Angiv et nyt tidspunkt."),
        ];

        Assert.All(cases, c => Assert.Equal((ChangeStatus.Invalid, c.Message), (c.Outcome.Status, c.Outcome.Message)));
        var after = await app.EntryAsync(round.Id, "AU-D6");
        Assert.Equal((null, null, null, entry.Version), (after.StatusText, after.Health, after.Timing, after.Version));
        var stored = await app.ItemAsync("AU-D6");
        Assert.Equal((item.Health, item.Timing, item.Revision, item.Version), (stored.Health, stored.Timing, stored.Revision, stored.Version));
        Assert.Equal(records, await app.RecordsAsync());
        var notFound = await app.Items.ReportInRoundAsync(editor, new RoundReportRequest(987654, item.Id, entry.Version, "Tekst", Health.Green, item.Timing), Token);
        var notInRound = await app.Items.ReportInRoundAsync(editor, new RoundReportRequest(round.Id, (await app.ItemAsync("AU-D2")).Id, entry.Version, "Tekst", Health.Green, null), Token);
        Assert.Equal((ChangeStatus.NotFound, ChangeStatus.NotFound), (notFound.Status, notInRound.Status));
        Assert.Equal(PlanItemService.NotInRound, notInRound.Message);
        await _changes.AssertNothingMoreAsync();
    }

    [Fact]
    public async Task AnItemIsMarkedReadyAfterItsTextAndTheMarkCanBeTakenBackEachStepRecordedAndPublished()
    {
        var editor = await app.UserAsync(TestUsers.EditorAu);
        var round = await app.OpenAsync("AU");
        var item = await app.ItemAsync("AU-D1");
        var entry = await app.EntryAsync(round.Id, "AU-D1");
        var records = await app.RecordsAsync();

        var early = await app.Items.MarkReadyInRoundAsync(editor, round.Id, item.Id, entry.Version, ready: true, Token);
        Assert.Equal((ChangeStatus.Invalid, "Skriv statusteksten for AU-D1, før punktet markeres klar."), (early.Status, early.Message));
        Assert.Equal(records, await app.RecordsAsync());

        var reported = await app.Items.ReportInRoundAsync(editor, new RoundReportRequest(round.Id, item.Id, entry.Version, "Som planlagt.", item.Health, item.Timing), Token);
        Assert.Equal(ChangeStatus.Saved, reported.Status);
        Assert.Equal([new($"Statustekst ({round.Name})", null, "Som planlagt.")], (await app.LastReportRecordAsync(item.Id)).Changes);
        Assert.Equal((item.Health, item.Timing, item.Version), ((await app.ItemAsync("AU-D1")).Health, (await app.ItemAsync("AU-D1")).Timing, (await app.ItemAsync("AU-D1")).Version));
        var ready = await app.Items.MarkReadyInRoundAsync(editor, round.Id, item.Id, reported.Value!.Entry!.Version, ready: true, Token);

        Assert.Equal((ChangeStatus.Saved, "AU-D1 er markeret klar."), (ready.Status, ready.Message));
        var saved = await app.EntryAsync(round.Id, "AU-D1");
        Assert.Equal((true, RoundApp.Name(TestUsers.EditorAu)), (saved.IsReady, saved.ReadyByName));
        Assert.Equal([new($"Klar ({round.Name})", "Nej", "Ja")], (await app.LastReportRecordAsync(item.Id)).Changes);
        Assert.Equal((records.Reports + 2, records.Administration), await app.RecordsAsync());
        Assert.Equal([ChangeKind.Reported, ChangeKind.Reported], [(await _changes.NextAsync()).Kind, (await _changes.NextAsync()).Kind]);

        var twice = await app.Items.MarkReadyInRoundAsync(editor, round.Id, item.Id, saved.Version, ready: true, Token);
        Assert.Equal((ChangeStatus.Invalid, $"AU-D1 er allerede markeret klar af {RoundApp.Name(TestUsers.EditorAu)}."), (twice.Status, twice.Message));
        var back = await app.Items.MarkReadyInRoundAsync(editor, round.Id, item.Id, saved.Version, ready: false, Token);
        Assert.Equal(ChangeStatus.Saved, back.Status);
        Assert.False((await app.EntryAsync(round.Id, "AU-D1")).IsReady);
        Assert.Equal((records.Reports + 3, records.Administration), await app.RecordsAsync());
        Assert.Equal(ChangeKind.Reported, (await _changes.NextAsync()).Kind);
    }

    [Fact]
    public async Task AReportFromAStaleCopyOfTheEntryIsRefusedAndChangesNothing()
    {
        var coordinator = await app.UserAsync(TestUsers.Coordinator);
        var round = await app.OpenAsync("AU");
        var item = await app.ItemAsync("AU-D3");
        var entry = await app.EntryAsync(round.Id, "AU-D3");
        Assert.Equal(ChangeStatus.Saved, (await app.Items.ReportInRoundAsync(coordinator, new RoundReportRequest(round.Id, item.Id, entry.Version, "Først.", item.Health, item.Timing), Token)).Status);
        await _changes.NextAsync();
        var current = await app.EntryAsync(round.Id, "AU-D3");
        var records = await app.RecordsAsync();

        var stale = await app.Items.ReportInRoundAsync(coordinator, new RoundReportRequest(round.Id, item.Id, entry.Version, "Fra en gammel kopi.", Health.Red, item.Timing), Token);
        var staleReady = await app.Items.MarkReadyInRoundAsync(coordinator, round.Id, item.Id, entry.Version, ready: true, Token);

        Assert.All([stale, staleReady], o =>
        {
            Assert.Equal(ChangeStatus.Stale, o.Status);
            Assert.Equal("AU-D3 er ændret i runden af en anden, siden du åbnede det. Din ændring er ikke gemt; du ser nu den aktuelle udgave.", o.Message);
            Assert.Equal(current.Version, o.Value!.Entry!.Version);
        });
        var after = await app.EntryAsync(round.Id, "AU-D3");
        Assert.Equal(("Først.", false, current.Version), (after.StatusText, after.IsReady, after.Version));
        Assert.Equal(item.Health, (await app.ItemAsync("AU-D3")).Health);
        Assert.Equal(records, await app.RecordsAsync());
        await _changes.AssertNothingMoreAsync();
    }

    [Fact]
    public async Task AMoveOfTheItemBetweenTheReportsReadAndItsSaveIsTriedAgainAndTheReportIsKept()
    {
        var coordinator = await app.UserAsync(TestUsers.Coordinator);
        var round = await app.OpenAsync("BUU");
        var item = await app.ItemAsync("BUU-D2");
        var entry = await app.EntryAsync(round.Id, "BUU-D2");
        var to = StatusRules.AllowedMoves(item).First();
        ChangeOutcome<PlanItem>? moved = null;
        app.BeforeNextReportSave = async () => moved = await app.Items.MoveAsync(coordinator, new MoveRequest(item.Id, item.Version, to), Token);

        var reported = await app.Items.ReportInRoundAsync(coordinator, new RoundReportRequest(round.Id, item.Id, entry.Version, "Rapport skrevet, mens kortet blev flyttet.", Health.Red, item.Timing), Token);

        Assert.Equal(ChangeStatus.Saved, moved?.Status);
        Assert.Equal(ChangeStatus.Saved, reported.Status);
        var stored = await app.ItemAsync("BUU-D2");
        Assert.Equal((to, Health.Red), (stored.Status, stored.Health));
        Assert.Equal("Rapport skrevet, mens kortet blev flyttet.", (await app.EntryAsync(round.Id, "BUU-D2")).StatusText);
        await using var db = await app.Contexts.CreateDbContextAsync(Token);
        Assert.Equal(1, await db.History.CountAsync(h => h.ItemId == item.Id && h.Kind == PlanItemService.ReportedKind, Token));
    }

    [Fact]
    public async Task ChoosingWhoAnswersAndMovingTheDeadlineAreRecordedOnceAndRefusalsNone()
    {
        var coordinator = await app.UserAsync(TestUsers.Coordinator);
        var editor = await app.UserAsync(TestUsers.EditorAu);
        var reader = await app.UserAsync(TestUsers.Reader);
        var round = await app.OpenAsync("AU");
        var item = await app.ItemAsync("AU-D4");
        var entry = await app.EntryAsync(round.Id, "AU-D4");
        var records = await app.RecordsAsync();

        var toReader = await app.Administration.AssignInRoundAsync(coordinator, round.Id, item.Id, entry.Version, CurrentUsers.UserId(reader), Token);
        var toNobody = await app.Administration.AssignInRoundAsync(coordinator, round.Id, item.Id, entry.Version, "ingen-saadan-bruger", Token);
        var stale = await app.Administration.AssignInRoundAsync(coordinator, round.Id, item.Id, Guid.NewGuid(), CurrentUsers.UserId(coordinator), Token);
        Assert.Equal((ChangeStatus.Refused, RoundRules.NotAssignable), (toReader.Status, toReader.Message));
        Assert.Equal((ChangeStatus.NotFound, "Brugeren findes ikke (længere)."), (toNobody.Status, toNobody.Message));
        Assert.Equal(ChangeStatus.Stale, stale.Status);
        Assert.Equal(records, await app.RecordsAsync());

        var assigned = await app.Administration.AssignInRoundAsync(coordinator, round.Id, item.Id, entry.Version, CurrentUsers.UserId(coordinator), Token);

        Assert.True(assigned.Succeeded, assigned.Message);
        Assert.Equal(($"AU-D4 besvares nu af {RoundApp.Name(TestUsers.Coordinator)}.", RoundApp.Name(TestUsers.Coordinator)),
            (assigned.Message, (await app.EntryAsync(round.Id, "AU-D4")).AssigneeName));
        Assert.Equal((records.Reports, records.Administration + 1), await app.RecordsAsync());
        var record = await app.LastAdministrationRecordAsync();
        Assert.Equal((PlanAdministration.RoundSubject, "Ansvar ændret"), (record.Subject, record.Kind));
        Assert.Equal([new("Ansvarlig for AU-D4", PlanAdministration.DefaultAnswerers, RoundApp.Name(TestUsers.Coordinator))], record.Changes);
        var current = await app.EntryAsync(round.Id, "AU-D4");
        var refused = await app.Items.ReportInRoundAsync(editor, new RoundReportRequest(round.Id, item.Id, current.Version, "Redaktøren svarer ikke længere.", item.Health, item.Timing), Token);
        Assert.Equal((ChangeStatus.Forbidden, $"AU-D4 besvares i runden af {RoundApp.Name(TestUsers.Coordinator)}."), (refused.Status, refused.Message));
        Assert.Contains((await app.Reader.MineAsync(await app.Services.GetRequiredService<CurrentUsers>().ActorAsync(coordinator, Token), 1, Token)), m => m.Entry.Id == current.Id);

        var back = await app.Administration.AssignInRoundAsync(coordinator, round.Id, item.Id, current.Version, null, Token);
        Assert.True(back.Succeeded, back.Message);
        Assert.Null((await app.EntryAsync(round.Id, "AU-D4")).AssigneeId);
        Assert.Equal((records.Reports, records.Administration + 2), await app.RecordsAsync());

        var staleDeadline = await app.Administration.ChangeRoundDeadlineAsync(coordinator, round.Id, Guid.NewGuid(), new DateOnly(2027, 1, 15), Token);
        var outOfRange = await app.Administration.ChangeRoundDeadlineAsync(coordinator, round.Id, round.Version, new DateOnly(2050, 1, 15), Token);
        Assert.Equal((ChangeStatus.Stale, ChangeStatus.Invalid), (staleDeadline.Status, outOfRange.Status));
        Assert.Equal("Fristen skal ligge mellem 2020 og 2045.", outOfRange.Message);
        Assert.Equal((records.Reports, records.Administration + 2), await app.RecordsAsync());

        var moved = await app.Administration.ChangeRoundDeadlineAsync(coordinator, round.Id, round.Version, new DateOnly(2027, 1, 15), Token);

        Assert.True(moved.Succeeded, moved.Message);
        Assert.Equal(new DateOnly(2027, 1, 15), (await app.RoundAsync(round.Id)).Deadline);
        Assert.Equal((records.Reports, records.Administration + 3), await app.RecordsAsync());
        Assert.Equal([new("Frist", "2026-12-31", "2027-01-15")], (await app.LastAdministrationRecordAsync()).Changes);
    }

    [Fact]
    public async Task GivingAnItemFromOnePersonToAnotherWithTheSameNameIsAChange()
    {
        var coordinator = await app.UserAsync(TestUsers.Coordinator);
        string first, second;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PlanUser>>();
            first = (await AccessStartup.EnsureUserAsync(users, "jens-hansen-1", "Jens Hansen", null, Udmoentning.Domain.Access.Role.Editor, "AU")).Id;
            second = (await AccessStartup.EnsureUserAsync(users, "jens-hansen-2", "Jens Hansen", null, Udmoentning.Domain.Access.Role.Editor, "AU")).Id;
        }

        var round = await app.OpenAsync("AU");
        var item = await app.ItemAsync("AU-D6");
        var entry = await app.EntryAsync(round.Id, "AU-D6");
        Assert.True((await app.Administration.AssignInRoundAsync(coordinator, round.Id, item.Id, entry.Version, first, Token)).Succeeded);
        var records = await app.RecordsAsync();

        var moved = await app.Administration.AssignInRoundAsync(coordinator, round.Id, item.Id, (await app.EntryAsync(round.Id, "AU-D6")).Version, second, Token);

        Assert.True(moved.Succeeded, moved.Message);
        Assert.Equal(second, (await app.EntryAsync(round.Id, "AU-D6")).AssigneeId);
        Assert.Equal((records.Reports, records.Administration + 1), await app.RecordsAsync());
        var same = await app.Administration.AssignInRoundAsync(coordinator, round.Id, item.Id, (await app.EntryAsync(round.Id, "AU-D6")).Version, second, Token);
        Assert.Equal("Intet at gemme: ansvaret er uændret.", same.Message);
        Assert.Equal((records.Reports, records.Administration + 1), await app.RecordsAsync());
    }

    [Fact]
    public async Task ClosingFreezesTheTextsInASnapshotAndAfterwardsNothingInTheRoundChangesNorDoesTheSnapshot()
    {
        var coordinator = await app.UserAsync(TestUsers.Coordinator);
        var editor = await app.UserAsync(TestUsers.EditorAu);
        var round = await app.OpenAsync("AU");
        var d1 = await app.ItemAsync("AU-D1");
        var d3 = await app.ItemAsync("AU-D3");
        const string hostile = "<script>alert('x')</script> & <b>fed</b>\nAnden linje";
        var d1Entry = await app.EntryAsync(round.Id, "AU-D1");
        var reported = await app.Items.ReportInRoundAsync(editor, new RoundReportRequest(round.Id, d1.Id, d1Entry.Version, hostile, d1.Health, d1.Timing), Token);
        Assert.Equal(ChangeStatus.Saved, reported.Status);
        Assert.Equal(ChangeStatus.Saved, (await app.Items.MarkReadyInRoundAsync(editor, round.Id, d1.Id, reported.Value!.Entry!.Version, ready: true, Token)).Status);
        var before = await app.RoundAsync(round.Id);
        var records = await app.RecordsAsync();

        var closed = await app.Administration.CloseRoundAsync(coordinator, round.Id, before.Version, Token);

        Assert.True(closed.Succeeded, closed.Message);
        Assert.Equal((records.Reports, records.Administration + 1), await app.RecordsAsync());
        Assert.Equal((PlanAdministration.RoundSubject, "Lukket"), ((await app.LastAdministrationRecordAsync()).Subject, (await app.LastAdministrationRecordAsync()).Kind));
        var after = await app.RoundAsync(round.Id);
        Assert.True(after.IsClosed);
        Assert.Equal(RoundApp.Name(TestUsers.Coordinator), after.ClosedByName);
        Assert.All(after.Items, e => Assert.True(e.IsClosed));
        var snapshot = await SnapshotAsync(after.SnapshotId!.Value);
        Assert.Equal(round.Name, snapshot.Name);
        Assert.Equal(after.Items.Select(e => e.ItemId).Order(), snapshot.State.Items.Select(i => i.ItemId).Order());
        Assert.Equal(hostile, snapshot.State.Item(d1.Id)!.StatusText);
        Assert.Null(snapshot.State.Item(d3.Id)!.StatusText);
        Assert.Equal(d1.Health, snapshot.State.Item(d1.Id)!.Health);
        Assert.Equal(hostile, (await app.EntryAsync(round.Id, "AU-D1")).StatusText);

        // After the close: every step is refused, records nothing and changes nothing.
        var entry = await app.EntryAsync(round.Id, "AU-D1");
        var d3Entry = await app.EntryAsync(round.Id, "AU-D3");
        var refusal = FollowUpRound.ClosedRefusal(round.Name);
        var report = await app.Items.ReportInRoundAsync(editor, new RoundReportRequest(round.Id, d1.Id, entry.Version, "Efter lukning.", Health.Red, d1.Timing), Token);
        var notReady = await app.Items.MarkReadyInRoundAsync(editor, round.Id, d1.Id, entry.Version, ready: false, Token);
        var ready = await app.Items.MarkReadyInRoundAsync(coordinator, round.Id, d3.Id, d3Entry.Version, ready: true, Token);
        Assert.All([report, notReady, ready], o => Assert.Equal((ChangeStatus.Refused, refusal), (o.Status, o.Message)));
        var assign = await app.Administration.AssignInRoundAsync(coordinator, round.Id, d3.Id, d3Entry.Version, CurrentUsers.UserId(coordinator), Token);
        var deadline = await app.Administration.ChangeRoundDeadlineAsync(coordinator, round.Id, after.Version, new DateOnly(2027, 3, 1), Token);
        var again = await app.Administration.CloseRoundAsync(coordinator, round.Id, after.Version, Token);
        Assert.All([assign, deadline, again], o => Assert.Equal((ChangeStatus.Refused, refusal), (o.Status, o.Message)));
        Assert.Equal((records.Reports, records.Administration + 1), await app.RecordsAsync());
        var still = await app.RoundAsync(round.Id);
        Assert.Equal((after.Version, after.Deadline, after.SnapshotId), (still.Version, still.Deadline, still.SnapshotId));
        Assert.Equal(after.Items.Select(e => (e.ItemId, e.Version, e.StatusText, e.IsReady, e.AssigneeId)), still.Items.Select(e => (e.ItemId, e.Version, e.StatusText, e.IsReady, e.AssigneeId)));
        Assert.Equal(d1.Health, (await app.ItemAsync("AU-D1")).Health);

        // A later change of the item, here a report in the next round, leaves the closed round and its snapshot as they were.
        var next = await app.OpenAsync("AU");
        var nextEntry = await app.EntryAsync(next.Id, "AU-D1");
        Assert.Equal(ChangeStatus.Saved, (await app.Items.ReportInRoundAsync(editor, new RoundReportRequest(next.Id, d1.Id, nextEntry.Version, "Næste runde.", Health.Red, d1.Timing), Token)).Status);
        Assert.Equal(Health.Red, (await app.ItemAsync("AU-D1")).Health);
        var frozen = (await SnapshotAsync(after.SnapshotId!.Value)).State.Item(d1.Id)!;
        Assert.Equal((hostile, d1.Health), (frozen.StatusText, frozen.Health));
        Assert.Equal(hostile, (await app.EntryAsync(round.Id, "AU-D1")).StatusText);
        var texts = await app.Reader.ForItemAsync(d1.Id, Token);
        Assert.Equal(["Næste runde.", hostile], texts.Where(t => t.RoundId == next.Id || t.RoundId == round.Id).Select(t => t.Entry.StatusText));
    }

    [Fact]
    public async Task NoRoundIsOpenedChangedOrReportedInAnArchivedPlan()
    {
        var coordinator = await app.UserAsync(TestUsers.Coordinator);
        var round = await app.OpenAsync("AU");
        var item = await app.ItemAsync("AU-D4");
        var entry = await app.EntryAsync(round.Id, "AU-D4");
        var records = await app.RecordsAsync();
        var rounds = await app.CountRoundsAsync();
        Plan plan;
        await using (var db = await app.Contexts.CreateDbContextAsync(Token))
        {
            plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == 1, Token);
        }

        Assert.True((await app.Administration.SetStageAsync(coordinator, 1, plan.Version, PlanStage.Archived, Token)).Succeeded);
        try
        {
            var archived = $"Planen \"{plan.Name}\" er arkiveret og kan kun læses.";
            var open = await app.Administration.OpenRoundAsync(coordinator, 1, new RoundForm("I arkivet", new DateOnly(2026, 12, 15), null), Token);
            var deadline = await app.Administration.ChangeRoundDeadlineAsync(coordinator, round.Id, round.Version, new DateOnly(2027, 2, 1), Token);
            var assign = await app.Administration.AssignInRoundAsync(coordinator, round.Id, item.Id, entry.Version, CurrentUsers.UserId(coordinator), Token);
            var close = await app.Administration.CloseRoundAsync(coordinator, round.Id, round.Version, Token);
            Assert.All([open, deadline, assign, close], o => Assert.Equal((ChangeStatus.Refused, archived + " Genåbn den for at ændre den."), (o.Status, o.Message)));
            var report = await app.Items.ReportInRoundAsync(coordinator, new RoundReportRequest(round.Id, item.Id, entry.Version, "I arkivet.", item.Health, item.Timing), Token);
            Assert.Equal((ChangeStatus.Refused, archived), (report.Status, report.Message));
            Assert.Equal(records, await app.RecordsAsync());
            Assert.Equal(rounds, await app.CountRoundsAsync());
            var after = await app.EntryAsync(round.Id, "AU-D4");
            Assert.Equal((entry.Version, null, null), (after.Version, after.StatusText, after.AssigneeId));
            Assert.False((await app.RoundAsync(round.Id)).IsClosed);
        }
        finally
        {
            await using var db = await app.Contexts.CreateDbContextAsync(Token);
            var current = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == 1, Token);
            Assert.True((await app.Administration.SetStageAsync(coordinator, 1, current.Version, plan.Stage, Token)).Succeeded);
        }
    }

    [Fact]
    public async Task AReportAndACloseAtTheSameTimeNeverLeaveAClosedRoundWhoseSnapshotLacksTheText()
    {
        var coordinator = await app.UserAsync(TestUsers.Coordinator);
        var administrator = await app.UserAsync(TestUsers.Administrator);
        var item = await app.ItemAsync("AU-D3");
        for (var run = 0; run < 9; run++)
        {
            var round = await app.OpenAsync("AU");
            var entry = await app.EntryAsync(round.Id, "AU-D3");
            var text = $"Samtidig rapport {run}.";
            var records = await app.RecordsAsync();

            // Three ways to meet: both start at once; the close starts just as the report is about to save and races it for
            // the database; the close runs to the end between the report's read and its save.
            Task<ChangeOutcome<int>>? closing = null;
            Task<ChangeOutcome<int>> Close() => Task.Run(() => app.Administration.CloseRoundAsync(coordinator, round.Id, round.Version, Token), Token);
            switch (run % 3)
            {
                case 0:
                    closing = Close();
                    break;
                case 1:
                    app.BeforeNextReportSave = () =>
                    {
                        closing = Close();
                        return Task.CompletedTask;
                    };
                    break;
                default:
                    app.BeforeNextReportSave = async () => await (closing = Close());
                    break;
            }

            var report = await Task.Run(() => app.Items.ReportInRoundAsync(administrator, new RoundReportRequest(round.Id, item.Id, entry.Version, text, item.Health, item.Timing), Token), Token);
            app.BeforeNextReportSave = null;
            var close = await (closing ?? throw new InvalidOperationException("The close never started."));

            var stored = await app.RoundAsync(round.Id);
            var storedEntry = stored.Items.Single(e => e.ItemId == item.Id);
            Assert.Contains(report.Status, new[] { ChangeStatus.Saved, ChangeStatus.Refused, ChangeStatus.Stale });
            Assert.Contains(close.Status, new[] { ChangeStatus.Saved, ChangeStatus.Stale });
            Assert.Equal(report.Succeeded, storedEntry.StatusText == text);
            Assert.Equal(close.Succeeded, stored.IsClosed);
            Assert.Equal((records.Reports + (report.Succeeded ? 1 : 0), records.Administration + (close.Succeeded ? 1 : 0)), await app.RecordsAsync());
            if (run % 3 == 2)
            {
                Assert.Equal((ChangeStatus.Refused, ChangeStatus.Saved), (report.Status, close.Status));
            }

            if (stored.IsClosed)
            {
                Assert.Equal(storedEntry.StatusText, (await SnapshotAsync(stored.SnapshotId!.Value)).State.Item(item.Id)!.StatusText);
            }
            else
            {
                Assert.True(report.Succeeded);
                var retried = await app.Administration.CloseRoundAsync(coordinator, round.Id, stored.Version, Token);
                Assert.True(retried.Succeeded, retried.Message);
                Assert.Equal(text, (await SnapshotAsync((await app.RoundAsync(round.Id)).SnapshotId!.Value)).State.Item(item.Id)!.StatusText);
            }
        }
    }

    public void Dispose() => _changes.Dispose();

    private async Task<Udmoentning.Domain.Economy.FollowUpSnapshot> SnapshotAsync(int id)
    {
        await using var db = await app.Contexts.CreateDbContextAsync(Token);
        return await db.FollowUps.AsNoTracking().SingleAsync(f => f.Id == id, Token);
    }
}
