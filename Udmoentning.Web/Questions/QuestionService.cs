using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Notifications;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Questions;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Notifications;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Questions;

/// <summary>A question to ask: about the plan (<see cref="QuestionScope.Plan"/>, no subject), a theme, a committee or an item.</summary>
public sealed record AskRequest(int PlanId, QuestionScope Scope, int? SubjectId, string? Text);

/// <summary>
/// Every step of a politician's question, through <see cref="ChangePipeline"/>, the one way a change is made: who may take
/// it is checked here on the server (<see cref="QuestionRules"/>), against the question as it is now and the version the
/// user saw; a refusal changes and records nothing. Each step is recorded in the administration's history under
/// <see cref="Subject"/> and tells every open page of the plan.
/// </summary>
public sealed class QuestionService(ChangePipeline changes, CurrentUsers currentUsers, Mailer mailer, PlanCache plans)
{
    public const string Subject = "Spørgsmål";

    public Task<ChangeOutcome<PlanQuestion>> AskAsync(ClaimsPrincipal user, AskRequest request, CancellationToken cancellationToken = default) =>
        changes.RunAsync<PlanQuestion>(user, new ChangeRun("ask a question on", $"plan {request.PlanId}") { Gate = QuestionRules.RefusalToAsk }, async change =>
        {
            var plan = await change.Db.Plans.SingleOrDefaultAsync(p => p.Id == request.PlanId, cancellationToken);
            if (plan is null)
            {
                return ChangeOutcome.NotFound("Planen");
            }

            if (plan.ReadOnlyReason is { } readOnly)
            {
                return ChangeOutcome.Refused(readOnly);
            }

            if (!await SubjectExistsAsync(change, request, cancellationToken))
            {
                return ChangeOutcome.NotFound(request.Scope switch
                {
                    QuestionScope.Item => "Punktet",
                    QuestionScope.Theme => "Hovedpunktet",
                    QuestionScope.Committee => "Udvalget",
                    _ => "Det, spørgsmålet handler om,",
                });
            }

            PlanQuestion question;
            try
            {
                var group = await change.Db.Users.AsNoTracking().Where(u => u.Id == change.Actor.UserId).Select(u => u.Group).SingleOrDefaultAsync(cancellationToken);
                question = new PlanQuestion(plan.Id, request.Scope, request.SubjectId, change.Actor.UserId, change.Actor.Name, group, request.Text ?? string.Empty, change.At);
            }
            catch (PlanRuleException e)
            {
                return ChangeOutcome.Invalid(e.Message);
            }

            change.Db.Questions.Add(question);
            await change.Db.SaveChangesAsync(cancellationToken);
            Record(change, question, QuestionStepNames.Asked, [new FieldChange("Spørgsmål", string.Empty, question.Text)]);
            return ChangeOutcome.Saved(question, "Dit spørgsmål er sendt til administrationen.");
        }, cancellationToken);

    /// <summary>Numbers (the first time) and assigns the question to <paramref name="responsibleUserId"/> by <paramref name="deadline"/>.</summary>
    public Task<ChangeOutcome<PlanQuestion>> AssignAsync(
        ClaimsPrincipal user, int questionId, Guid expectedVersion, string responsibleUserId, DateOnly deadline, CancellationToken cancellationToken = default) =>
        StepAsync(user, "assign", questionId, expectedVersion, QuestionRules.RefusalToTriage, async (change, question, _) =>
        {
            // The answer is the administration's until it is published: only someone who may read the draft may write it
            // (a disabled account has no rights, and the people offered to choose from leave it out too).
            if (await currentUsers.FindAsync(responsibleUserId, cancellationToken) is not { } responsible)
            {
                return ChangeOutcome.Invalid("Vælg en bruger, der skal besvare spørgsmålet.");
            }

            if (!QuestionRules.IsAdministration(responsible.ToActor()))
            {
                return ChangeOutcome.Invalid("Et spørgsmål kan kun fordeles til en redaktør, en koordinator eller en administrator.");
            }

            var number = PlanQuestion.NextNumber(await change.Db.Questions.Where(q => q.PlanId == question.PlanId).Select(q => q.Number).ToListAsync(cancellationToken));
            var (oldNumber, oldName, oldDeadline) = (question.Number, question.ResponsibleName, question.Deadline);
            var name = responsible.Name;
            question.Assign(number, responsible.Id, name, deadline, DanishTime.Today(change.Now));
            if (mailer.IsOn && await plans.GetAsync(question.PlanId, cancellationToken) is { } snapshot)
            {
                await mailer.QueueAsync(change, MailKind.Question,
                    await QuestionMails.AssignedAsync(change.Db, mailer.Options, question, snapshot.Plan.Name, QuestionSubject.Of(snapshot, question.Scope, question.SubjectId).Label, change.Actor, cancellationToken), cancellationToken);
            }

            return Recorded(change, question, QuestionStepNames.Assigned,
            [
                new FieldChange("Nummer", oldNumber?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, question.Number!.Value.ToString(CultureInfo.InvariantCulture)),
                new FieldChange("Besvares af", oldName ?? string.Empty, name),
                new FieldChange("Frist", Date(oldDeadline), Date(question.Deadline)),
            ]);
        }, cancellationToken);

    public Task<ChangeOutcome<PlanQuestion>> DraftAsync(ClaimsPrincipal user, int questionId, Guid expectedVersion, string? answer, CancellationToken cancellationToken = default) =>
        StepAsync(user, "draft an answer to", questionId, expectedVersion, null, (change, question, _) =>
        {
            var old = question.Answer ?? string.Empty;
            question.Draft(answer ?? string.Empty);
            return Task.FromResult(Recorded(change, question, QuestionStepNames.Drafted, [new FieldChange("Svar (udkast)", old, question.Answer!)]));
        }, cancellationToken);

    public Task<ChangeOutcome<PlanQuestion>> SubmitAsync(ClaimsPrincipal user, int questionId, Guid expectedVersion, CancellationToken cancellationToken = default) =>
        StepAsync(user, "submit the answer to", questionId, expectedVersion, null, (change, question, _) =>
        {
            question.Submit(change.At);
            return Task.FromResult(Recorded(change, question, QuestionStepNames.Submitted, [Status(QuestionStatus.Assigned, question)]));
        }, cancellationToken);

    public Task<ChangeOutcome<PlanQuestion>> SendBackAsync(ClaimsPrincipal user, int questionId, Guid expectedVersion, string? note, CancellationToken cancellationToken = default) =>
        StepAsync(user, "send back the answer to", questionId, expectedVersion, QuestionRules.RefusalToTriage, (change, question, _) =>
        {
            question.SendBack(note ?? string.Empty);
            return Task.FromResult(Recorded(change, question, QuestionStepNames.SentBack, [Status(QuestionStatus.Answered, question), new FieldChange("Bemærkning", string.Empty, question.ReturnNote!)]));
        }, cancellationToken);

    /// <summary>Approves the answer ("Godkendt"): it is published to every member at once.</summary>
    public Task<ChangeOutcome<PlanQuestion>> ApproveAsync(ClaimsPrincipal user, int questionId, Guid expectedVersion, CancellationToken cancellationToken = default) =>
        StepAsync(user, "approve the answer to", questionId, expectedVersion, QuestionRules.RefusalToTriage, async (change, question, plan) =>
        {
            question.Approve(change.Actor.Name, change.At);
            if (mailer.IsOn)
            {
                var merged = await change.Db.Questions.AsNoTracking().Where(q => q.MergedIntoId == question.Id).Select(q => q.AskerId).ToListAsync(cancellationToken);
                await mailer.QueueAsync(change, MailKind.Question, await QuestionMails.PublishedAsync(change.Db, mailer.Options, question, merged, plan.Name, cancellationToken), cancellationToken);
            }

            return Recorded(change, question, QuestionStepNames.Approved, [Status(QuestionStatus.Answered, question), new FieldChange("Svar", string.Empty, question.Answer!)]);
        }, cancellationToken);

    /// <summary>
    /// Splits a question that asks two things: it keeps <paramref name="keep"/>; a new question with <paramref name="other"/>,
    /// from the same member about the same subject, waits in the queue. Answers the new question.
    /// </summary>
    public Task<ChangeOutcome<PlanQuestion>> SplitAsync(ClaimsPrincipal user, int questionId, Guid expectedVersion, string? keep, string? other, CancellationToken cancellationToken = default) =>
        StepAsync(user, "split", questionId, expectedVersion, QuestionRules.RefusalToTriage, async (change, question, _) =>
        {
            var old = question.Text;
            var split = question.SplitOff(keep ?? string.Empty, other ?? string.Empty);
            change.Db.Questions.Add(split);
            await change.Db.SaveChangesAsync(cancellationToken);
            Record(change, question, QuestionStepNames.Split, [new FieldChange("Spørgsmål", old, question.Text), new FieldChange("Ny del", string.Empty, $"{split.Title} (#{split.Id})")]);
            Record(change, split, QuestionStepNames.AskedBySplit, [new FieldChange("Spørgsmål", string.Empty, split.Text), new FieldChange("Delt fra", string.Empty, $"{question.Title} (#{question.Id})")]);
            return ChangeOutcome.Saved(split, "Spørgsmålet er delt i to.");
        }, cancellationToken);

    /// <summary>Merges a duplicate into <paramref name="intoQuestionId"/>, which is answered instead.</summary>
    public Task<ChangeOutcome<PlanQuestion>> MergeAsync(ClaimsPrincipal user, int questionId, Guid expectedVersion, int intoQuestionId, CancellationToken cancellationToken = default) =>
        StepAsync(user, "merge", questionId, expectedVersion, QuestionRules.RefusalToTriage, async (change, question, _) =>
        {
            var into = await change.Db.Questions.SingleOrDefaultAsync(q => q.Id == intoQuestionId, cancellationToken);
            if (into is null)
            {
                return ChangeOutcome.NotFound("Det andet spørgsmål");
            }

            var old = question.Status;
            question.MergeInto(into);
            return Recorded(change, question, QuestionStepNames.Merged, [Status(old, question), new FieldChange("Lagt sammen med", string.Empty, $"{into.Title} (#{into.Id})")]);
        }, cancellationToken);

    /// <summary>
    /// One step on a stored question: it exists, its plan is open, the user saw its current version, and they may take the
    /// step (<paramref name="gate"/> for a coordinator's steps; the one who answers otherwise). The step gets the plan read
    /// for that check. A domain rule's refusal becomes Invalid and nothing is saved.
    /// </summary>
    private Task<ChangeOutcome<PlanQuestion>> StepAsync(
        ClaimsPrincipal user, string action, int questionId, Guid expectedVersion, Func<Actor, string?>? gate,
        Func<Change, PlanQuestion, Plan, Task<ChangeOutcome>> step, CancellationToken cancellationToken) =>
        changes.RunAsync<PlanQuestion>(user, new ChangeRun(action, $"question {questionId}") { Gate = gate ?? QuestionRules.RefusalToAsk }, async change =>
        {
            var question = await change.Db.Questions.SingleOrDefaultAsync(q => q.Id == questionId, cancellationToken);
            if (question is null)
            {
                return ChangeOutcome.NotFound("Spørgsmålet");
            }

            if (gate is null && QuestionRules.RefusalToAnswer(change.Actor, question) is { } refusal)
            {
                return ChangeOutcome.Forbidden(refusal);
            }

            var plan = await change.Db.Plans.AsNoTracking().SingleAsync(p => p.Id == question.PlanId, cancellationToken);
            if (plan.ReadOnlyReason is { } readOnly)
            {
                return ChangeOutcome.Refused(readOnly);
            }

            if (question.Version != expectedVersion)
            {
                return ChangeOutcome.Stale(question.Title);
            }

            try
            {
                return await step(change, question, plan);
            }
            catch (PlanRuleException e)
            {
                return ChangeOutcome.Invalid(e.Message);
            }
        }, cancellationToken);

    private static ChangeOutcome Recorded(Change change, PlanQuestion question, string kind, IReadOnlyList<FieldChange> changed)
    {
        Record(change, question, kind, changed);
        return ChangeOutcome.Saved(question);
    }

    /// <summary>The step in the administration's history, named by the question's number and id, and told to every open page of the plan.</summary>
    private static void Record(Change change, PlanQuestion question, string kind, IReadOnlyList<FieldChange> changed)
    {
        change.Record(question.PlanId, Subject, RecordName(question), kind, changed);
        change.Publish(question.PlanId, $"{question.Title}: {kind.ToLowerInvariant()}.", PlanPart.Questions);
    }

    /// <summary>How the history names a question: "Spørgsmål 12 (#40)"; the id finds its records once it has a number.</summary>
    public static string RecordName(PlanQuestion question) => $"{question.Title} (#{question.Id})";

    /// <summary>The end of every record name of the question with <paramref name="id"/>.</summary>
    public static string RecordSuffix(int id) => string.Create(CultureInfo.InvariantCulture, $"(#{id})");

    private static FieldChange Status(QuestionStatus old, PlanQuestion question) => new("Status", old.Name(), question.Status.Name());

    private static string Date(DateOnly? date) => date?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) ?? string.Empty;

    private static async Task<bool> SubjectExistsAsync(Change change, AskRequest request, CancellationToken cancellationToken) => request.Scope switch
    {
        // The question itself refuses a subject on a question about the whole plan.
        QuestionScope.Plan => true,
        QuestionScope.Item => await change.Db.Items.AnyAsync(i => i.Id == request.SubjectId && i.PlanId == request.PlanId, cancellationToken),
        QuestionScope.Theme => await change.Db.Themes.AnyAsync(t => t.Id == request.SubjectId && t.PlanId == request.PlanId, cancellationToken),
        QuestionScope.Committee => await change.Db.Committees.AnyAsync(c => c.Id == request.SubjectId, cancellationToken),
        _ => false,
    };
}
