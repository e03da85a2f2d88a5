using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Udmoentning.Web.ImportExport;

/// <summary>
/// Writes one sheet of a report workbook (the agenda annex, a follow-up comparison, a round's report): rows of cells by
/// column letter, no header row of MiniExcel's own, the title lines and the header row frozen, and no empty cells written.
/// </summary>
public static class ReportSheet
{
    public static byte[] Save(IEnumerable<Dictionary<string, object?>> rows, string sheetName, int frozenRows)
    {
        var configuration = new OpenXmlConfiguration
        {
            AutoFilter = false,
            FreezeRowCount = frozenRows,
            EnableWriteNullValueCell = false,
        };
        using var stream = new MemoryStream();
        stream.SaveAs(rows, printHeader: false, sheetName: sheetName, configuration: configuration);
        return stream.ToArray();
    }
}
