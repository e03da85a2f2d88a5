using Udmoentning.Domain.Input;

namespace Udmoentning.Domain.Questions;

/// <summary>
/// A member's question to the administration about the plan (a budgetspørgsmål), and its way to a published answer: asked
/// (<see cref="QuestionStatus.Received"/>), numbered and assigned with a deadline, answered, approved and published to
/// every member, or sent back with a note. A duplicate is merged into the question that is answered. Every step renews
/// <see cref="Version"/>, so a step taken from a stale copy is refused. The draft answer and the note are the
/// administration's until the answer is published (<see cref="QuestionRules.AnswerFor"/>).
/// </summary>
public sealed class PlanQuestion
{
    public const int TextLength = 2000;
    public const int AnswerLength = 8000;
    public const int NoteLength = 1000;
    public const int GroupLength = 80;

    private PlanQuestion()
    {
        AskerId = AskerName = Text = string.Empty;
    }

    public PlanQuestion(int planId, QuestionScope scope, int? subjectId, string askerId, string askerName, string? askerGroup, string text, DateTime at)
    {
        if ((scope == QuestionScope.Plan) != (subjectId is null))
        {
            throw new PlanRuleException("Et spørgsmål om et punkt, et hovedpunkt eller et udvalg skal sige hvilket; et om hele planen ingen.");
        }

        PlanId = planId;
        Scope = scope;
        SubjectId = subjectId;
        AskerId = askerId;
        AskerName = askerName;
        AskerGroup = string.IsNullOrWhiteSpace(askerGroup) ? null : Checked(askerGroup, GroupLength, "Partiet eller gruppen", required: false, multiLine: false);
        Text = Checked(text, TextLength, "Spørgsmålet", required: true, multiLine: true);
        AskedAt = Utc(at);
    }

    public int Id { get; private set; }
    public int PlanId { get; private set; }

    /// <summary>The plan's number for it ("Spørgsmål 12"), given when a coordinator first assigns it.</summary>
    public int? Number { get; private set; }

    public QuestionScope Scope { get; private set; }

    /// <summary>The theme, committee or item asked about; null for the plan as a whole.</summary>
    public int? SubjectId { get; private set; }

    public string AskerId { get; private set; }
    public string AskerName { get; private set; }

    /// <summary>The asker's party or group, as their user says.</summary>
    public string? AskerGroup { get; private set; }

    public string Text { get; private set; }
    public DateTime AskedAt { get; private set; }
    public QuestionStatus Status { get; private set; } = QuestionStatus.Received;
    public string? ResponsibleId { get; private set; }
    public string? ResponsibleName { get; private set; }
    public DateOnly? Deadline { get; private set; }

    /// <summary>The answer: a draft until <see cref="Status"/> is <see cref="QuestionStatus.Published"/>.</summary>
    public string? Answer { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    /// <summary>A coordinator's note when the answer was sent back; the administration's only.</summary>
    public string? ReturnNote { get; private set; }

    public DateTime? PublishedAt { get; private set; }
    public string? ApprovedBy { get; private set; }

    /// <summary>The question this one was merged into.</summary>
    public int? MergedIntoId { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    /// <summary>"Spørgsmål 12", or "Spørgsmål (ikke nummereret)".</summary>
    public string Title => Number is { } number ? $"Spørgsmål {number}" : "Spørgsmål (ikke nummereret)";

    /// <summary>Past its deadline and not yet answered (an answer waiting for approval is not late).</summary>
    public bool IsOverdue(DateOnly today) => Status is QuestionStatus.Received or QuestionStatus.Assigned && Deadline < today;

    /// <summary>
    /// Numbers the question (once: <paramref name="number"/> is the plan's next, <see cref="NextNumber"/>) and assigns it
    /// to <paramref name="responsibleName"/> by <paramref name="deadline"/>; again to reassign it until it is answered.
    /// </summary>
    public void Assign(int number, string responsibleId, string responsibleName, DateOnly deadline, DateOnly today)
    {
        Require(Status is QuestionStatus.Received or QuestionStatus.Assigned, "fordeles");
        if (string.IsNullOrWhiteSpace(responsibleId))
        {
            throw new PlanRuleException("Vælg, hvem der besvarer spørgsmålet.");
        }

        if (deadline < today)
        {
            throw new PlanRuleException("Fristen kan ikke ligge før i dag.");
        }

        Number ??= number > 0 ? number : throw new PlanRuleException("Et spørgsmåls nummer er et positivt tal.");
        ResponsibleId = responsibleId;
        ResponsibleName = responsibleName;
        Deadline = deadline;
        if (Status == QuestionStatus.Received)
        {
            Status = QuestionStatus.Assigned;
        }

        Renew();
    }

    /// <summary>Saves the answer as a draft; the one who answers may save it again until they send it for approval.</summary>
    public void Draft(string answer)
    {
        Require(Status == QuestionStatus.Assigned, "besvares");
        Answer = Checked(answer, AnswerLength, "Svaret", required: true, multiLine: true);
        Renew();
    }

    /// <summary>Sends the drafted answer for a coordinator's approval.</summary>
    public void Submit(DateTime at)
    {
        Require(Status == QuestionStatus.Assigned, "sendes til godkendelse");
        if (string.IsNullOrWhiteSpace(Answer))
        {
            throw new PlanRuleException("Skriv et svar, før det sendes til godkendelse.");
        }

        Status = QuestionStatus.Answered;
        AnsweredAt = Utc(at);
        ReturnNote = null;
        Renew();
    }

    /// <summary>A coordinator sends the answer back to the one who answers, with a note of what to change.</summary>
    public void SendBack(string note)
    {
        Require(Status == QuestionStatus.Answered, "sendes tilbage");
        ReturnNote = Checked(note, NoteLength, "Bemærkningen", required: true, multiLine: true);
        Status = QuestionStatus.Assigned;
        Renew();
    }

    /// <summary>A coordinator approves the answer ("Godkendt"): it is published to every member at once.</summary>
    public void Approve(string approvedBy, DateTime at)
    {
        Require(Status == QuestionStatus.Answered, "godkendes");
        Status = QuestionStatus.Published;
        ApprovedBy = approvedBy;
        PublishedAt = Utc(at);
        Renew();
    }

    /// <summary>Merges this duplicate into <paramref name="other"/>, which is answered instead; its text stays for the record.</summary>
    public void MergeInto(PlanQuestion other)
    {
        Require(Status is QuestionStatus.Received or QuestionStatus.Assigned, "lægges sammen med et andet");
        if (other.Id == Id || other.PlanId != PlanId || other.Status == QuestionStatus.Merged)
        {
            throw new PlanRuleException("Et spørgsmål kan kun lægges sammen med et andet spørgsmål i samme plan, som ikke selv er lagt sammen.");
        }

        Status = QuestionStatus.Merged;
        MergedIntoId = other.Id;
        Renew();
    }

    /// <summary>
    /// Splits a question that asks two things: this one keeps <paramref name="keep"/> (and its number and assignment, if
    /// any); the returned new one, asked by the same member about the same subject at the same time, holds
    /// <paramref name="other"/> and waits to be numbered and assigned.
    /// </summary>
    public PlanQuestion SplitOff(string keep, string other)
    {
        Require(Status is QuestionStatus.Received or QuestionStatus.Assigned, "deles");
        var kept = Checked(keep, TextLength, "Den første del", required: true, multiLine: true);
        var split = new PlanQuestion(PlanId, Scope, SubjectId, AskerId, AskerName, AskerGroup, Checked(other, TextLength, "Den anden del", required: true, multiLine: true), AskedAt);
        Text = kept;
        Renew();
        return split;
    }

    /// <summary>The plan's next number: one more than the highest given.</summary>
    public static int NextNumber(IEnumerable<int?> numbers) => (numbers.Max() ?? 0) + 1;

    private void Require(bool allowed, string what)
    {
        if (!allowed)
        {
            throw new PlanRuleException($"{Title} er {Status.Name().ToLowerInvariant()} og kan ikke {what}.");
        }
    }

    private void Renew() => Version = Guid.NewGuid();

    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);

    private static string Checked(string text, int length, string what, bool required, bool multiLine) =>
        TextRules.Check(text, length, what, required, multiLine) is { } error ? throw new PlanRuleException(error) : text.Trim();
}
