using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain;
using Udmoentning.Domain.Questions;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Questions;

namespace Udmoentning.Tests.Questions;

/// <summary>Takes questions the way people do, through <see cref="QuestionService"/>: asked, assigned to AU's editor, answered, and published or kept back.</summary>
public static class QuestionSteps
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A question asked by <paramref name="asker"/> and numbered; <paramref name="assign"/> false leaves it unnumbered.</summary>
    public static async Task<PlanQuestion> AskAsync(IServiceProvider services, string asker, int planId, QuestionScope scope, int? subjectId, string text, bool assign = true)
    {
        var service = services.GetRequiredService<QuestionService>();
        var question = Saved(await service.AskAsync(await TestUsers.PrincipalAsync(services, asker), new AskRequest(planId, scope, subjectId, text), Token));
        return assign ? await AssignAsync(services, question) : question;
    }

    /// <summary>The coordinator numbers the question and assigns it to AU's editor, a week ahead.</summary>
    public static async Task<PlanQuestion> AssignAsync(IServiceProvider services, PlanQuestion question)
    {
        string editor;
        await using (var db = await services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token))
        {
            editor = await db.Users.Where(u => u.UserName == TestUsers.EditorAu).Select(u => u.Id).SingleAsync(Token);
        }

        return Saved(await services.GetRequiredService<QuestionService>()
            .AssignAsync(await Coordinator(services), question.Id, question.Version, editor, DanishTime.Today(DateTimeOffset.UtcNow).AddDays(7), Token));
    }

    /// <summary>AU's editor drafts <paramref name="answer"/> and sends it; with <paramref name="publish"/> the coordinator approves it.</summary>
    public static async Task<PlanQuestion> AnswerAsync(IServiceProvider services, PlanQuestion question, string answer, bool publish = true)
    {
        var service = services.GetRequiredService<QuestionService>();
        var editor = await TestUsers.PrincipalAsync(services, TestUsers.EditorAu);
        question = Saved(await service.DraftAsync(editor, question.Id, question.Version, answer, Token));
        question = Saved(await service.SubmitAsync(editor, question.Id, question.Version, Token));
        return publish ? Saved(await service.ApproveAsync(await Coordinator(services), question.Id, question.Version, Token)) : question;
    }

    /// <summary>The coordinator sends the answer back with <paramref name="note"/>, and the editor drafts <paramref name="redraft"/>: a question with a draft and a note, unpublished.</summary>
    public static async Task<PlanQuestion> SendBackAsync(IServiceProvider services, PlanQuestion question, string note, string redraft)
    {
        var service = services.GetRequiredService<QuestionService>();
        question = Saved(await service.SendBackAsync(await Coordinator(services), question.Id, question.Version, note, Token));
        return Saved(await service.DraftAsync(await TestUsers.PrincipalAsync(services, TestUsers.EditorAu), question.Id, question.Version, redraft, Token));
    }

    public static async Task<(int PlanId, int ItemId)> ItemAsync(IServiceProvider services, string code)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        var item = await db.Items.AsNoTracking().SingleAsync(i => i.Code == code, Token);
        return (item.PlanId, item.Id);
    }

    private static Task<System.Security.Claims.ClaimsPrincipal> Coordinator(IServiceProvider services) => TestUsers.PrincipalAsync(services, TestUsers.Coordinator);

    private static PlanQuestion Saved(ChangeOutcome<PlanQuestion> outcome)
    {
        Assert.True(outcome.Status == ChangeStatus.Saved, outcome.Message);
        return outcome.Value!;
    }
}
