using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace Udmoentning.Tests.Support;

/// <summary>
/// Reads a workbook the app wrote with spreadsheet readers that share no code with ours or with MiniExcel, as the
/// municipality's other tools would: Python's openpyxl and Perl's Spreadsheet::ParseXLSX (Debian packages
/// <c>python3-openpyxl</c> and <c>libspreadsheet-parsexlsx-perl</c>, installed by <c>test.sh</c>). Each lists every
/// non-empty cell as "sheet!A1", tab, value.
/// </summary>
public static class ForeignReaders
{
    private const string Python = """
        import sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if c.value is not None and str(c.value) != '':
                        sys.stdout.write(f"{ws.title}!{c.coordinate}\t{c.value}\n")
        """;

    private const string Perl = """
        use strict; use warnings;
        use Spreadsheet::ParseXLSX;
        binmode STDOUT, ':encoding(UTF-8)';
        my $wb = Spreadsheet::ParseXLSX->new->parse($ARGV[0]) or die "not read\n";
        sub col { my $n = shift; my $s = ''; $n++; while ($n > 0) { my $m = ($n - 1) % 26; $s = chr(65 + $m) . $s; $n = int(($n - $m) / 26); } return $s; }
        for my $ws ($wb->worksheets) {
            my ($r0, $r1) = $ws->row_range; my ($c0, $c1) = $ws->col_range;
            for my $r ($r0 .. $r1) { for my $c ($c0 .. $c1) {
                my $cell = $ws->get_cell($r, $c) or next;
                my $v = $cell->unformatted; next unless defined $v && $v ne '';
                print $ws->get_name, '!', col($c), $r + 1, "\t", $v, "\n";
            } }
        }
        """;

    /// <summary>The cells each reader found, by reader name; throws with the reader's own words when one cannot open the file.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadAsync(byte[] workbook, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"udm-foreign-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, workbook, cancellationToken);
        try
        {
            return new Dictionary<string, IReadOnlyList<string>>
            {
                ["openpyxl"] = await RunAsync("/usr/bin/python3", ["-c", Python, path], cancellationToken),
                ["Spreadsheet::ParseXLSX"] = await RunAsync("/usr/bin/perl", ["-e", Perl, path], cancellationToken),
            };
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Relationship targets that start at the package root ("/xl/worksheets/sheet1.xml"). The format allows them, but
    /// readers such as exceljs look for the part beside the relationship file and find nothing.
    /// </summary>
    public static IReadOnlyList<string> AbsoluteRelationshipTargets(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        return
        [
            .. zip.Entries.Where(e => e.FullName.EndsWith(".rels", StringComparison.Ordinal))
                .SelectMany(e =>
                {
                    using var stream = e.Open();
                    return XDocument.Load(stream).Root!.Elements()
                        .Where(r => (string?)r.Attribute("TargetMode") != "External")
                        .Select(r => (string?)r.Attribute("Target") ?? string.Empty)
                        .Where(t => t.StartsWith('/'))
                        .Select(t => $"{e.FullName}: {t}")
                        .ToList();
                }),
        ];
    }

    private static async Task<IReadOnlyList<string>> RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} could not read the workbook: {await errors}");
        }

        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
