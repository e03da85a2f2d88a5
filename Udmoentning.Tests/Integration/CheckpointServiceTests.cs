using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Integration;

/// <summary>Marking and taking back coordination steps through the one service, on the real app and a real SQLite file.</summary>
public sealed class CheckpointServiceTests(AppFactory app) : IClassFixture<AppFactory>, IDisposable
{
    private readonly ChangeRecorder _changes = new(app.Services);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private PlanItemService Service => app.Services.GetRequiredService<PlanItemService>();

    [Fact]
    public async Task MarkingMedIsSavedRecordedAndPublishedAndThenLetsTheItemBeCompleted()
    {
        var user = await UserAsync(TestUsers.EditorAu);
        var item = await StoredAsync("AU-D6");
        Assert.Equal(ChangeStatus.Saved, (await Service.MoveAsync(user, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token)).Status);
        await _changes.NextAsync();
        item = await StoredAsync("AU-D6");

        var refused = await Service.MoveAsync(user, new MoveRequest(item.Id, item.Version, ItemStatus.Completed), Token);
        Assert.Equal(ChangeStatus.Refused, refused.Status);
        Assert.Contains("\"MED inddraget\"", refused.Message);

        var marked = await Service.MarkCheckpointAsync(user, new CheckpointRequest(item.Id, CheckpointStep.MedInvolved), Token);

        Assert.Equal(ChangeStatus.Saved, marked.Status);
        var stored = await StoredAsync("AU-D6");
        var done = Assert.Single(stored.Checkpoints);
        Assert.Equal((CheckpointStep.MedInvolved, Name(TestUsers.EditorAu)), (done.Step, done.ByName));
        Assert.Equal(item.Version, stored.Version);
        Assert.Equal(item.Revision + 1, stored.Revision);
        var record = await LastRecordAsync(item.Id);
        Assert.Equal((PlanItemService.CheckpointKind, Name(TestUsers.EditorAu)), (record.Kind, record.UserName));
        Assert.Equal([new FieldChange("MED inddraget", "Ikke gjort", "Gjort")], record.Changes);
        var change = await _changes.NextAsync();
        Assert.Equal((ChangeKind.Checkpoint, item.Id, Name(TestUsers.EditorAu)), (change.Kind, change.Item.Id, change.ChangedBy));
        Assert.Contains(change.Item.Checkpoints, c => c.Step == CheckpointStep.MedInvolved);
        await _changes.AssertNothingMoreAsync();

        var completed = await Service.MoveAsync(user, new MoveRequest(item.Id, item.Version, ItemStatus.Completed), Token);
        Assert.Equal(ChangeStatus.Saved, completed.Status);
    }

    [Fact]
    public async Task ThePoliticalTreatmentRecordsTheCommitteeAndMeetingAndTakingItBackRecordsThat()
    {
        var user = await UserAsync(TestUsers.Coordinator);
        var item = await StoredAsync("AU-D3");
        Assert.Equal([CheckpointStep.PoliticallyTreated], CheckpointRules.Missing(item));

        var marked = await Service.MarkCheckpointAsync(user, new CheckpointRequest(item.Id, CheckpointStep.PoliticallyTreated, item.TreatmentCommitteeId, item.TreatmentMeetingId), Token);

        Assert.Equal(ChangeStatus.Saved, marked.Status);
        var done = (await StoredAsync("AU-D3")).Checkpoints.Single(c => c.Step == CheckpointStep.PoliticallyTreated);
        Assert.Equal((item.TreatmentCommitteeId, item.TreatmentMeetingId), (done.CommitteeId, done.MeetingId));
        Assert.Equal([new FieldChange("Politisk behandlet", "Ikke gjort", "Gjort (Arbejdsmarkedsudvalget, møde 21. aug. 2025)")], (await LastRecordAsync(item.Id)).Changes);
        Assert.Equal(ChangeKind.Checkpoint, (await _changes.NextAsync()).Kind);

        var cleared = await Service.ClearCheckpointAsync(user, item.Id, CheckpointStep.PoliticallyTreated, Token);

        Assert.Equal(ChangeStatus.Saved, cleared.Status);
        Assert.DoesNotContain((await StoredAsync("AU-D3")).Checkpoints, c => c.Step == CheckpointStep.PoliticallyTreated);
        Assert.Equal([new FieldChange("Politisk behandlet", "Gjort (Arbejdsmarkedsudvalget, møde 21. aug. 2025)", "Ikke gjort")], (await LastRecordAsync(item.Id)).Changes);
        Assert.Equal(ChangeKind.Checkpoint, (await _changes.NextAsync()).Kind);
    }

    [Fact]
    public async Task RefusedStepsSaveRecordAndPublishNothingAndSayWhyInDanish()
    {
        var user = await UserAsync(TestUsers.Coordinator);
        var open = await StoredAsync("ØU-D3");      // cross-cutting, MED: direktion and koncernledelse done, MED not
        var completed = await StoredAsync("ØU-R3"); // cross-cutting and completed: its steps are done
        var bu = await CommitteeIdAsync("BUU");
        var buMeeting = await MeetingIdAsync("BUU");
        var historyBefore = await HistoryCountAsync();

        (ChangeOutcome<PlanItem> Outcome, string Message)[] cases =
        [
            (await Service.MarkCheckpointAsync(user, new CheckpointRequest(open.Id, (CheckpointStep)99), Token), "Det valgte kontrolpunkt findes ikke."),
            (await Service.MarkCheckpointAsync(user, new CheckpointRequest(open.Id, CheckpointStep.DiscussedByExecutiveBoard), Token), "\"Drøftet i Direktionen\" er allerede markeret for ØU-D3 af Plansekretariatet."),
            (await Service.ClearCheckpointAsync(user, open.Id, CheckpointStep.MedInvolved, Token), "\"MED inddraget\" er ikke markeret for ØU-D3."),
            (await Service.MarkCheckpointAsync(user, new CheckpointRequest(open.Id, CheckpointStep.PoliticallyTreated), Token), "Vælg det udvalg, der har behandlet punktet."),
            (await Service.MarkCheckpointAsync(user, new CheckpointRequest(open.Id, CheckpointStep.PoliticallyTreated, 987654), Token), "Det valgte udvalg findes ikke. Vælg det udvalg, der har behandlet punktet."),
            (await Service.MarkCheckpointAsync(user, new CheckpointRequest(open.Id, CheckpointStep.PoliticallyTreated, open.CommitteeId, buMeeting), Token), "Vælg et møde i det udvalg, der har behandlet punktet, eller intet møde."),
            (await Service.MarkCheckpointAsync(user, new CheckpointRequest(open.Id, CheckpointStep.PoliticallyTreated, bu, 987654), Token), "Vælg et møde i det udvalg, der har behandlet punktet, eller intet møde."),
            (await Service.MarkCheckpointAsync(user, new CheckpointRequest(open.Id, CheckpointStep.MedInvolved, bu), Token), "\"MED inddraget\" har hverken udvalg eller møde."),
            (await Service.ClearCheckpointAsync(user, completed.Id, CheckpointStep.DiscussedByExecutiveBoard, Token), "ØU-R3 er afsluttet, og \"Drøftet i Direktionen\" kræves for at afslutte det. Genåbn punktet først."),
        ];

        Assert.All(cases, c =>
        {
            Assert.Equal(ChangeStatus.Refused, c.Outcome.Status);
            Assert.Equal(c.Message, c.Outcome.Message);
            Assert.NotNull(c.Outcome.Value);
        });
        Assert.Equal(ChangeStatus.NotFound, (await Service.MarkCheckpointAsync(user, new CheckpointRequest(987654, CheckpointStep.MedInvolved), Token)).Status);
        Assert.Equal((open.Revision, open.Checkpoints.Count), ((await StoredAsync("ØU-D3")).Revision, (await StoredAsync("ØU-D3")).Checkpoints.Count));
        Assert.Equal(completed.Revision, (await StoredAsync("ØU-R3")).Revision);
        Assert.Equal(historyBefore, await HistoryCountAsync());
        await _changes.AssertNothingMoreAsync();
    }

    [Fact]
    public async Task TwoPeopleMarkingStepsOfTheSameItemAtOnceBothGetTheirStepSaved()
    {
        var coordinator = await UserAsync(TestUsers.Coordinator);
        var administrator = await UserAsync(TestUsers.Administrator);
        var item = await StoredAsync("SSU-D1");

        var outcomes = await Task.WhenAll(
            Service.MarkCheckpointAsync(coordinator, new CheckpointRequest(item.Id, CheckpointStep.DiscussedByExecutiveBoard), Token),
            Service.MarkCheckpointAsync(administrator, new CheckpointRequest(item.Id, CheckpointStep.DiscussedByGroupManagement), Token),
            Service.MarkCheckpointAsync(coordinator, new CheckpointRequest(item.Id, CheckpointStep.MedInvolved), Token));

        Assert.All(outcomes, o => Assert.Equal(ChangeStatus.Saved, o.Status));
        var stored = await StoredAsync("SSU-D1");
        Assert.Equal(3, stored.Checkpoints.Count);
        Assert.Equal(item.Revision + 3, stored.Revision);
        Assert.Equal(3, await HistoryCountAsync(item.Id, PlanItemService.CheckpointKind));
    }

    [Fact]
    public async Task AnEditOpenWhileAStepIsMarkedIsStillSavedAndKeepsTheStep()
    {
        var user = await UserAsync(TestUsers.Coordinator);
        var item = await StoredAsync("BUU-D2");

        Assert.Equal(ChangeStatus.Saved, (await Service.MarkCheckpointAsync(user, new CheckpointRequest(item.Id, CheckpointStep.MedInvolved), Token)).Status);
        var edited = await Service.UpdateAsync(user, item.Id, item.Version, item.ToDetails() with { Notes = "MED-udvalget har drøftet sagen." }, Token);

        Assert.Equal(ChangeStatus.Saved, edited.Status);
        Assert.Contains((await StoredAsync("BUU-D2")).Checkpoints, c => c.Step == CheckpointStep.MedInvolved);
    }

    [Fact]
    public async Task NoStepIsMarkedOrTakenBackInAnArchivedPlan()
    {
        await using var archived = new AppFactory();
        var user = await TestUsers.PrincipalAsync(archived.Services, TestUsers.Coordinator);
        var contexts = archived.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
        Udmoentning.Domain.Plans.Plan plan;
        await using (var db = await contexts.CreateDbContextAsync(Token))
        {
            plan = await db.Plans.AsNoTracking().SingleAsync(Token);
        }

        var stage = await archived.Services.GetRequiredService<PlanAdministration>()
            .SetStageAsync(user, plan.Id, plan.Version, Udmoentning.Domain.Plans.PlanStage.Archived, Token);
        Assert.True(stage.Succeeded, stage.Message);
        await using var read = await contexts.CreateDbContextAsync(Token);
        var item = await read.Items.AsNoTracking().SingleAsync(i => i.Code == "ØU-D3", Token);
        var history = await read.History.CountAsync(Token);
        var service = archived.Services.GetRequiredService<PlanItemService>();

        var marked = await service.MarkCheckpointAsync(user, new CheckpointRequest(item.Id, CheckpointStep.MedInvolved), Token);
        var cleared = await service.ClearCheckpointAsync(user, item.Id, CheckpointStep.DiscussedByExecutiveBoard, Token);

        Assert.All([marked, cleared], o =>
        {
            Assert.Equal(ChangeStatus.Refused, o.Status);
            Assert.Equal($"Planen \"{plan.Name}\" er arkiveret og kan kun læses.", o.Message);
        });
        await using var after = await contexts.CreateDbContextAsync(Token);
        Assert.Equal(item.Revision, (await after.Items.AsNoTracking().SingleAsync(i => i.Id == item.Id, Token)).Revision);
        Assert.Equal(history, await after.History.CountAsync(Token));
    }

    public void Dispose() => _changes.Dispose();

    private static string Name(string demoUser) => Udmoentning.Web.Access.DemoUsers.All.Single(d => d.UserName == demoUser).DisplayName;

    private Task<ClaimsPrincipal> UserAsync(string name) => TestUsers.PrincipalAsync(app.Services, name);

    private async Task<PlanItem> StoredAsync(string code)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().SingleAsync(i => i.Code == code, Token);
    }

    private async Task<ItemHistoryEntry> LastRecordAsync(int itemId)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.History.AsNoTracking().Where(h => h.ItemId == itemId).OrderByDescending(h => h.Id).FirstAsync(Token);
    }

    private async Task<int> HistoryCountAsync(int? itemId = null, string? kind = null)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.History.CountAsync(h => (itemId == null || h.ItemId == itemId) && (kind == null || h.Kind == kind), Token);
    }

    private async Task<int> CommitteeIdAsync(string code)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Committees.Where(c => c.ShortCode == code).Select(c => c.Id).SingleAsync(Token);
    }

    private async Task<int> MeetingIdAsync(string committee)
    {
        var id = await CommitteeIdAsync(committee);
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Meetings.Where(m => m.CommitteeId == id).Select(m => m.Id).FirstAsync(Token);
    }

    private IDbContextFactory<PlanDbContext> Contexts() => app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
}
