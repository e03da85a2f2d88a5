using System.Globalization;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Input;
using Udmoentning.Web.ImportExport;

namespace Udmoentning.Web.Questions.Document;

/// <summary>
/// The collected questions and answers as an .xlsx workbook: title lines (plan, scope, date), a header row, one row per
/// published question by number. The number is a number; the rest is the text the print page shows, written as text
/// cells, never as formulas (<see cref="ReportSheet"/>), so a question that starts with "=" stays text.
/// </summary>
public static class PublishedQuestionsWorkbook
{
    public const string SheetName = "Spørgsmål og svar";
    public const string ContentType = ReportSheet.ContentType;
    public const int TitleLineCount = 4;

    public static IReadOnlyList<string> Headers { get; } = ["Nr.", "Spørgsmål", "Om", "Stillet af", "Parti/gruppe", "Stillet", "Svar", "Offentliggjort"];

    public static byte[] Write(PublishedQuestions document)
    {
        var width = Headers.Count;
        var rows = new List<Dictionary<string, object?>>
        {
            ReportSheet.Row(width, [$"{PublishedQuestions.Title}: {document.PlanName}"]),
            ReportSheet.Row(width, [$"{document.Scope} · budgetår {document.BudgetPeriod} · {document.CountLine}"]),
            ReportSheet.Row(width, [document.DateLine]),
            ReportSheet.Row(width, []),
            ReportSheet.Row(width, [.. Headers]),
        };
        rows.AddRange(document.Rows.Select(q => ReportSheet.Row(width,
        [
            q.Number, q.Text, q.Subject, q.AskerName, q.AskerGroup,
            Annex.AgendaAnnex.DateText(q.AskedOn), q.Answer, Annex.AgendaAnnex.DateText(q.PublishedOn),
        ])));
        if (document.Rows.Count == 0)
        {
            rows.Add(ReportSheet.Row(width, [PublishedQuestions.Empty]));
        }

        return ReportSheet.Save(rows, SheetName, TitleLineCount + 1);
    }

    /// <summary>"spoergsmaal-buu-2025-2028-2026-12-07.xlsx", or "spoergsmaal-2025-2028-2026-12-07.xlsx" for the whole plan.</summary>
    public static string FileName(string? slug, string budgetPeriod, DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"spoergsmaal-{(slug is null ? string.Empty : slug + "-")}{budgetPeriod}-{IsoDate.Format(date)}.xlsx");
}
