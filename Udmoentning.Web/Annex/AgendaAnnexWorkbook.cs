using System.Globalization;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.ImportExport;

namespace Udmoentning.Web.Annex;

/// <summary>
/// The agenda annex as an .xlsx workbook, for reading: title lines (committee, plan, date), a header row, and per main
/// theme a heading row, its items and a total row, then the total of the whole extract. Amounts are numbers, so they
/// add up in Excel; the rest is the text the print page shows.
/// </summary>
public static class AgendaAnnexWorkbook
{
    public const string SheetName = "Udsnit";
    public const string ContentType = ReportSheet.ContentType;

    private const int TitleLineCount = 5;

    private static readonly string[] _before = ["Nr.", "Titel", "Type", "Udvalg", "Status", "Tilstand", "Vejledende tidspunkt", "Politisk behandling"];

    public static byte[] Write(AgendaAnnex annex)
    {
        string[] headers = [.. _before, .. annex.Years.Select(y => y.ToString(CultureInfo.InvariantCulture)), "Bemærk"];
        var rows = new List<Dictionary<string, object?>>
        {
            ReportSheet.Row(headers.Length, [annex.Committee]),
            ReportSheet.Row(headers.Length, [$"{AgendaAnnex.Title}: {annex.PlanName}"]),
            ReportSheet.Row(headers.Length, [annex.DateLine]),
            ReportSheet.Row(headers.Length, [AgendaAnnex.AmountNote]),
            ReportSheet.Row(headers.Length, []),
            ReportSheet.Row(headers.Length, [.. headers]),
        };

        ExtractGroup? group = null;
        foreach (var theme in annex.Themes)
        {
            if (theme.Group != group)
            {
                group = theme.Group;
                rows.Add(ReportSheet.Row(headers.Length, [theme.Group.Name()]));
            }

            rows.Add(ReportSheet.Row(headers.Length, [theme.Heading]));
            foreach (var item in theme.Rows)
            {
                rows.Add(ReportSheet.Row(headers.Length,
                [
                    item.Code, item.Title, item.Kind, item.Committee, item.Status, item.HealthText, item.Timing, item.Treatment,
                    .. item.Amounts.Cast<object?>(), item.Flags,
                ]));
            }

            rows.Add(Total(headers.Length, $"I alt {theme.Heading}", annex.Years.Select(y => theme.Total[y])));
        }

        rows.Add(Total(headers.Length, "I alt", annex.Years.Select(y => annex.Total[y])));

        var economy = annex.Economy;
        rows.Add(ReportSheet.Row(headers.Length, []));
        rows.Add(ReportSheet.Row(headers.Length, [AgendaAnnex.EconomyHeading]));
        rows.Add(Total(headers.Length, AnnexEconomy.SavingsLabel, annex.Years.Select(y => economy.Savings[y])));
        rows.Add(Total(headers.Length, AnnexEconomy.ExpansionsLabel, annex.Years.Select(y => economy.Expansions[y])));
        rows.Add(Total(headers.Length, AnnexEconomy.NetLabel, annex.Years.Select(y => annex.Total[y])));
        foreach (var target in economy.Targets)
        {
            rows.Add(ReportSheet.Row(headers.Length, [target.Heading]));
            rows.Add(Total(headers.Length, AnnexTarget.TargetLabel, annex.Years.Select(target.TargetIn)));
            rows.Add(Total(headers.Length, target.PlannedLabel, annex.Years.Select(target.PlannedIn)));
            rows.Add(Total(headers.Length, AnnexTarget.RealisedLabel, annex.Years.Select(target.RealisedIn)));
        }

        if (annex.Ledger is { } ledger)
        {
            rows.Add(ReportSheet.Row(headers.Length, [ledger.Heading]));
            rows.AddRange(ledger.Rows(annex.Years).Select(row => Total(headers.Length, row.Label, annex.Years.Select(row.In))));
        }

        return ReportSheet.Save(rows, SheetName, TitleLineCount + 1);
    }

    /// <summary>"bilag-au-2025-2028-2026-01-23.xlsx".</summary>
    public static string FileName(string slug, string budgetPeriod, DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"bilag-{slug}-{budgetPeriod}-{IsoDate.Format(date)}.xlsx");

    private static Dictionary<string, object?> Total(int width, string label, IEnumerable<long> amounts) =>
        ReportSheet.Row(width, [label, null, null, null, null, null, null, null, .. amounts.Cast<object?>()]);
}
