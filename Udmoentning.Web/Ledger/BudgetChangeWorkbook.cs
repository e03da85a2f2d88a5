using System.Globalization;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Ledger;
using Udmoentning.Web.ImportExport;

namespace Udmoentning.Web.Ledger;

/// <summary>The budget-change file as an .xlsx workbook: the same columns as the CSV, a header row, amounts and years as numbers.</summary>
public static class BudgetChangeWorkbook
{
    public const string SheetName = "Budgetændring";

    public static byte[] Write(BudgetChangeFile file, IEnumerable<BudgetChangeLine> lines)
    {
        var rows = new List<Dictionary<string, object?>> { Row([.. file.Columns.Select(c => (object)c.Header)]) };
        rows.AddRange(lines.Select(line => Row(file.Cells(line))));
        return ReportSheet.Save(rows, SheetName, frozenRows: 1);
    }

    /// <summary>"budgetaendring-plan-1-2026-12-07.csv" (or .xlsx).</summary>
    public static string FileName(int planId, DateOnly date, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"budgetaendring-plan-{planId}-{date:yyyy-MM-dd}.{extension}");

    private static Dictionary<string, object?> Row(IReadOnlyList<object> cells) => ReportSheet.Row(cells.Count, [.. cells]);
}
