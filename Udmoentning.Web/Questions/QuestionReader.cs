using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Questions;
using Udmoentning.Web.Access;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Questions;

/// <summary>
/// A question as a viewer may read it: the answer only when published, or to the administration as a draft; the note sent
/// back with it and who answers only to the administration (<see cref="QuestionRules"/>).
/// </summary>
public sealed record QuestionView(
    int Id, string Title, int? Number, QuestionScope Scope, int? SubjectId, string AskerName, string? AskerGroup, string Text, DateTime AskedAt,
    QuestionStatus Status, string? ResponsibleName, DateOnly? Deadline, string? Answer, string? ReturnNote, DateTime? PublishedAt, int? MergedIntoId, Guid Version)
{
    public static QuestionView Of(PlanQuestion q, Actor actor)
    {
        var administration = QuestionRules.IsAdministration(actor);
        return new QuestionView(q.Id, q.Title, q.Number, q.Scope, q.SubjectId, q.AskerName, q.AskerGroup, q.Text, q.AskedAt, q.Status,
            administration ? q.ResponsibleName : null, q.Deadline, QuestionRules.AnswerFor(actor, q), QuestionRules.NoteFor(actor, q), q.PublishedAt, q.MergedIntoId, q.Version);
    }
}

/// <summary>Reads a plan's questions for a signed-in viewer, numbered ones by number, the rest as asked.</summary>
public sealed class QuestionReader(IDbContextFactory<PlanDbContext> contexts, CurrentUsers currentUsers)
{
    public async Task<IReadOnlyList<QuestionView>> ListAsync(ClaimsPrincipal user, int planId, CancellationToken cancellationToken = default)
    {
        var actor = await currentUsers.ActorAsync(user, cancellationToken);
        if (!AccessRules.CanView(actor))
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var questions = await db.Questions.AsNoTracking().Where(q => q.PlanId == planId).ToListAsync(cancellationToken);
        return [.. questions.OrderBy(q => q.Number ?? int.MaxValue).ThenBy(q => q.AskedAt).Select(q => QuestionView.Of(q, actor))];
    }
}
