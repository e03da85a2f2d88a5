using System.Globalization;
using Udmoentning.Domain.Import;
using Udmoentning.Web.Annex;
using Udmoentning.Web.ImportExport;

namespace Udmoentning.Web.Rounds;

/// <summary>
/// A closed round's report as an .xlsx workbook: title lines (plan, round, closed, deadline, readiness, comparison), a
/// header row, one row per item with its committee (so a reader can filter), each committee's total, the total of the
/// report and its change since the previous round. Amounts are numbers, so they add up in Excel; texts are written as
/// text cells, never as formulas, so a status text starting with "=" stays text.
/// </summary>
public static class RoundReportWorkbook
{
    public const string SheetName = "Rapport";
    public const string ContentType = ReportSheet.ContentType;
    public const int TitleLineCount = 6;
    public const string ChangeLabel = "Ændring siden forrige runde";

    private static readonly string[] _before = ["Udvalg", "Nr.", "Titel", "Statustekst", "Tilstand", "Tidspunkt", "Forsinkelse (kvt.)"];

    /// <summary>The header row: the fixed columns, one per budget year, then the change since the previous round.</summary>
    public static IReadOnlyList<string> Headers(RoundReport report) =>
        [.. _before, .. report.Years.Select(y => y.ToString(CultureInfo.InvariantCulture)), RoundReport.ChangedHeading];

    public static byte[] Write(RoundReport report)
    {
        var headers = Headers(report);
        var width = headers.Count;
        var rows = new List<Dictionary<string, object?>>
        {
            ReportSheet.Row(width, [$"{RoundReport.Title}: {report.RoundName}"]),
            ReportSheet.Row(width, [$"{report.PlanName} · {report.Scope}"]),
            ReportSheet.Row(width, [$"{report.ClosedLine} · {report.DeadlineLine} · {report.ReadyLine}"]),
            ReportSheet.Row(width, [report.ComparisonLine]),
            ReportSheet.Row(width, [report.Slug is null ? AgendaAnnex.AmountNote : $"{AgendaAnnex.AmountNote}. {RoundReport.ExtractNote}"]),
            ReportSheet.Row(width, []),
            ReportSheet.Row(width, [.. headers]),
        };

        foreach (var committee in report.Committees)
        {
            foreach (var item in committee.Rows)
            {
                rows.Add(ReportSheet.Row(width,
                [
                    committee.Name, item.Code, item.Title, item.StatusTextShown, item.HealthText, item.Timing, item.Slippage,
                    .. item.Amounts.Cast<object?>(), item.Changed,
                ]));
            }

            rows.Add(Total(width, $"{RoundReport.TotalLabel} {committee.Name}", committee.Total));
        }

        rows.Add(Total(width, report.TotalLine, report.Total));
        if (!report.IsFirstRound)
        {
            rows.Add(Total(width, ChangeLabel, [.. report.TotalChanges.Select(c => c.Difference)]));
        }

        if (report.Ledger is { } ledger)
        {
            rows.Add(ReportSheet.Row(width, []));
            rows.Add(ReportSheet.Row(width, [ledger.Heading]));
            rows.AddRange(ledger.Rows(report.Years).Select(row => Total(width, row.Label, [.. report.Years.Select(row.In)])));
        }

        return ReportSheet.Save(rows, SheetName, TitleLineCount + 1);
    }

    /// <summary>"runderapport-2025-2028-runde-7.xlsx", or with the committee's slug for its extract.</summary>
    public static string FileName(RoundReport report) =>
        string.Create(CultureInfo.InvariantCulture, $"runderapport-{report.BudgetPeriod}-runde-{report.RoundId}{(report.Slug is null ? string.Empty : "-" + report.Slug)}.xlsx");

    private static Dictionary<string, object?> Total(int width, string label, IReadOnlyList<long> amounts) =>
        ReportSheet.Row(width, [label, null, null, null, null, null, null, .. amounts.Cast<object?>()]);
}
