using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using Udmoentning.Domain.Import;
using Udmoentning.Web.ImportExport;

namespace Udmoentning.Web.Ledger;

/// <summary>
/// A ledger extract as read: its rows (each sheet's <c>Rows[r][c]</c> is string, double, bool, DateTime or null), and how
/// it was read in Danish words ("CSV, semikolon-separeret, Windows-1252"); or the Danish reason it was refused.
/// </summary>
public sealed record LedgerFileResult(WorkbookData? Workbook, string? HowRead, string? Error)
{
    internal static LedgerFileResult Refused(string error) => new(null, null, error);
}

/// <summary>
/// Reads a finance system's ledger extract (kontoudtræk), CSV or .xlsx, into plain rows for the import preview. A CSV
/// file's encoding and delimiter are found from its bytes; its cells are trimmed text, never numbers ("1.234,56",
/// "1234-" and "(1.234)" are for the domain to parse). Every refusal is a Danish message; nothing here throws for what a
/// file contains.
/// </summary>
public static class LedgerFile
{
    public const long MaxBytes = 20L * 1024 * 1024;
    public const int MaxRows = 100_000;
    public const int MaxFields = 200;
    public const int MaxFieldLength = 1_000;

    public const string Empty = "Filen er tom.";
    public const string NotText = "Filen er ikke en CSV- eller Excel-fil.";

    private const string Workbook = "Excel-projektmappe (.xlsx)";

    // No record within the limits above comes near this in UTF-8; one that does has a quote that is never closed.
    private const int MaxRecordBytes = 2 * 1024 * 1024;

    // A one-column file is still read by the CSV reader, which needs a separator: one that text does not hold.
    private const char NoDelimiter = '\u001F';

    private static readonly WorkbookLimits _workbookLimits =
        new(MaxBytes, MaxRows, 1_500_000, TimeSpan.FromSeconds(30), "et kontoudtræk", WorkbookProgress.Rows);

    private static readonly byte[] _oleHeader = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    // In order of preference when two explain the first lines equally well: a semicolon file's Danish decimal commas
    // ("1.234,56") must not make it comma-separated.
    private static readonly char[] _delimiters = [';', '\t', ',', '|'];

    private static readonly TimeSpan _reportEvery = TimeSpan.FromMilliseconds(250);

    private static readonly CultureInfo _danish = CultureInfo.GetCultureInfo("da-DK");

    public static LedgerFileResult Read(byte[] file, string? fileName, IProgress<int>? rowsRead, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (file.Length == 0)
        {
            return LedgerFileResult.Refused(Empty);
        }

        if (file.Length > MaxBytes)
        {
            return LedgerFileResult.Refused(WorkbookFile.TooLargeMessage(file.Length, MaxBytes));
        }

        if (file.AsSpan().StartsWith("PK\u0003\u0004"u8) || file.AsSpan().StartsWith(_oleHeader))
        {
            return ReadWorkbook(file, rowsRead, cancellationToken);
        }

        if (Decode(file) is not (string text, string encoding))
        {
            return LedgerFileResult.Refused(NotText);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return LedgerFileResult.Refused(Empty);
        }

        if (text.AsSpan().TrimStart().StartsWith('<'))
        {
            // What some finance systems call an Excel export is a web page with a table in it.
            return LedgerFileResult.Refused(
                "Filen er en webside (HTML) eller XML, ikke en CSV- eller Excel-fil. Åbn den i Excel, gem den som Excel-projektmappe (.xlsx) eller CSV, og prøv igen.");
        }

        // Excel's own first line "sep=;" states the delimiter and is not part of the data.
        var stated = ExcelsSeparatorLine(text);
        var (delimiter, skippedLines) = stated is not null ? (stated, 1) : (Delimiter(text), 0);
        var body = stated is null ? text : text.IndexOf('\n', StringComparison.Ordinal) is var end and >= 0 ? text[(end + 1)..] : string.Empty;
        var (rows, error) = ReadText(body, skippedLines, delimiter, rowsRead, cancellationToken);
        if (error is not null)
        {
            return LedgerFileResult.Refused(error);
        }

        var name = Path.GetFileNameWithoutExtension(fileName) is { Length: > 0 } fileNamed ? fileNamed : "Kontoudtræk";
        return new LedgerFileResult(new WorkbookData([new WorkbookSheet(name, rows!)]), $"CSV, {Words(delimiter)}, {encoding}", null);
    }

    private static LedgerFileResult ReadWorkbook(byte[] file, IProgress<int>? rowsRead, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(file, writable: false);
        var read = WorkbookFile.Read(stream, file.Length, _workbookLimits, rowsRead, cancellationToken);
        if (read.Workbook is not { } workbook)
        {
            return LedgerFileResult.Refused(read.Error!);
        }

        if (workbook.Sheets.All(s => s.Rows.Count == 0))
        {
            return LedgerFileResult.Refused(Empty);
        }

        // Trimmed as a CSV file's cells are, so the preview sees the same text whichever way the extract came.
        var sheets = workbook.Sheets
            .Select(s => s with { Rows = s.Rows.Select(r => (IReadOnlyList<object?>)r.Select(c => c is string text ? Trimmed(text) : c).ToArray()).ToList() })
            .ToList();
        return new LedgerFileResult(new WorkbookData(sheets), Workbook, null);
    }

    /// <summary>The text and the name of its encoding; null for a file that is not text.</summary>
    private static (string Text, string Encoding)? Decode(byte[] file)
    {
        var bytes = file.AsSpan();
        var (text, encoding) = bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8.GetString(bytes[3..]), "UTF-8"),
            [0xFF, 0xFE, ..] => (Encoding.Unicode.GetString(bytes[2..]), "UTF-16"),
            [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode.GetString(bytes[2..]), "UTF-16"),
            _ when Utf8.IsValid(bytes) => (Encoding.UTF8.GetString(bytes), "UTF-8"),
            _ => (CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(bytes), "Windows-1252"),
        };

        // Text has no NUL characters; binary files have them early (UTF-16 without a byte-order mark is not read).
        return text.AsSpan(0, Math.Min(text.Length, 8 * 1024)).Contains('\0') ? null : (text, encoding);
    }

    /// <summary>The delimiter Excel's own first line <c>sep=;</c> states, if the file has one.</summary>
    private static char? ExcelsSeparatorLine(string text) =>
        text.Length >= 5 && text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && _delimiters.Contains(text[4])
        && (text.Length == 5 || text[5] is '\r' or '\n')
            ? text[4]
            : null;

    /// <summary>
    /// The delimiter that gives the most of the first non-empty records one and the same number of fields (more than
    /// one), read with the CSV reader's own quoting; title lines before the header have no delimiter and do not count.
    /// Null when none gives any record two fields: a file of one column.
    /// </summary>
    private static char? Delimiter(string text)
    {
        const int sampleRecords = 20;
        var sample = text[..Math.Min(text.Length, 64 * 1024)];
        char? best = null;
        var bestScore = 0;
        foreach (var delimiter in _delimiters)
        {
            var counts = new List<int>();
            using var reader = CsvReader.Create(new StringReader(sample), Options(delimiter) with { TrackLineNumbers = false });
            while (counts.Count < sampleRecords && reader.Read())
            {
                if (reader.FieldCount > 1 || !reader[0].IsEmpty)
                {
                    counts.Add(reader.FieldCount);
                }
            }

            var score = counts.Where(c => c > 1).GroupBy(c => c).Select(g => g.Count()).DefaultIfEmpty(0).Max();
            if (score > bestScore)
            {
                (best, bestScore) = (delimiter, score);
            }
        }

        return best;
    }

    private static CsvReaderOptions Options(char delimiter) => CsvReaderOptions.Default with
    {
        Separator = delimiter,
        HasHeader = false,
        SkipEmptyLines = false,
        TrimWhitespace = true,
        TrimInsideQuotes = true,
        TrackLineNumbers = true,
        MaxRecordSize = MaxRecordBytes,

        // An extract repeats its accounts, dates and texts line after line; keeping each once halved the time to read 50,000 lines.
        PoolStrings = true,
    };

    private static (List<IReadOnlyList<object?>>? Rows, string? Error) ReadText(
        string text, int skippedLines, char? delimiter, IProgress<int>? rowsRead, CancellationToken cancellationToken)
    {
        long? unclosedQuote = null;
        var options = Options(delimiter ?? NoDelimiter) with
        {
            // A stray quote inside a field ("Skærm 24\" bred") is kept as text, as Excel keeps it; only a field that opens
            // with a quote and never closes it is refused, since it would swallow the rest of the file.
            OnMalformedRecord = m => unclosedQuote ??= m.Reason == CsvMalformedReason.UnterminatedQuote ? m.LineNumber : null,
        };

        var rows = new List<IReadOnlyList<object?>>();
        var emptyRowsPending = 0;
        var cells = new object?[MaxFields];
        var time = Stopwatch.StartNew();
        var reported = TimeSpan.Zero;
        long line = 0;
        string Line(long number) => N0(number + skippedLines);
        string Unclosed(long opened) =>
            $"Linje {Line(opened)}: et felt begynder med et anførselstegn (\"), der ikke afsluttes. Ret filen, og prøv igen.";
        try
        {
            using var reader = CsvReader.Create(new StringReader(text), options);
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                line = reader.LineNumber;
                if (unclosedQuote is { } opened)
                {
                    return (null, Unclosed(opened));
                }

                var width = 0;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader[i].IsEmpty ? null : Trimmed(reader.GetString(i));
                    if (value is null)
                    {
                        continue;
                    }

                    if (i >= MaxFields)
                    {
                        return (null, $"Linje {Line(line)} har mere end {MaxFields} felter. Et kontoudtræk er meget smallere; tjek, at det er den rigtige fil.");
                    }

                    if (value.Length > MaxFieldLength)
                    {
                        return (null, $"Linje {Line(line)}, felt {i + 1}: feltet har {N0(value.Length)} tegn; højst {N0(MaxFieldLength)}. Tjek, at det er den rigtige fil, og at anførselstegn (\") er sat rigtigt.");
                    }

                    Array.Clear(cells, width, i - width);
                    cells[i] = value;
                    width = i + 1;
                }

                // Empty lines keep their place between rows, but not at the end.
                if (width == 0)
                {
                    emptyRowsPending++;
                    continue;
                }

                if (rows.Count + emptyRowsPending >= MaxRows)
                {
                    return (null, $"Filen har mere end {N0(MaxRows)} rækker; linje {Line(line)} er over grænsen. Del kontoudtrækket op, og læs delene hver for sig.");
                }

                for (; emptyRowsPending > 0; emptyRowsPending--)
                {
                    rows.Add([]);
                }

                rows.Add(cells.AsSpan(0, width).ToArray());
                if (rowsRead is not null && time.Elapsed - reported >= _reportEvery)
                {
                    reported = time.Elapsed;
                    rowsRead.Report(rows.Count);
                }
            }
        }
        catch (CsvFormatException exception)
        {
            // The reader gives up on a record larger than MaxRecordBytes: a quote that is never closed, nothing else.
            return (null, Unclosed(exception.LineNumber > 0 ? exception.LineNumber : line + 1));
        }

        return rows.Count == 0 ? (null, Empty) : (rows, null);
    }

    /// <summary>A cell's text without surrounding white space (no-break spaces too) and with one kind of line break; null when nothing is left.</summary>
    private static string? Trimmed(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return null;
        }

        var value = trimmed.Length == text.Length ? text : trimmed.ToString();
        return value.Contains('\r', StringComparison.Ordinal) ? value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : value;
    }

    private static string Words(char? delimiter) => delimiter switch
    {
        ';' => "semikolon-separeret",
        '\t' => "tabulator-separeret",
        ',' => "komma-separeret",
        '|' => "separeret med lodret streg (|)",
        _ => "én kolonne",
    };

    private static string N0(long number) => number.ToString("N0", _danish);
}
