using System.Globalization;
using Udmoentning.Domain.Questions;

namespace Udmoentning.Web.Questions;

/// <summary>
/// Which questions the list shows, as written in its address so a view can be bookmarked and shared:
/// <c>?status=modtaget&amp;udvalg=buu&amp;tema=12&amp;spoerger=…&amp;forsinket=1&amp;mine=1&amp;q=bibliotek</c>. The committee
/// takes questions on the committee and on its items; the theme, questions on the theme and on its items.
/// </summary>
public sealed record QuestionFilter(QuestionStatus? Status, string? CommitteeSlug, int? ThemeId, string? AskerId, bool OverdueOnly, bool MineOnly, string? Text)
{
    public const int MaxTextLength = 100;

    public static readonly IReadOnlyDictionary<QuestionStatus, string> StatusSlugs = new Dictionary<QuestionStatus, string>
    {
        [QuestionStatus.Received] = "modtaget",
        [QuestionStatus.Assigned] = "fordelt",
        [QuestionStatus.Answered] = "besvaret",
        [QuestionStatus.Published] = "offentliggjort",
        [QuestionStatus.Merged] = "lagt-sammen",
    };

    public static QuestionFilter None { get; } = new(null, null, null, null, false, false, null);

    public bool IsEmpty => this == None;

    /// <summary>The filter an address's query names; anything it does not know is left out.</summary>
    public static QuestionFilter Parse(string? status, string? committee, string? theme, string? asker, string? overdue, string? mine, string? text) => new(
        StatusSlugs.FirstOrDefault(s => s.Value == status?.Trim().ToLowerInvariant()) is { Value: not null } found ? found.Key : null,
        string.IsNullOrWhiteSpace(committee) ? null : committee.Trim().ToLowerInvariant(),
        int.TryParse(theme, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null,
        string.IsNullOrWhiteSpace(asker) ? null : asker.Trim(),
        overdue is "1" or "ja",
        mine is "1" or "ja",
        string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, MaxTextLength)]);

    /// <summary>Whether <paramref name="row"/> passes, for <paramref name="userId"/> (the viewer, for "Til mig").</summary>
    public bool Matches(QuestionRow row, int? committeeId, string userId)
    {
        var q = row.Question;
        return (Status is null || q.Status == Status)
            && (CommitteeSlug is null || (committeeId is { } id && row.Subject.CommitteeId == id))
            && (ThemeId is null || row.Subject.ThemeId == ThemeId)
            && (AskerId is null || q.AskerId == AskerId)
            && (!OverdueOnly || row.IsOverdue)
            && (!MineOnly || string.Equals(q.ResponsibleId, userId, StringComparison.Ordinal) || q.AskerId == userId)
            && MatchesText(row);
    }

    private bool MatchesText(QuestionRow row)
    {
        if (Text is null)
        {
            return true;
        }

        var q = row.Question;
        string?[] fields = [q.Title, q.Text, q.Answer, q.AskerName, q.AskerGroup, row.Subject.Label];
        return fields.Any(f => f is not null && f.Contains(Text, StringComparison.CurrentCultureIgnoreCase));
    }
}
