using Udmoentning.Domain.Access;

namespace Udmoentning.Domain.Questions;

/// <summary>
/// Who may take each step of a question. Every signed-in member asks (a politician is a Læser); coordinators and
/// administrators number, assign, merge, approve and send back; the one assigned answers, and so may a coordinator or an
/// administrator. Drafts and notes are the administration's (editors, coordinators, administrators) until published.
/// </summary>
public static class QuestionRules
{
    public const string NotTriager = "Kun koordinatorer og administratorer kan nummerere, fordele, lægge sammen og godkende spørgsmål.";

    public const string NotResponsible = "Kun den, spørgsmålet er fordelt til, eller en koordinator kan besvare det.";

    public static string? RefusalToAsk(Actor actor) => actor.IsSignedIn ? null : AccessRules.NotSignedIn;

    public static string? RefusalToTriage(Actor actor) =>
        !actor.IsSignedIn ? AccessRules.NotSignedIn : AccessRules.CanManagePlans(actor) ? null : NotTriager;

    public static string? RefusalToAnswer(Actor actor, PlanQuestion question)
    {
        if (!actor.IsSignedIn)
        {
            return AccessRules.NotSignedIn;
        }

        return AccessRules.CanManagePlans(actor) || string.Equals(actor.UserId, question.ResponsibleId, StringComparison.Ordinal) ? null : NotResponsible;
    }

    /// <summary>The administration: who sees drafts, notes and who answers before an answer is published.</summary>
    public static bool IsAdministration(Actor actor) =>
        actor.IsSignedIn && (actor.Has(Role.Editor) || actor.Has(Role.Coordinator) || actor.Has(Role.Administrator));

    /// <summary>The answer as <paramref name="actor"/> may read it: the published one for everyone, a draft only for the administration.</summary>
    public static string? AnswerFor(Actor actor, PlanQuestion question) =>
        question.Status == QuestionStatus.Published || IsAdministration(actor) ? question.Answer : null;

    /// <summary>The note sent back with an answer: the administration's only.</summary>
    public static string? NoteFor(Actor actor, PlanQuestion question) => IsAdministration(actor) ? question.ReturnNote : null;
}
