using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using Udmoentning.Domain.Import;

namespace Udmoentning.Tests.Support;

/// <summary>A formula cell as Excel saves it: the formula and its cached value.</summary>
internal sealed record Formula(string Expression, object Cached);

/// <summary>
/// Builds real .xlsx files in code by writing the OpenXML parts the way Excel saves them: shared or inline strings,
/// numbers, dates with a date format, formulas with cached values, merged cells and several sheets. MiniExcel cannot
/// write merged cells or formulas, and this is what users upload. Also builds hostile files.
/// </summary>
internal sealed class TestWorkbook
{
    private readonly List<(string Name, TestSheet Sheet)> _sheets = [];
    private bool _inlineStrings;

    public TestWorkbook Sheet(string name, Action<TestSheet> build)
    {
        var sheet = new TestSheet();
        build(sheet);
        _sheets.Add((name, sheet));
        return this;
    }

    /// <summary>Writes strings inline in the cells (as some exporters do) instead of in the shared strings part.</summary>
    public TestWorkbook InlineStrings()
    {
        _inlineStrings = true;
        return this;
    }

    public byte[] ToBytes()
    {
        var sharedStrings = new List<string>();
        var sharedIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int Shared(string text)
        {
            if (!sharedIndex.TryGetValue(text, out var index))
            {
                index = sharedIndex[text] = sharedStrings.Count;
                sharedStrings.Add(text);
            }

            return index;
        }

        var parts = new Dictionary<string, string>();
        for (var n = 0; n < _sheets.Count; n++)
        {
            parts[$"xl/worksheets/sheet{n + 1}.xml"] = _sheets[n].Sheet.Xml(_inlineStrings ? null : Shared);
        }

        parts["[Content_Types].xml"] = ContentTypes();
        parts["_rels/.rels"] =
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""";
        parts["xl/workbook.xml"] = WorkbookXml();
        parts["xl/_rels/workbook.xml.rels"] = WorkbookRels();
        parts["xl/styles.xml"] = Styles;
        parts["xl/sharedStrings.xml"] = SharedStringsXml(sharedStrings);
        return Zip(parts);
    }

    public MemoryStream ToStream() => new(ToBytes());

    /// <summary>Writes the given parts into a zip, in order.</summary>
    public static byte[] Zip(IReadOnlyDictionary<string, string> parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in parts)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }

        return stream.ToArray();
    }

    /// <summary>A valid workbook with one more part of <paramref name="bytes"/> zeros, written streaming (it compresses ~1000:1).</summary>
    public static byte[] WithZeros(long bytes, string part = "xl/media/image1.bin")
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s.Row("Nr.", "Titel", "Udvalg")).ToBytes();
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.CreateEntry(part, CompressionLevel.SmallestSize);
            using var target = entry.Open();
            var zeros = new byte[1024 * 1024];
            for (long written = 0; written < bytes; written += zeros.Length)
            {
                target.Write(zeros, 0, (int)Math.Min(zeros.Length, bytes - written));
            }
        }

        return stream.ToArray();
    }

    /// <summary>A workbook with many small parts.</summary>
    public static byte[] WithManyParts(int count)
    {
        var parts = new Dictionary<string, string>();
        for (var n = 0; n < count; n++)
        {
            parts[$"xl/extra/part{n}.xml"] = "<x/>";
        }

        parts["xl/workbook.xml"] = "<workbook/>";
        return Zip(parts);
    }

    /// <summary>The first bytes of an OLE compound file: how old .xls files and password-protected .xlsx files start.</summary>
    public static byte[] OleFile()
    {
        var bytes = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A Word document's parts: a zip, but no xl/workbook.xml.</summary>
    public static byte[] WordDocument() => Zip(new Dictionary<string, string>
    {
        ["[Content_Types].xml"] = """<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>""",
        ["word/document.xml"] = """<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>""",
    });

    /// <summary>A workbook whose sheet declares entities that expand a billion times ("billion laughs") and one that reads a local file.</summary>
    public static byte[] WithDoctype()
    {
        var bytes = new TestWorkbook().Sheet("Plan", s => s.Row("Nr.", "Titel", "Udvalg")).ToBytes();
        var parts = Unzip(bytes);
        parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].Replace(
            "<worksheet ",
            """<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY file SYSTEM "file:///etc/passwd">]><worksheet """,
            StringComparison.Ordinal);
        parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].Replace("<v>0</v>", "<v>0</v></c><c r=\"D1\" t=\"inlineStr\"><is><t>&h;&file;</t></is>", StringComparison.Ordinal);
        return Zip(parts);
    }

    public static Dictionary<string, string> Unzip(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        });
    }

    private string ContentTypes()
    {
        var sheets = string.Concat(Enumerable.Range(1, _sheets.Count).Select(n =>
            $"""<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""));
        return $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{sheets}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""";
    }

    private string WorkbookXml()
    {
        var sheets = string.Concat(_sheets.Select((s, i) => $"""<sheet name="{SecurityElement.Escape(s.Name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>"""));
        return $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>""";
    }

    private string WorkbookRels()
    {
        var n = _sheets.Count;
        var sheets = string.Concat(Enumerable.Range(1, n).Select(i =>
            $"""<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"""));
        return $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{sheets}<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId{n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""";
    }

    private static string SharedStringsXml(List<string> strings) =>
        $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{strings.Count}" uniqueCount="{strings.Count}">{string.Concat(strings.Select(s => $"<si>{TestSheet.TextElement(s)}</si>"))}</sst>""";

    // Style 0 is General; style 1 is the built-in date format 14 (dd-mm-yyyy in a Danish Excel).
    private const string Styles =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""";
}

/// <summary>One sheet of a <see cref="TestWorkbook"/>: rows in order from row 1; an empty row writes nothing, as in Excel.</summary>
internal sealed class TestSheet
{
    private readonly List<object?[]> _rows = [];
    private readonly List<string> _merges = [];

    /// <summary>The Excel row number the next row gets.</summary>
    public int NextRow => _rows.Count + 1;

    /// <summary>A row from column A: string, double, int, bool, DateTime, <see cref="Formula"/> or null for an empty cell.</summary>
    public TestSheet Row(params object?[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    /// <summary>A heading merged across <paramref name="columns"/> columns: the text in A, the other cells empty, as Excel saves it.</summary>
    public TestSheet MergedRow(string text, int columns)
    {
        _merges.Add($"A{NextRow}:{ColumnLetters.Of(columns - 1)}{NextRow}");
        return Row(text);
    }

    /// <summary>Empty rows up to (not including) <paramref name="row"/>.</summary>
    public TestSheet SkipTo(int row)
    {
        while (NextRow < row)
        {
            Row();
        }

        return this;
    }

    internal string Xml(Func<string, int>? shared)
    {
        var data = new StringBuilder();
        var width = Math.Max(1, _rows.Count == 0 ? 1 : _rows.Max(r => r.Length));
        for (var r = 0; r < _rows.Count; r++)
        {
            var cells = _rows[r];
            if (cells.All(c => c is null))
            {
                continue;
            }

            data.Append(CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
            for (var c = 0; c < cells.Length; c++)
            {
                if (cells[c] is { } value)
                {
                    data.Append(Cell($"{ColumnLetters.Of(c)}{r + 1}", value, shared));
                }
            }

            data.Append("</row>");
        }

        var merges = _merges.Count == 0
            ? string.Empty
            : $"<mergeCells count=\"{_merges.Count}\">{string.Concat(_merges.Select(m => $"<mergeCell ref=\"{m}\"/>"))}</mergeCells>";
        var dimension = $"A1:{ColumnLetters.Of(width - 1)}{Math.Max(1, _rows.Count)}";
        return $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="{dimension}"/><sheetData>{data}</sheetData>{merges}</worksheet>""";
    }

    internal static string TextElement(string text)
    {
        var preserve = text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) ? " xml:space=\"preserve\"" : string.Empty;
        return $"<t{preserve}>{Escape(text)}</t>";
    }

    private static string Cell(string reference, object value, Func<string, int>? shared) => value switch
    {
        string text when shared is null => $"<c r=\"{reference}\" t=\"inlineStr\"><is>{TextElement(text)}</is></c>",
        string text => $"<c r=\"{reference}\" t=\"s\"><v>{shared(text)}</v></c>",
        bool flag => $"<c r=\"{reference}\" t=\"b\"><v>{(flag ? 1 : 0)}</v></c>",
        DateTime date => $"<c r=\"{reference}\" s=\"1\"><v>{date.ToOADate().ToString(CultureInfo.InvariantCulture)}</v></c>",
        Formula { Cached: string text } formula => $"<c r=\"{reference}\" t=\"str\"><f>{Escape(formula.Expression)}</f><v>{Escape(text)}</v></c>",
        Formula formula => $"<c r=\"{reference}\"><f>{Escape(formula.Expression)}</f><v>{Number(formula.Cached)}</v></c>",
        _ => $"<c r=\"{reference}\"><v>{Number(value)}</v></c>",
    };

    private static string Number(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);

    // Excel writes control characters as _xHHHH_ escapes, since XML 1.0 cannot hold most of them.
    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in SecurityElement.Escape(text))
        {
            builder.Append(c < 0x20 && c is not '\n' and not '\r' and not '\t' ? $"_x{(int)c:X4}_" : c.ToString());
        }

        return builder.ToString();
    }
}
