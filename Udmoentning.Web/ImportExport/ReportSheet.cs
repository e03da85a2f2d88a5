using System.IO.Compression;
using System.Xml.Linq;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Udmoentning.Domain.Import;

namespace Udmoentning.Web.ImportExport;

/// <summary>
/// Writes the one sheet of every workbook the app hands out (the plan export, the agenda annex, a follow-up comparison, a
/// round's report): rows of cells by column letter, no header row of MiniExcel's own, the title lines and the header row
/// frozen, and no empty cells written.
/// </summary>
public static class ReportSheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>One row of <paramref name="width"/> cells by column letter (A, B, …): <paramref name="cells"/> first, empty ones after.</summary>
    public static Dictionary<string, object?> Row(int width, IReadOnlyList<object?> cells)
    {
        var row = new Dictionary<string, object?>(width);
        for (var c = 0; c < width; c++)
        {
            row[ColumnLetters.Of(c)] = c < cells.Count ? cells[c] : null;
        }

        return row;
    }

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
        MakePartPathsRelative(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// MiniExcel points from one part to the next from the package root ("/xl/worksheets/sheet1.xml"). The format allows
    /// it, but some readers (exceljs, which many web tools use) look for the part beside the relationship file and find
    /// nothing; Excel itself writes paths relative to the part ("worksheets/sheet1.xml"), as this does afterwards.
    /// </summary>
    private static void MakePartPathsRelative(MemoryStream workbook)
    {
        using var zip = new ZipArchive(workbook, ZipArchiveMode.Update, leaveOpen: true);
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".rels", StringComparison.Ordinal)).ToList())
        {
            XDocument relationships;
            using (var read = entry.Open())
            {
                relationships = XDocument.Load(read);
            }

            var from = SourceFolder(entry.FullName);
            var changed = false;
            foreach (var target in relationships.Root!.Elements().Select(r => r.Attribute("Target")).OfType<XAttribute>())
            {
                if (target.Value.StartsWith('/') && target.Parent?.Attribute("TargetMode")?.Value != "External")
                {
                    target.Value = Relative(from, target.Value[1..]);
                    changed = true;
                }
            }

            if (changed)
            {
                using var write = entry.Open();
                write.SetLength(0);
                relationships.Save(write, SaveOptions.DisableFormatting);
            }
        }
    }

    /// <summary>The folder of the part a relationship file belongs to: "xl/_rels/workbook.xml.rels" → "xl/", "_rels/.rels" → "".</summary>
    private static string SourceFolder(string relationshipFile) =>
        relationshipFile[..relationshipFile.LastIndexOf("_rels/", StringComparison.Ordinal)];

    private static string Relative(string fromFolder, string target)
    {
        var from = fromFolder.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var to = target.Split('/');
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common])
        {
            common++;
        }

        return string.Join('/', Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common)));
    }
}
