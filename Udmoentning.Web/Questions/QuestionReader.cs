using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Questions;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Access;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Rounds;

namespace Udmoentning.Web.Questions;

/// <summary>
/// A question as a viewer may read it: the answer only when published, or to the administration as a draft; the note sent
/// back with it and who answers only to the administration (<see cref="QuestionRules"/>).
/// </summary>
public sealed record QuestionView(
    int Id, string Title, int? Number, QuestionScope Scope, int? SubjectId, string AskerId, string AskerName, string? AskerGroup, string Text, DateTime AskedAt,
    QuestionStatus Status, string? ResponsibleId, string? ResponsibleName, DateOnly? Deadline, string? Answer, string? ReturnNote, DateTime? PublishedAt, int? MergedIntoId, Guid Version)
{
    public static QuestionView Of(PlanQuestion q, Actor actor)
    {
        var administration = QuestionRules.IsAdministration(actor);
        return new QuestionView(q.Id, q.Title, q.Number, q.Scope, q.SubjectId, q.AskerId, q.AskerName, q.AskerGroup, q.Text, q.AskedAt, q.Status,
            administration ? q.ResponsibleId : null, administration ? q.ResponsibleName : null, q.Deadline,
            QuestionRules.AnswerFor(actor, q), QuestionRules.NoteFor(actor, q), q.PublishedAt, q.MergedIntoId, q.Version);
    }

    /// <summary>"Mette Hansen, Socialdemokratiet", or the name alone.</summary>
    public string Asker => AskerOf(AskerName, AskerGroup);

    /// <summary>How every page and document names who asked (a name may hold parentheses of its own, so the group follows a comma).</summary>
    public static string AskerOf(string name, string? group) => group is null ? name : $"{name}, {group}";
}

/// <summary>A question in a list: what it is about, and whether it is late today.</summary>
public sealed record QuestionRow(QuestionView Question, QuestionSubject Subject, bool IsOverdue);

/// <summary>A plan's questions as the viewer may read them, with the plan they are asked about.</summary>
public sealed record QuestionList(PlanSnapshot Plan, Actor Actor, IReadOnlyList<QuestionRow> Rows, DateOnly Today)
{
    public bool MayTriage => QuestionRules.RefusalToTriage(Actor) is null;
}

/// <summary>A step in a question's timeline; the values changed only for the administration.</summary>
public sealed record QuestionStep(long Id, DateTime At, string Kind, string? By, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// One question with what its page needs: its row, its steps, the questions merged into it, and for the administration the
/// people it may be assigned to and the questions it may be merged with.
/// </summary>
public sealed record QuestionDetails(
    QuestionList List, QuestionRow Row, IReadOnlyList<QuestionStep> Timeline, IReadOnlyList<QuestionRow> MergedHere,
    IReadOnlyList<RoundPerson> People, IReadOnlyList<QuestionRow> MergeTargets)
{
    public QuestionView Question => Row.Question;

    /// <summary>The viewer may draft and send the answer (they are assigned it, or they coordinate).</summary>
    public bool MayAnswer => List.Actor.IsSignedIn && (List.MayTriage || string.Equals(Question.ResponsibleId, List.Actor.UserId, StringComparison.Ordinal));
}

/// <summary>Reads a plan's questions for a signed-in viewer, numbered ones by number, the rest as asked.</summary>
public sealed class QuestionReader(IDbContextFactory<PlanDbContext> contexts, CurrentUsers currentUsers, PlanCache plans, RoundReader rounds, TimeProvider clock)
{
    public DateOnly Today => DanishTime.Today(clock.GetUtcNow());

    /// <summary>The plan's questions; null when the plan does not exist. A viewer who may not see the plan gets none.</summary>
    public async Task<QuestionList?> ListAsync(ClaimsPrincipal user, int planId, CancellationToken cancellationToken = default)
    {
        if (await plans.GetAsync(planId, cancellationToken) is not { } plan)
        {
            return null;
        }

        var actor = await currentUsers.ActorAsync(user, cancellationToken);
        if (!AccessRules.CanView(actor))
        {
            return new QuestionList(plan, actor, [], Today);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var questions = await db.Questions.AsNoTracking().Where(q => q.PlanId == planId).ToListAsync(cancellationToken);
        var today = Today;
        return new QuestionList(plan, actor, [.. questions
            .OrderBy(q => q.Number ?? int.MaxValue).ThenBy(q => q.AskedAt).ThenBy(q => q.Id)
            .Select(q => new QuestionRow(QuestionView.Of(q, actor), QuestionSubject.Of(plan, q.Scope, q.SubjectId), q.IsOverdue(today)))], today);
    }

    /// <summary>One question of the plan with its timeline; null when either does not exist (or the viewer may not see the plan).</summary>
    public async Task<QuestionDetails?> GetAsync(ClaimsPrincipal user, int planId, int questionId, CancellationToken cancellationToken = default)
    {
        if (await ListAsync(user, planId, cancellationToken) is not { } list || list.Rows.FirstOrDefault(r => r.Question.Id == questionId) is not { } row)
        {
            return null;
        }

        var administration = QuestionRules.IsAdministration(list.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var suffix = QuestionService.RecordSuffix(questionId);
        var entries = await db.AdministrationHistory.AsNoTracking()
            .Where(e => e.PlanId == planId && e.Subject == QuestionService.Subject && e.SubjectName.EndsWith(suffix))
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var timeline = entries
            .Where(e => administration || QuestionStepNames.Public.Contains(e.Kind))
            .Select(e => new QuestionStep(e.Id, e.At, e.Kind, administration || e.Kind == QuestionStepNames.Asked ? e.UserName : null, administration ? e.Changes : []))
            .ToList();
        var triage = list.MayTriage && row.Question.Status is QuestionStatus.Received or QuestionStatus.Assigned;
        return new QuestionDetails(
            list,
            row,
            timeline,
            [.. list.Rows.Where(r => r.Question.MergedIntoId == questionId)],
            administration ? await rounds.PeopleAsync(list.Plan, cancellationToken) : [],
            triage ? [.. list.Rows.Where(r => r.Question.Id != questionId && r.Question.Status != QuestionStatus.Merged)] : []);
    }
}
