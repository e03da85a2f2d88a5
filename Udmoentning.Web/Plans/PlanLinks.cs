using System.Text.RegularExpressions;
using Udmoentning.Web.Rounds;

namespace Udmoentning.Web.Plans;

/// <summary>
/// The app's addresses. Without a plan id they show the default plan (the newest adopted); with one, they keep
/// showing that plan, so a bookmark or a shared link points at the same plan next year too.
/// </summary>
public static partial class PlanLinks
{
    public static string Board(int? planId) => planId is { } id ? $"plan/{id}" : string.Empty;

    public static string Committee(int? planId, string slug) => $"{Prefix(planId)}udvalg/{Uri.EscapeDataString(slug)}";

    /// <summary>The committee's agenda annex as a print page ("udsnit af udmøntningsplanen").</summary>
    public static string Annex(int? planId, string slug) => $"{Committee(planId, slug)}/bilag";

    /// <summary>The committee's arbejdsplan: which items come up at which of its meetings.</summary>
    public static string Workplan(int? planId, string slug) => $"{Committee(planId, slug)}/arbejdsplan";

    public static string AnnexWorkbook(int planId, string slug) => $"{Committee(planId, slug)}/bilag.xlsx";

    /// <summary>Meeting mode for a committee's meeting, or with <c>direktion</c> for direktion and koncernledelse.</summary>
    public static string Meeting(int? planId, string slug) => $"{Prefix(planId)}moede/{Uri.EscapeDataString(slug)}";

    /// <summary>What changed in the meeting's items since it started, as CSV.</summary>
    public static string MeetingMinutes(int planId, string slug, DateTimeOffset since) =>
        $"plan/{planId}/moede/{Uri.EscapeDataString(slug)}/referat.csv?siden={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))}";

    /// <summary>The plan's public, read-only page (when an administrator has opened it).</summary>
    public static string Public(int planId) => $"offentlig/plan/{planId}";

    public static string Overview(int? planId) => $"{Prefix(planId)}oversigt";

    /// <summary>The plan's economy: totals, targets and progress charts.</summary>
    public static string Economy(int? planId) => $"{Prefix(planId)}oekonomi";

    /// <summary>A committee's economy: the same page over the committee's extract.</summary>
    public static string CommitteeEconomy(int? planId, string slug) => $"{Committee(planId, slug)}/oekonomi";

    public static string Changes(int? planId) => $"{Prefix(planId)}aendringer";

    /// <summary>The plan's budget follow-ups: snapshots and their comparison.</summary>
    public static string FollowUps(int planId) => $"plan/{planId}/opfoelgninger";

    /// <summary>The plan's follow-up rounds: open ones with their progress, and the archive of closed ones.</summary>
    public static string Rounds(int planId) => $"plan/{planId}/runder";

    /// <summary>One round: its progress, its items and who answers for them.</summary>
    public static string Round(int planId, int roundId) => $"plan/{planId}/runder/{roundId}";

    /// <summary>"Mine punkter i runden": what the signed-in user answers for in the plan's open rounds.</summary>
    public static string MyRoundItems(int planId) => $"plan/{planId}/runder/mine";

    /// <summary>A closed round's report as a print page (PDF), for the whole plan or, with <paramref name="slug"/>, one committee's extract.</summary>
    public static string RoundReport(int planId, int roundId, string? slug = null) =>
        $"plan/{planId}/runder/{roundId}/rapport" + (slug is null ? string.Empty : $"?udvalg={Uri.EscapeDataString(slug)}");

    /// <summary>A closed round's report as .xlsx.</summary>
    public static string RoundReportWorkbook(int planId, int roundId, string? slug = null) =>
        $"plan/{planId}/runder/{roundId}/rapport.xlsx" + (slug is null ? string.Empty : $"?udvalg={Uri.EscapeDataString(slug)}");

    /// <summary>The plan's politicians' questions, with filters (see <c>QuestionFilter</c>) in the query.</summary>
    public static string Questions(int planId, string? query = null) => $"plan/{planId}/spoergsmaal" + (string.IsNullOrEmpty(query) ? string.Empty : $"?{query}");

    /// <summary>One question: its text, what it is about, its answer, its steps and (for the administration) the forms to take the next.</summary>
    public static string Question(int planId, int questionId) => $"plan/{planId}/spoergsmaal/{questionId}";

    /// <summary>The published questions and answers as a print page (PDF), for the whole plan or, with <paramref name="slug"/>, one committee's.</summary>
    public static string QuestionsDocument(int planId, string? slug = null) =>
        $"plan/{planId}/spoergsmaal/samlet" + (slug is null ? string.Empty : $"?udvalg={Uri.EscapeDataString(slug)}");

    /// <summary>The published questions and answers as .xlsx.</summary>
    public static string QuestionsWorkbook(int planId, string? slug = null) =>
        $"plan/{planId}/spoergsmaal/samlet.xlsx" + (slug is null ? string.Empty : $"?udvalg={Uri.EscapeDataString(slug)}");

    public static string Export(int planId) => $"plan/{planId}/eksport.xlsx";

    /// <summary>The calendar feed of the token's owner: their committees' meetings and their deadlines in open rounds.</summary>
    public static string PersonalCalendar(string token) => $"kalender/{Uri.EscapeDataString(token)}/mig.ics";

    /// <summary>A committee's calendar feed, behind the token of the user who subscribes: its meetings and its rounds' deadlines.</summary>
    public static string CommitteeCalendar(string token, string slug) => $"kalender/{Uri.EscapeDataString(token)}/udvalg/{Uri.EscapeDataString(slug)}.ics";

    public const string Administration = "admin/planer";

    public static string AdministerPlan(int planId) => $"admin/planer/{planId}";

    public static string Import(int? planId) => planId is { } id ? $"admin/planer/{id}/import" : "admin/import";

    public const string Committees = "admin/udvalg";

    /// <summary>The plan an address names ("/plan/3/oversigt" → 3), or null when it shows the default plan.</summary>
    public static int? PlanIdIn(string uri)
    {
        var match = PlanSegment().Match(uri);
        return match.Success && int.TryParse(match.Groups[1].Value, out var id) ? id : null;
    }

    private static string Prefix(int? planId) => planId is { } id ? $"plan/{id}/" : string.Empty;

    [GeneratedRegex(@"/plan/([0-9]{1,9})(?:[/?#]|$)")]
    private static partial Regex PlanSegment();
}
