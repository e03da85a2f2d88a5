using System.Globalization;
using System.IO.Compression;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Udmoentning.Domain.Import;

namespace Udmoentning.Web.ImportExport;

/// <summary>
/// Reads an uploaded .xlsx file into plain cell values, after checking that it is safe to unpack. Every refusal is a
/// Danish message; nothing here throws for what a file contains.
/// </summary>
public static class WorkbookFile
{
    public const long MaxBytes = 10L * 1024 * 1024;
    public const int MaxRows = 20_000;
    public const int MaxColumns = 200;

    /// <summary>
    /// Filled cells in the whole workbook. A plan of a few hundred items has a few tens of thousands; a file within the
    /// size, row and column limits could have millions (2.8 million took 23 s and 160 MB to read), so reading stops here.
    /// </summary>
    public const int MaxCells = 250_000;

    /// <summary>How long reading one file may take before it is given up, whatever the file.</summary>
    public static readonly TimeSpan MaxReadTime = TimeSpan.FromSeconds(15);

    internal const string TooLargeUnpacked = "Filen er usædvanligt stor, når den pakkes ud, og læses ikke.";

    // A row wider than this is refused before its cells are even looked at: only a doctored sheet declares it.
    private const int MaxDeclaredColumns = 1_000;

    private static readonly byte[] _oleHeader = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static readonly OpenXmlConfiguration _configuration = new()
    {
        FillMergedCells = false,
        EnableConvertByteArray = false,
        EnableSharedStringCache = false,
    };

    /// <summary>Reads a workbook within the limits above; <paramref name="cancellationToken"/> stops it between rows.</summary>
    public static WorkbookReadResult Read(Stream stream, long length, CancellationToken cancellationToken = default) =>
        Read(stream, length, WorkbookLimits.Plan, null, cancellationToken);

    /// <summary>The same, telling <paramref name="progress"/> how many filled cells it has read, a few times a second.</summary>
    public static WorkbookReadResult Read(Stream stream, long length, IProgress<int>? progress, CancellationToken cancellationToken = default) =>
        Read(stream, length, WorkbookLimits.Plan, progress, cancellationToken);

    /// <summary>The same within other <paramref name="limits"/>; <paramref name="progress"/> is told what they count.</summary>
    public static WorkbookReadResult Read(Stream stream, long length, WorkbookLimits limits, IProgress<int>? progress, CancellationToken cancellationToken = default)
    {
        if (length == 0)
        {
            return WorkbookReadResult.Refused("Filen er tom.");
        }

        if (length > limits.MaxBytes)
        {
            return TooLarge(length, limits);
        }

        MemoryStream copy;
        try
        {
            copy = Copy(stream, limits.MaxBytes);
        }
        catch (IOException)
        {
            return WorkbookReadResult.Refused(NotFetched);
        }

        if (copy.Length == 0)
        {
            return WorkbookReadResult.Refused("Filen er tom.");
        }

        if (copy.Length > limits.MaxBytes)
        {
            return TooLarge(copy.Length, limits);
        }

        var bytes = copy.GetBuffer().AsSpan(0, (int)copy.Length);
        if (bytes.StartsWith(_oleHeader))
        {
            return WorkbookReadResult.Refused(
                "Filen er beskyttet med adgangskode eller gemt i det gamle .xls-format. Fjern adgangskoden, eller gem den som .xlsx (Excel-projektmappe), og prøv igen.");
        }

        if (!bytes.StartsWith("PK\u0003\u0004"u8))
        {
            return NotExcel();
        }

        try
        {
            using (var zip = new ZipArchive(copy, ZipArchiveMode.Read, leaveOpen: true))
            {
                if (ZipInspection.Refusal(zip) is { } refusal)
                {
                    return WorkbookReadResult.Refused(refusal);
                }
            }

            return ReadSheets(copy, new ReadBudget(limits, progress, cancellationToken));
        }
        catch (InvalidDataException)
        {
            return NotExcel();
        }
        catch (SheetTooLargeException exception)
        {
            return WorkbookReadResult.Refused(exception.Message);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            return WorkbookReadResult.Refused(Unreadable);
        }
    }

    /// <summary>What a user is told when the file's bytes did not arrive (the browser's upload or the stream broke off).</summary>
    public const string NotFetched = "Filen kunne ikke hentes. Prøv igen.";

    /// <summary>
    /// What a user is told when the file is a zip of the right parts but their content cannot be read: the parser's own
    /// words ("'.', hexadecimal value 0x00, is an invalid character") say nothing to a coordinator, in English.
    /// </summary>
    public const string Unreadable =
        "Filen kunne ikke læses som Excel: den er beskadiget eller ikke gemt af et regneark. Åbn den i Excel, gem den som Excel-projektmappe (.xlsx), og prøv igen.";

    private static WorkbookReadResult ReadSheets(MemoryStream file, ReadBudget budget)
    {
        file.Position = 0;
        var names = MiniExcel.GetSheetNames(file, _configuration);
        var sheets = new List<WorkbookSheet>();
        var anyFailed = false;
        foreach (var name in names)
        {
            try
            {
                file.Position = 0;
                sheets.Add(new WorkbookSheet(name, ReadSheet(file, name, budget)));
            }
            catch (Exception exception) when (exception is not (SheetTooLargeException or OutOfMemoryException or OperationCanceledException))
            {
                // A chart sheet or an odd sheet is left out rather than refusing the workbook; the analysis lists it as not read.
                anyFailed = true;
                sheets.Add(new WorkbookSheet(name, []));
            }
        }

        if (anyFailed && sheets.All(s => s.Rows.Count == 0))
        {
            return WorkbookReadResult.Refused(Unreadable);
        }

        return WorkbookReadResult.Read(new WorkbookData(sheets));
    }

    private static List<IReadOnlyList<object?>> ReadSheet(Stream file, string name, ReadBudget budget)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (IDictionary<string, object?> row in file.Query(useHeaderRow: false, sheetName: name, configuration: _configuration))
        {
            if (rows.Count == budget.Limits.MaxRows)
            {
                throw new SheetTooLargeException(
                    $"Arket \"{name}\" har mere end {budget.Limits.MaxRows.ToString("N0", CultureInfo.GetCultureInfo("da-DK"))} rækker. {budget.Limits.ExpectedCapitalised} er meget mindre; tjek, at det er den rigtige fil.");
            }

            var cells = Cells(row, name, budget.Limits);
            budget.Spend(cells);
            rows.Add(cells);
        }

        // Rows of nothing at the end (formatting only) are not part of the sheet.
        while (rows.Count > 0 && rows[^1].Count == 0)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return rows;
    }

    private static object?[] Cells(IDictionary<string, object?> row, string sheet, WorkbookLimits limits)
    {
        if (row.Count > MaxDeclaredColumns)
        {
            throw TooWide(sheet, limits);
        }

        var cells = new SortedDictionary<int, object?>();
        foreach (var (letters, value) in row)
        {
            if (Plain(value) is { } cell)
            {
                var column = ColumnIndex(letters);
                if (column >= MaxColumns)
                {
                    throw TooWide(sheet, limits);
                }

                cells[column] = cell;
            }
        }

        var result = new object?[cells.Count == 0 ? 0 : cells.Keys.Max() + 1];
        foreach (var (column, cell) in cells)
        {
            result[column] = cell;
        }

        return result;
    }

    /// <summary>A cell value as the analysis expects it: string, double, bool, DateTime or null.</summary>
    private static object? Plain(object? value) => value switch
    {
        null => null,
        string text => text.Length == 0 ? null : text,
        double number => number,
        bool flag => flag,
        DateTime date => date,
        DateTimeOffset date => date.DateTime,
        DateOnly date => date.ToDateTime(TimeOnly.MinValue),
        decimal or int or long or float or short or byte => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        byte[] => null,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text ? text : null,
    };

    private static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var c in letters)
        {
            if (c is < 'A' or > 'Z' || index > MaxDeclaredColumns)
            {
                return int.MaxValue;
            }

            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }

    private static MemoryStream Copy(Stream stream, long maxBytes)
    {
        var copy = new MemoryStream();
        var buffer = new byte[81_920];
        int count;
        while ((count = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            copy.Write(buffer, 0, count);
            if (copy.Length > maxBytes)
            {
                break;
            }
        }

        copy.Position = 0;
        return copy;
    }

    private static SheetTooLargeException TooWide(string sheet, WorkbookLimits limits) =>
        new($"Arket \"{sheet}\" har mere end {MaxColumns} kolonner. {limits.ExpectedCapitalised} er meget smallere; tjek, at det er den rigtige fil.");

    private static WorkbookReadResult TooLarge(long length, WorkbookLimits limits) => WorkbookReadResult.Refused(TooLargeMessage(length, limits.MaxBytes));

    /// <summary>"Filen er for stor (12,0 MB); højst 10 MB.": what every upload over its limit is told, read or not.</summary>
    public static string TooLargeMessage(long length, long maxBytes) =>
        $"Filen er for stor ({(length / 1024.0 / 1024.0).ToString("0.0", CultureInfo.GetCultureInfo("da-DK"))} MB); højst {maxBytes / 1024 / 1024} MB.";

    private static WorkbookReadResult NotExcel() => WorkbookReadResult.Refused("Filen er ikke en Excel-fil (.xlsx).");

    private sealed class SheetTooLargeException(string message) : Exception(message);

    /// <summary>What one read may still use: filled cells, time, and whether the user still waits for it; how far it is.</summary>
    private sealed class ReadBudget(WorkbookLimits limits, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(250);
        private readonly System.Diagnostics.Stopwatch _time = System.Diagnostics.Stopwatch.StartNew();
        private TimeSpan _reported;
        private int _cells;
        private int _rows;

        public WorkbookLimits Limits => limits;

        public void Spend(object?[] row)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _rows++;
            foreach (var cell in row)
            {
                if (cell is not null && ++_cells > limits.MaxCells)
                {
                    throw new SheetTooLargeException(
                        $"Filen har mere end {limits.MaxCells.ToString("N0", CultureInfo.GetCultureInfo("da-DK"))} udfyldte celler. {limits.ExpectedCapitalised} er meget mindre; tjek, at det er den rigtige fil.");
                }
            }

            var elapsed = _time.Elapsed;
            if (elapsed > limits.MaxReadTime)
            {
                throw new SheetTooLargeException(
                    $"Filen tog for lang tid at læse og er opgivet. {limits.ExpectedCapitalised} læses på et par sekunder; tjek, at det er den rigtige fil.");
            }

            if (progress is not null && elapsed - _reported >= ReportEvery)
            {
                _reported = elapsed;
                progress.Report(limits.Counts == WorkbookProgress.Rows ? _rows : _cells);
            }
        }
    }
}
