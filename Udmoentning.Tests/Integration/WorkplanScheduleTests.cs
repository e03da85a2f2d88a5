using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Integration;

/// <summary>Scheduling an item on a committee's arbejdsplan, through the one service for items, on a real SQLite file.</summary>
public sealed class WorkplanScheduleTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private PlanItemService _service = null!;
    private ChangeRecorder _changes = null!;
    private ClaimsPrincipal _coordinator = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = _app.Services.GetRequiredService<PlanItemService>();
        _changes = new ChangeRecorder(_app.Services);
        _coordinator = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Coordinator);
    }

    public async ValueTask DisposeAsync()
    {
        _changes.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task SchedulingAnUnscheduledItemSavesRecordsAndPublishesOnce()
    {
        // AU-D4 is in AU's extract with no committee treating it and no meeting.
        var item = await ItemAsync("AU-D4");
        var au = await CommitteeAsync("AU");
        var meeting = await MeetingAsync("AU", new DateOnly(2025, 6, 19));

        var outcome = await _service.ScheduleAsync(_coordinator, new ScheduleRequest(item.Id, item.Version, au.Id, meeting.Id), Token);

        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        var stored = await ItemAsync("AU-D4");
        Assert.Equal((au.Id, meeting.Id), (stored.TreatmentCommitteeId, stored.TreatmentMeetingId));
        Assert.NotEqual(item.Version, stored.Version);
        var entry = Assert.Single(await HistoryAsync(item.Id));
        Assert.Equal(
            [new FieldChange("Behandles i udvalg", null, "AU"), new FieldChange("Møde", null, "2025-06-19")],
            entry.Changes);
        Assert.Equal("Karin Koordinator (direktionen)", entry.UserName);
        var change = await _changes.NextAsync();
        Assert.Equal((item.Id, ChangeKind.Edited, meeting.Id, stored.Version), (change.Item.Id, change.Kind, change.Item.TreatmentMeetingId, change.Item.Version));
        await _changes.AssertNothingMoreAsync();
    }

    [Fact]
    public async Task MovingToAnotherMeetingRecordsTheOldAndNewMeeting()
    {
        // AU-D1 is treated by AU on 23 Jan 2025.
        var item = await ItemAsync("AU-D1");
        var au = await CommitteeAsync("AU");
        var meeting = await MeetingAsync("AU", new DateOnly(2025, 2, 20));

        var outcome = await _service.ScheduleAsync(_coordinator, new ScheduleRequest(item.Id, item.Version, au.Id, meeting.Id), Token);

        Assert.True(outcome.Succeeded);
        var entry = Assert.Single(await HistoryAsync(item.Id));
        Assert.Equal([new FieldChange("Møde", "2025-01-23", "2025-02-20")], entry.Changes);
        Assert.Equal(meeting.Id, (await _changes.NextAsync()).Item.TreatmentMeetingId);
        await _changes.AssertNothingMoreAsync();
    }

    [Fact]
    public async Task UnschedulingKeepsTheCommitteeAndDropsTheMeeting()
    {
        var item = await ItemAsync("AU-D1");
        var au = await CommitteeAsync("AU");

        var outcome = await _service.ScheduleAsync(_coordinator, new ScheduleRequest(item.Id, item.Version, au.Id, null), Token);

        Assert.True(outcome.Succeeded);
        var stored = await ItemAsync("AU-D1");
        Assert.Equal((au.Id, (int?)null), (stored.TreatmentCommitteeId, stored.TreatmentMeetingId));
        var entry = Assert.Single(await HistoryAsync(item.Id));
        Assert.Equal([new FieldChange("Møde", "2025-01-23", null)], entry.Changes);
    }

    [Fact]
    public async Task AMeetingOfAnotherCommitteeIsRefusedAndChangesNothing()
    {
        var item = await ItemAsync("AU-D4");
        var au = await CommitteeAsync("AU");
        var buuMeeting = await MeetingAsync("BUU", new DateOnly(2025, 6, 16));

        var outcome = await _service.ScheduleAsync(_coordinator, new ScheduleRequest(item.Id, item.Version, au.Id, buuMeeting.Id), Token);

        Assert.Equal(ChangeStatus.Invalid, outcome.Status);
        Assert.Contains(outcome.Errors, e => e.Field == nameof(ItemDetails.TreatmentMeetingId) && e.Message == "Vælg et møde i det udvalg, der behandler punktet.");
        var stored = await ItemAsync("AU-D4");
        Assert.Equal((item.Version, (int?)null, (int?)null), (stored.Version, stored.TreatmentCommitteeId, stored.TreatmentMeetingId));
        Assert.Empty(await HistoryAsync(item.Id));
        await _changes.AssertNothingMoreAsync();
    }

    [Fact]
    public async Task ACancelledMeetingTakesNoNewItems()
    {
        var item = await ItemAsync("AU-D4");
        var au = await CommitteeAsync("AU");
        var meeting = await MeetingAsync("AU", new DateOnly(2025, 8, 21));
        await using (var db = await Contexts().CreateDbContextAsync(Token))
        {
            var tracked = await db.Meetings.SingleAsync(m => m.Id == meeting.Id, Token);
            tracked.Cancel();
            await db.SaveChangesAsync(Token);
        }

        var outcome = await _service.ScheduleAsync(_coordinator, new ScheduleRequest(item.Id, item.Version, au.Id, meeting.Id), Token);

        Assert.Equal(ChangeStatus.Invalid, outcome.Status);
        Assert.Equal("Mødet 21. aug. 2025 er aflyst. Vælg et andet møde.", Assert.Single(outcome.Errors).Message);
        Assert.Equal(item.Version, (await ItemAsync("AU-D4")).Version);
        Assert.Empty(await HistoryAsync(item.Id));
    }

    [Fact]
    public async Task AReaderIsForbiddenAndNothingIsSaved()
    {
        var reader = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Reader);
        var item = await ItemAsync("AU-D4");
        var au = await CommitteeAsync("AU");
        var meeting = await MeetingAsync("AU", new DateOnly(2025, 6, 19));

        var outcome = await _service.ScheduleAsync(reader, new ScheduleRequest(item.Id, item.Version, au.Id, meeting.Id), Token);

        Assert.Equal(ChangeStatus.Forbidden, outcome.Status);
        Assert.Equal("Du har kun læseadgang til planen.", outcome.Message);
        Assert.Equal(item.Version, (await ItemAsync("AU-D4")).Version);
        Assert.Empty(await HistoryAsync(item.Id));
        await _changes.AssertNothingMoreAsync();
    }

    [Fact]
    public async Task AStaleVersionIsRefusedAndTheNewerScheduleSurvives()
    {
        var item = await ItemAsync("AU-D4");
        var au = await CommitteeAsync("AU");
        var first = await MeetingAsync("AU", new DateOnly(2025, 6, 19));
        var second = await MeetingAsync("AU", new DateOnly(2025, 9, 18));
        var saved = await _service.ScheduleAsync(_coordinator, new ScheduleRequest(item.Id, item.Version, au.Id, first.Id), Token);
        await _changes.NextAsync();

        var stale = await _service.ScheduleAsync(_coordinator, new ScheduleRequest(item.Id, item.Version, au.Id, second.Id), Token);

        Assert.Equal(ChangeStatus.Stale, stale.Status);
        Assert.Equal(first.Id, stale.Value!.TreatmentMeetingId);
        var stored = await ItemAsync("AU-D4");
        Assert.Equal((saved.Value!.Version, (int?)first.Id), (stored.Version, stored.TreatmentMeetingId));
        Assert.Single(await HistoryAsync(item.Id));
        await _changes.AssertNothingMoreAsync();
    }

    [Fact]
    public async Task AnArchivedPlanIsRefused()
    {
        var item = await ItemAsync("AU-D4");
        var au = await CommitteeAsync("AU");
        var meeting = await MeetingAsync("AU", new DateOnly(2025, 6, 19));
        await using (var db = await Contexts().CreateDbContextAsync(Token))
        {
            await db.Plans.Where(p => p.Id == item.PlanId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stage, PlanStage.Archived), Token);
        }

        var outcome = await _service.ScheduleAsync(_coordinator, new ScheduleRequest(item.Id, item.Version, au.Id, meeting.Id), Token);

        Assert.Equal(ChangeStatus.Refused, outcome.Status);
        Assert.Contains("er arkiveret", outcome.Message);
        Assert.Equal(item.Version, (await ItemAsync("AU-D4")).Version);
    }

    private async Task<PlanItem> ItemAsync(string code)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().SingleAsync(i => i.PlanId == 1 && i.Code == code, Token);
    }

    private async Task<Committee> CommitteeAsync(string shortCode)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Committees.AsNoTracking().SingleAsync(c => c.ShortCode == shortCode, Token);
    }

    private async Task<CommitteeMeeting> MeetingAsync(string shortCode, DateOnly date)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Meetings.AsNoTracking().SingleAsync(m => m.Committee!.ShortCode == shortCode && m.Date == date, Token);
    }

    private async Task<IReadOnlyList<ItemHistoryEntry>> HistoryAsync(int itemId)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.History.AsNoTracking().Where(h => h.ItemId == itemId).ToListAsync(Token);
    }

    private IDbContextFactory<PlanDbContext> Contexts() => _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
}
