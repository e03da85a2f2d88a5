using Udmoentning.Web.Annex;

namespace Udmoentning.Web.Questions.Document;

/// <summary>
/// The collected document of a plan's published questions and answers (or one committee's: on the committee or its items),
/// by number. Built once from published questions only, rendered as a print page and as .xlsx, so both say the same.
/// Every text has passed <see cref="Udmoentning.Domain.DisplayText.Safe"/>.
/// </summary>
public sealed record PublishedQuestions(
    int PlanId,
    string PlanName,
    string BudgetPeriod,
    DateOnly Date,
    string? Slug,
    string? CommitteeName,
    IReadOnlyList<PublishedQuestion> Rows)
{
    public const string Title = "Spørgsmål og svar";
    public const string Empty = "Der er ingen offentliggjorte svar endnu.";

    /// <summary>"Pr. 7. dec. 2026".</summary>
    public string DateLine => $"Pr. {AgendaAnnex.DateText(Date)}";

    /// <summary>"Børne- og Ungeudvalget", or "Hele planen" for the whole plan's document.</summary>
    public string Scope => CommitteeName ?? QuestionSubject.WholePlan;

    /// <summary>"3 spørgsmål" / "1 spørgsmål".</summary>
    public string CountLine => $"{Rows.Count} {(Rows.Count == 1 ? "besvaret spørgsmål" : "besvarede spørgsmål")}";
}

/// <summary>
/// One published question as the document and the public page show it; the asker's name is null where it must not show.
/// <paramref name="PublishedAt"/> (UTC) tells a cached public page from the current one.
/// </summary>
public sealed record PublishedQuestion(
    int Number,
    string Subject,
    string? AskerName,
    string? AskerGroup,
    DateOnly AskedOn,
    string Text,
    string Answer,
    DateOnly PublishedOn,
    DateTime PublishedAt)
{
    /// <summary>"Spørgsmål 12".</summary>
    public string Title => $"Spørgsmål {Number}";

    /// <summary>"Mette Hansen, Socialdemokratiet", "Mette Hansen", or empty when names are not shown (a name may hold parentheses of its own).</summary>
    public string Asker => (AskerName, AskerGroup) switch
    {
        (null, _) => string.Empty,
        ({ } name, var group) => QuestionView.AskerOf(name, group),
    };

    /// <summary>The same question without who asked, for a page that does not name askers.</summary>
    public PublishedQuestion Anonymous() => this with { AskerName = null, AskerGroup = null };
}
