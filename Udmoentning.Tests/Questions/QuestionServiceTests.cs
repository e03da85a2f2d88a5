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
            ["Stillet", "Fordelt", "Udkast gemt", "Sendt til godkendelse", "Sendt tilbage", "Udkast gemt", "Sendt til godkendelse", "Godkendt og offentliggjort"],
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
        question = (await Service.AssignAsync(people["koordinator"], question.Id, question.Version, editorAu, Today(), Token)).Value!;

        // Who may take a step on a question assigned to AU's editor: the triage steps are the coordinators' and administrators'.
        foreach (var name in (string[])["anonym", "læser", "redaktør (svarer)", "anden redaktør"])
        {
            await AssertNothingChangesAsync(question, ChangeStatus.Forbidden, () => Service.AssignAsync(people[name], question.Id, question.Version, editorAu, Today(), Token));
            await AssertNothingChangesAsync(question, ChangeStatus.Forbidden, () => Service.SendBackAsync(people[name], question.Id, question.Version, "x", Token));
            await AssertNothingChangesAsync(question, ChangeStatus.Forbidden, () => Service.ApproveAsync(people[name], question.Id, question.Version, Token));
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

    private async Task<(int PlanId, int ItemId)> ItemAsync(string code)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        var item = await db.Items.AsNoTracking().SingleAsync(i => i.Code == code, Token);
        return (item.PlanId, item.Id);
    }

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
