using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Questions;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Questions;

namespace Udmoentning.Tests.Questions;

/// <summary>
/// A politician's question through the one change service on the real app and a real SQLite file: every step checked on
/// the server for who takes it, recorded, and a refusal changing and recording nothing; a draft answer and the note sent
/// back never reach a reader.
/// </summary>
public sealed class QuestionServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private QuestionService Service => app.Services.GetRequiredService<QuestionService>();

    [Fact]
    public async Task APoliticianAsksTheCoordinatorNumbersAndAssignsTheEditorAnswersAndTheApprovedAnswerIsPublishedToEveryMember()
    {
        var (reader, editor, coordinator) = (await As(TestUsers.Reader), await As(TestUsers.EditorAu), await As(TestUsers.Coordinator));
        var (planId, itemId) = await ItemAsync("AU-D1");

        var asked = await Service.AskAsync(reader, new AskRequest(planId, QuestionScope.Item, itemId, "  Hvad betyder forslaget for jobcentret?  "), Token);
        Assert.Equal((ChangeStatus.Saved, "Dit spørgsmål er sendt til administrationen."), (asked.Status, asked.Message));
        var question = asked.Value!;
        var next = await NextNumberAsync(planId);
        var assigned = (await Service.AssignAsync(coordinator, question.Id, question.Version, await UserIdAsync(TestUsers.EditorAu), Today().AddDays(7), Token)).Value!;
        Assert.Equal((QuestionStatus.Assigned, $"Spørgsmål {next}"), (assigned.Status, assigned.Title));
        var drafted = (await Service.DraftAsync(editor, question.Id, assigned.Version, "Jobcentret får færre sager.", Token)).Value!;
        Assert.Null((await ViewAsync(reader, question.Id)).Answer);
        var submitted = (await Service.SubmitAsync(editor, question.Id, drafted.Version, Token)).Value!;
        var sentBack = (await Service.SendBackAsync(coordinator, question.Id, submitted.Version, "Skriv beløbet.", Token)).Value!;
        Assert.Equal((null, null), ((await ViewAsync(reader, question.Id)).ReturnNote, (await ViewAsync(reader, question.Id)).Answer));
        Assert.Equal("Skriv beløbet.", (await ViewAsync(editor, question.Id)).ReturnNote);
        var redrafted = (await Service.DraftAsync(editor, question.Id, sentBack.Version, "Jobcentret sparer 1.500 (1.000 kr.) i 2026.", Token)).Value!;
        var resubmitted = (await Service.SubmitAsync(editor, question.Id, redrafted.Version, Token)).Value!;

        var approved = await Service.ApproveAsync(coordinator, question.Id, resubmitted.Version, Token);

        Assert.Equal(ChangeStatus.Saved, approved.Status);
        var seen = await ViewAsync(reader, question.Id);
        Assert.Equal((QuestionStatus.Published, "Jobcentret sparer 1.500 (1.000 kr.) i 2026.", "Hvad betyder forslaget for jobcentret?"), (seen.Status, seen.Answer, seen.Text));
        Assert.Null(seen.ResponsibleName);
        Assert.Equal(
            ["Stillet", "Fordelt", "Udkast gemt", "Til godkendelse", "Sendt tilbage", "Udkast gemt", "Til godkendelse", "Godkendt"],
            await RecordsAsync(question.Id));
    }

    [Fact]
    public async Task EveryStepRefusedForTheWrongPersonAStaleCopyOrBadInputChangesAndRecordsNothing()
    {
        var people = new Dictionary<string, ClaimsPrincipal>
        {
            ["anonym"] = new ClaimsPrincipal(),
            ["læser"] = await As(TestUsers.Reader),
            ["redaktør (svarer)"] = await As(TestUsers.EditorAu),
            ["anden redaktør"] = await As(TestUsers.EditorBuu),
            ["koordinator"] = await As(TestUsers.Coordinator),
            ["administrator"] = await As(TestUsers.Administrator),
        };
        var (planId, itemId) = await ItemAsync("AU-D2");
        var question = (await Service.AskAsync(people["læser"], new AskRequest(planId, QuestionScope.Item, itemId, "Hvorfor er punktet forsinket?"), Token)).Value!;
        var editorAu = await UserIdAsync(TestUsers.EditorAu);
        var readerId = await UserIdAsync(TestUsers.Reader);
        question = (await Service.AssignAsync(people["koordinator"], question.Id, question.Version, editorAu, Today(), Token)).Value!;

        // Who may take a step on a question assigned to AU's editor: the triage steps are the coordinators' and administrators'.
        foreach (var name in (string[])["anonym", "læser", "redaktør (svarer)", "anden redaktør"])
        {
            await AssertNothingChangesAsync(question, ChangeStatus.Forbidden, () => Service.AssignAsync(people[name], question.Id, question.Version, editorAu, Today(), Token));
            await AssertNothingChangesAsync(question, ChangeStatus.Forbidden, () => Service.SendBackAsync(people[name], question.Id, question.Version, "x", Token));
            await AssertNothingChangesAsync(question, ChangeStatus.Forbidden, () => Service.ApproveAsync(people[name], question.Id, question.Version, Token));
            await AssertNothingChangesAsync(question, ChangeStatus.Forbidden, () => Service.MergeAsync(people[name], question.Id, question.Version, question.Id, Token));
            await AssertNothingChangesAsync(question, ChangeStatus.Forbidden, () => Service.SplitAsync(people[name], question.Id, question.Version, "En del", "En anden del", Token));
        }

        foreach (var name in (string[])["anonym", "læser", "anden redaktør"])
        {
            await AssertNothingChangesAsync(question, ChangeStatus.Forbidden, () => Service.DraftAsync(people[name], question.Id, question.Version, "Svar", Token));
            await AssertNothingChangesAsync(question, ChangeStatus.Forbidden, () => Service.SubmitAsync(people[name], question.Id, question.Version, Token));
        }

        await AssertNothingChangesAsync(question, ChangeStatus.Forbidden, () => Service.AskAsync(people["anonym"], new AskRequest(planId, QuestionScope.Plan, null, "Hej"), Token));
        await AssertNothingChangesAsync(question, ChangeStatus.Stale, () => Service.DraftAsync(people["redaktør (svarer)"], question.Id, Guid.NewGuid(), "Svar", Token));
        await AssertNothingChangesAsync(question, ChangeStatus.Invalid, () => Service.DraftAsync(people["redaktør (svarer)"], question.Id, question.Version, "<script>alert(1)</script>\u0000", Token));
        await AssertNothingChangesAsync(question, ChangeStatus.Invalid, () => Service.SubmitAsync(people["redaktør (svarer)"], question.Id, question.Version, Token));
        await AssertNothingChangesAsync(question, ChangeStatus.Invalid, () => Service.ApproveAsync(people["koordinator"], question.Id, question.Version, Token));
        await AssertNothingChangesAsync(question, ChangeStatus.Invalid, () => Service.AssignAsync(people["koordinator"], question.Id, question.Version, "findes-ikke", Today(), Token));
        await AssertNothingChangesAsync(question, ChangeStatus.Invalid, () => Service.AssignAsync(people["koordinator"], question.Id, question.Version, readerId, Today(), Token));
        await AssertNothingChangesAsync(question, ChangeStatus.Invalid, () => Service.AssignAsync(people["koordinator"], question.Id, question.Version, editorAu, Today().AddDays(-1), Token));
        await AssertNothingChangesAsync(question, ChangeStatus.Invalid, () => Service.MergeAsync(people["koordinator"], question.Id, question.Version, question.Id, Token));
        await AssertNothingChangesAsync(question, ChangeStatus.NotFound, () => Service.MergeAsync(people["koordinator"], question.Id, question.Version, 987_654, Token));
        await AssertNothingChangesAsync(question, ChangeStatus.Invalid, () => Service.SplitAsync(people["koordinator"], question.Id, question.Version, "Kun én del", " ", Token));
        await AssertNothingChangesAsync(question, ChangeStatus.Stale, () => Service.SplitAsync(people["koordinator"], question.Id, Guid.NewGuid(), "En del", "En anden del", Token));
        await AssertNothingChangesAsync(question, ChangeStatus.NotFound, () => Service.DraftAsync(people["koordinator"], 987_654, question.Version, "Svar", Token));
        await AssertNothingChangesAsync(question, ChangeStatus.NotFound, () => Service.AskAsync(people["læser"], new AskRequest(planId, QuestionScope.Item, 987_654, "Hej"), Token));
        await AssertNothingChangesAsync(question, ChangeStatus.Invalid, () => Service.AskAsync(people["læser"], new AskRequest(planId, QuestionScope.Plan, null, new string('x', PlanQuestion.TextLength + 1)), Token));

        // A coordinator and an administrator may also answer; the next question gets the next number.
        var drafted = await Service.DraftAsync(people["administrator"], question.Id, question.Version, "Et svar fra administrationen.", Token);
        Assert.Equal(ChangeStatus.Saved, drafted.Status);
        var next = (await Service.AskAsync(people["anden redaktør"], new AskRequest(planId, QuestionScope.Plan, null, "Hvad koster planen i alt?"), Token)).Value!;
        var numbered = (await Service.AssignAsync(people["administrator"], next.Id, next.Version, editorAu, Today(), Token)).Value!;
        Assert.Equal(question.Number + 1, numbered.Number);
    }

    [Fact]
    public async Task ACoordinatorSplitsAQuestionThatAsksTwoThingsAndMergesADuplicateWhichIsAnsweredWithTheOther()
    {
        var (reader, editorBuu, coordinator) = (await As(TestUsers.Reader), await As(TestUsers.EditorBuu), await As(TestUsers.Coordinator));
        var (planId, itemId) = await ItemAsync("AU-D1");
        var both = (await Service.AskAsync(reader, new AskRequest(planId, QuestionScope.Item, itemId, "Hvad koster det? Og hvornår begynder det?"), Token)).Value!;
        var duplicate = (await Service.AskAsync(editorBuu, new AskRequest(planId, QuestionScope.Item, itemId, "Hvornår begynder det?"), Token)).Value!;

        var split = await Service.SplitAsync(coordinator, both.Id, both.Version, "Hvad koster det?", "Hvornår begynder det?", Token);

        Assert.Equal(ChangeStatus.Saved, split.Status);
        var (kept, second) = (await StoredAsync(both.Id), await StoredAsync(split.Value!.Id));
        Assert.Equal(("Hvad koster det?", QuestionStatus.Received), (kept.Text, kept.Status));
        Assert.Equal(("Hvornår begynder det?", QuestionStatus.Received, kept.AskerId, QuestionScope.Item, itemId, kept.AskedAt),
            (second.Text, second.Status, second.AskerId, second.Scope, second.SubjectId!.Value, second.AskedAt));
        Assert.Equal(["Stillet", "Delt"], await RecordsAsync(both.Id));
        Assert.Equal(["Stillet (delt fra)"], await RecordsAsync(second.Id));

        var merged = await Service.MergeAsync(coordinator, duplicate.Id, duplicate.Version, second.Id, Token);

        Assert.Equal((ChangeStatus.Saved, QuestionStatus.Merged, second.Id), (merged.Status, (await StoredAsync(duplicate.Id)).Status, (await StoredAsync(duplicate.Id)).MergedIntoId));
        var seen = await ViewAsync(reader, duplicate.Id);
        Assert.Equal((QuestionStatus.Merged, second.Id), (seen.Status, seen.MergedIntoId));
        var details = await app.Services.GetRequiredService<QuestionReader>().GetAsync(coordinator, planId, second.Id, Token);
        Assert.Equal([duplicate.Id], details!.MergedHere.Select(r => r.Question.Id));
        Assert.DoesNotContain(details.MergeTargets, r => r.Question.Id == duplicate.Id || r.Question.Id == second.Id);
    }

    [Fact]
    public async Task AReaderNeverReadsADraftOrANoteOnTheQuestionPagesOrInTheTimelineWhileTheAdministrationDoes()
    {
        var (editor, coordinator) = (await As(TestUsers.EditorAu), await As(TestUsers.Coordinator));
        var (planId, itemId) = await ItemAsync("AU-D2");
        var question = (await Service.AskAsync(await As(TestUsers.Reader), new AskRequest(planId, QuestionScope.Item, itemId, "Hvem betaler for punktet?"), Token)).Value!;
        question = (await Service.AssignAsync(coordinator, question.Id, question.Version, await UserIdAsync(TestUsers.EditorAu), Today().AddDays(3), Token)).Value!;
        question = (await Service.DraftAsync(editor, question.Id, question.Version, "HEMMELIGT-UDKAST om betalingen", Token)).Value!;
        question = (await Service.SubmitAsync(editor, question.Id, question.Version, Token)).Value!;
        question = (await Service.SendBackAsync(coordinator, question.Id, question.Version, "HEMMELIG-NOTE: skriv tallet", Token)).Value!;
        var readerClient = app.CreateClient();
        await TestUsers.SignInAsync(readerClient, TestUsers.Reader);
        var editorClient = app.CreateClient();
        await TestUsers.SignInAsync(editorClient, TestUsers.EditorBuu);

        foreach (var path in (string[])[$"/plan/{planId}/spoergsmaal", $"/plan/{planId}/spoergsmaal/{question.Id}"])
        {
            var html = await readerClient.GetStringAsync(path, Token);
            Assert.Contains("Hvem betaler for punktet?", html, StringComparison.Ordinal);
            Assert.DoesNotContain("HEMMELIG", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Besvares af", html, StringComparison.Ordinal);
        }

        // Nor does searching for the draft's words find the question for a reader.
        var searched = await readerClient.GetStringAsync($"/plan/{planId}/spoergsmaal?q=UDKAST+om+betalingen", Token);
        Assert.DoesNotContain("Hvem betaler for punktet?", searched, StringComparison.Ordinal);
        Assert.Contains("Ingen spørgsmål passer til filtrene.", searched, StringComparison.Ordinal);

        // The same pages show the administration (another committee's editor too) the draft, the note and who answers.
        var administration = await editorClient.GetStringAsync($"/plan/{planId}/spoergsmaal/{question.Id}", Token);
        Assert.Contains("HEMMELIGT-UDKAST om betalingen", administration, StringComparison.Ordinal);
        Assert.Contains("HEMMELIG-NOTE: skriv tallet", administration, StringComparison.Ordinal);
        Assert.Contains("Besvares af", administration, StringComparison.Ordinal);

        var readerSteps = (await app.Services.GetRequiredService<QuestionReader>().GetAsync(await As(TestUsers.Reader), planId, question.Id, Token))!.Timeline;
        Assert.Equal(["Stillet", "Fordelt"], readerSteps.Select(s => s.Kind));
        Assert.All(readerSteps, s => Assert.Empty(s.Changes));
    }

    [Fact]
    public void EveryStepsNameFitsTheHistorysColumnOnEveryDatabase() =>
        Assert.All(QuestionStepNames.All, name => Assert.InRange(name.Length, 1, Udmoentning.Domain.History.AdministrationEntry.KindLength));

    private async Task AssertNothingChangesAsync(PlanQuestion question, ChangeStatus expected, Func<Task<ChangeOutcome<PlanQuestion>>> step)
    {
        var records = await RecordCountAsync();
        var before = await StoredAsync(question.Id);

        var outcome = await step();

        Assert.Equal(expected, outcome.Status);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Message));
        var after = await StoredAsync(question.Id);
        Assert.Equal((before.Version, before.Status, before.Answer, before.Number), (after.Version, after.Status, after.Answer, after.Number));
        Assert.Equal(records, await RecordCountAsync());
    }

    private static DateOnly Today() => DanishTime.Today(DateTimeOffset.UtcNow);

    private Task<ClaimsPrincipal> As(string user) => TestUsers.PrincipalAsync(app.Services, user);

    private async Task<QuestionView> ViewAsync(ClaimsPrincipal user, int id)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        var planId = await db.Questions.Where(q => q.Id == id).Select(q => q.PlanId).SingleAsync(Token);
        return (await app.Services.GetRequiredService<QuestionReader>().ListAsync(user, planId, Token))!.Rows.Single(r => r.Question.Id == id).Question;
    }

    private IDbContextFactory<PlanDbContext> Contexts() => app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();

    private Task<(int PlanId, int ItemId)> ItemAsync(string code) => QuestionSteps.ItemAsync(app.Services, code);

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Token);
    }

    /// <summary>One more than the plan's highest number so far: the class's tests share one app, in any order.</summary>
    private async Task<int> NextNumberAsync(int planId)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return (await db.Questions.Where(q => q.PlanId == planId).MaxAsync(q => q.Number, Token) ?? 0) + 1;
    }

    private async Task<PlanQuestion> StoredAsync(int id)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Questions.AsNoTracking().SingleAsync(q => q.Id == id, Token);
    }

    private async Task<int> RecordCountAsync()
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.AdministrationHistory.CountAsync(h => h.Subject == QuestionService.Subject, Token);
    }

    private async Task<IReadOnlyList<string>> RecordsAsync(int id)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        var suffix = $"(#{id})";
        var records = await db.AdministrationHistory.AsNoTracking().Where(h => h.Subject == QuestionService.Subject).OrderBy(h => h.Id).ToListAsync(Token);
        return [.. records.Where(h => h.SubjectName.EndsWith(suffix, StringComparison.Ordinal)).Select(h => h.Kind)];
    }
}
