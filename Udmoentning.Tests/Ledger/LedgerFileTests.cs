using System.Diagnostics;
using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Udmoentning.Domain.Import;
using Udmoentning.Tests.Support;
using Udmoentning.Web.ImportExport;
using Udmoentning.Web.Ledger;

namespace Udmoentning.Tests.Ledger;

/// <summary>
/// A finance system's ledger extract (kontoudtræk) read into plain rows for the import preview: CSV in the encodings and
/// with the delimiters finance systems write, title lines before the header, quoting as Excel reads it, and .xlsx; every
/// refusal in Danish, naming the limit and the line.
/// </summary>
public sealed class LedgerFileTests
{
    private static readonly Encoding _windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
    private static readonly CultureInfo _danish = CultureInfo.GetCultureInfo("da-DK");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void ASemicolonExtractInWindows1252WithTitleLinesIsReadAsTextWithItsDanishLetters()
    {
        var bytes = _windows1252.GetBytes(
            "Kontoudtræk pr. 30.09.2027\r\n" +
            "Økonomi- og Ejendomsudvalget\r\n" +
            "\r\n" +
            "Art;Funktion;Omkostningssted;Tekst;Beløb;Bogføringsdato\r\n" +
            "2.25;00.25.10;1120; Løn, vederlag og æøå ÆØÅ ;1.234,56;30.09.2027\r\n" +
            "4.0;03.22.01;1130;\u00A0Køb af inventar\u00A0;1234-;01.10.2027\r\n" +
            "4.5;03.22.01;;Modpost;(1.234);\r\n");
        Assert.False(new UTF8Encoding(false, false).GetString(bytes).Contains('æ', StringComparison.Ordinal));

        var (sheet, howRead) = Read(bytes, "Kontoudtræk 2027-09.csv");

        Assert.Equal("CSV, semikolon-separeret, Windows-1252", howRead);
        Assert.Equal("Kontoudtræk 2027-09", sheet.Name);
        Assert.Equal(7, sheet.Rows.Count);
        Assert.Equal(["Kontoudtræk pr. 30.09.2027"], sheet.Rows[0]);
        Assert.Equal(["Økonomi- og Ejendomsudvalget"], sheet.Rows[1]);
        Assert.Empty(sheet.Rows[2]);
        Assert.Equal(["Art", "Funktion", "Omkostningssted", "Tekst", "Beløb", "Bogføringsdato"], sheet.Rows[3]);
        Assert.Equal(["2.25", "00.25.10", "1120", "Løn, vederlag og æøå ÆØÅ", "1.234,56", "30.09.2027"], sheet.Rows[4]);
        Assert.Equal(["4.0", "03.22.01", "1130", "Køb af inventar", "1234-", "01.10.2027"], sheet.Rows[5]);
        // Amounts stay text for the domain to parse; empty fields are null, and none is kept after the last filled one.
        Assert.Equal(["4.5", "03.22.01", null, "Modpost", "(1.234)"], sheet.Rows[6]);
    }

    [Fact]
    public void DanishDecimalCommasInEveryRowDoNotMakeASemicolonFileCommaSeparated()
    {
        var text = new StringBuilder("Konto;Tekst;Budget;Forbrug\n");
        for (var i = 0; i < 30; i++)
        {
            text.Append($"1012{i:00};Drift, afdeling {i};{i},50;-{i}.000,25\n");
        }

        var (sheet, howRead) = Read(Encoding.UTF8.GetBytes(text.ToString()));

        Assert.Equal("CSV, semikolon-separeret, UTF-8", howRead);
        Assert.All(sheet.Rows, row => Assert.Equal(4, row.Count));
        Assert.Equal(["101207", "Drift, afdeling 7", "7,50", "-7.000,25"], sheet.Rows[8]);
    }

    [Fact]
    public void AUtf8FileWithAByteOrderMarkIsReadWithoutTheMark()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Konto;Tekst\n1012;Særlige tilbud – øvrige\n")).ToArray();

        var (sheet, howRead) = Read(bytes);

        Assert.Equal("CSV, semikolon-separeret, UTF-8", howRead);
        Assert.Equal(["Konto", "Tekst"], sheet.Rows[0]);
        Assert.Equal(["1012", "Særlige tilbud – øvrige"], sheet.Rows[1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ExcelsUnicodeTextInUtf16IsReadTabSeparated(bool bigEndian)
    {
        var encoding = bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode;
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("Art\tTekst\tBeløb\r\n2.25\tLøn – Åbenrå\t-1.234,56\r\n")).ToArray();

        var (sheet, howRead) = Read(bytes);

        Assert.Equal("CSV, tabulator-separeret, UTF-16", howRead);
        Assert.Equal(["2.25", "Løn – Åbenrå", "-1.234,56"], sheet.Rows[1]);
    }

    [Fact]
    public void ATabSeparatedFileKeepsItsEmptyFieldsInPlace()
    {
        var (sheet, howRead) = Read(Encoding.UTF8.GetBytes("Art\tSted\tTekst\tBeløb\n2.25\t\tLøn, faste\t100\n\t\t\t7\n"));

        Assert.Equal("CSV, tabulator-separeret, UTF-8", howRead);
        Assert.Equal(["2.25", null, "Løn, faste", "100"], sheet.Rows[1]);
        Assert.Equal([null, null, null, "7"], sheet.Rows[2]);
    }

    [Fact]
    public void ACommaSeparatedFileWithQuotedDanishDecimalsIsReadByItsCommasOutsideTheQuotes()
    {
        var (sheet, howRead) = Read(Encoding.UTF8.GetBytes(
            "Konto,Tekst,Beløb\r\n\"1012\",\"Løn; faste\",\"1.234,56\"\r\n1013,\"Husleje, Rådhuset\",\"-12,00\"\r\n"));

        Assert.Equal("CSV, komma-separeret, UTF-8", howRead);
        Assert.Equal(["1012", "Løn; faste", "1.234,56"], sheet.Rows[1]);
        Assert.Equal(["1013", "Husleje, Rådhuset", "-12,00"], sheet.Rows[2]);
    }

    [Fact]
    public void APipeSeparatedFileIsReadByItsPipes()
    {
        var (sheet, howRead) = Read(Encoding.UTF8.GetBytes("Konto|Tekst|Beløb\n1012|Løn; faste, timer|1.234,56\n"));

        Assert.Equal("CSV, separeret med lodret streg (|), UTF-8", howRead);
        Assert.Equal(["1012", "Løn; faste, timer", "1.234,56"], sheet.Rows[1]);
    }

    [Fact]
    public void QuotedFieldsKeepTheirDelimitersLineBreaksAndDoubledQuotes()
    {
        var (sheet, _) = Read(Encoding.UTF8.GetBytes(
            "Konto;Tekst;Beløb\r\n" +
            "1012;\"Indkøb; \"\"diverse\"\" materialer\";\"1.234,56\"\r\n" +
            "1013;\"Første linje\r\nanden linje\";  \"  -7  \"  \r\n" +
            "1014;\"\";\"\"\"\"\r\n" +
            "1015;Sidste;1\r\n"));

        Assert.Equal(5, sheet.Rows.Count);
        Assert.Equal(["1012", "Indkøb; \"diverse\" materialer", "1.234,56"], sheet.Rows[1]);
        Assert.Equal(["1013", "Første linje\nanden linje", "-7"], sheet.Rows[2]);
        Assert.Equal(["1014", null, "\""], sheet.Rows[3]);
        Assert.Equal(["1015", "Sidste", "1"], sheet.Rows[4]);
    }

    [Fact]
    public void AQuoteInsideAFieldIsTextAsExcelReadsItAndDoesNotSwallowTheNextLines()
    {
        var (sheet, _) = Read(Encoding.UTF8.GetBytes("Konto;Tekst;Beløb\n1012;Skærm 24\" bred;1.500,00\n1013;Kabel;25,00\n1014;Tekst \"citat\" her;3\n"));

        Assert.Equal(4, sheet.Rows.Count);
        Assert.Equal(["1012", "Skærm 24\" bred", "1.500,00"], sheet.Rows[1]);
        Assert.Equal(["1013", "Kabel", "25,00"], sheet.Rows[2]);
        Assert.Equal(["1014", "Tekst \"citat\" her", "3"], sheet.Rows[3]);
    }

    [Fact]
    public void CrLfAndLfAndEmptyLinesAtTheEndGiveTheSameRows()
    {
        const string text = "Kontoudtræk\n\nKonto;Tekst\n1012;\"To\nlinjer\"\n\n1013;Sidste\n";
        var lf = Read(Encoding.UTF8.GetBytes(text + "\n\n   \n")).Sheet.Rows;
        var crLf = Read(Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n;;\r\n")).Sheet.Rows;

        Assert.Equal(lf, crLf);
        Assert.Equal(6, lf.Count);
        Assert.Equal(["1012", "To\nlinjer"], lf[3]);
        Assert.Empty(lf[4]);
        Assert.Equal(["1013", "Sidste"], lf[5]);
    }

    [Fact]
    public void ExcelsSeparatorLineStatesTheDelimiterAndIsNotARow()
    {
        var (sheet, howRead) = Read(Encoding.UTF8.GetBytes("sep=,\r\nKonto;Tekst,Beløb\r\n1012;1013,\"7,5\"\r\n"));

        Assert.Equal("CSV, komma-separeret, UTF-8", howRead);
        Assert.Equal(["Konto;Tekst", "Beløb"], sheet.Rows[0]);
        Assert.Equal(["1012;1013", "7,5"], sheet.Rows[1]);
    }

    [Fact]
    public void AFileOfOneColumnIsRead()
    {
        var (sheet, howRead) = Read(Encoding.UTF8.GetBytes("Konto\n1012\n\"1013\"\n"));

        Assert.Equal("CSV, én kolonne, UTF-8", howRead);
        Assert.Equal([["Konto"], ["1012"], ["1013"]], sheet.Rows.Select(r => r.ToArray()));
    }

    [Fact]
    public void AnEmptyFileIsRefused()
    {
        Assert.Equal("Filen er tom.", Refusal([]));
        Assert.Equal("Filen er tom.", Refusal(Encoding.UTF8.GetBytes(" \r\n\t\r\n")));
        Assert.Equal("Filen er tom.", Refusal(Encoding.UTF8.GetPreamble()));
        Assert.Equal("Filen er tom.", Refusal(Encoding.UTF8.GetBytes(";;;\n;;\n")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BinaryGarbageIsRefused(int seed)
    {
        Assert.Equal("Filen er ikke en CSV- eller Excel-fil.", Refusal(TestWorkbook.RandomBytes(5000, seed)));
    }

    [Fact]
    public void AWebPageSavedAsAnExcelFileIsRefused()
    {
        Assert.StartsWith("Filen er en webside (HTML) eller XML", Refusal(Encoding.UTF8.GetBytes("\r\n<html><body><table><tr><td>1012</td></tr></table></body></html>")));
    }

    [Fact]
    public void AFieldOpenedWithAQuoteThatIsNeverClosedIsRefusedNamingItsLine()
    {
        Assert.Equal(
            "Linje 3: et felt begynder med et anførselstegn (\"), der ikke afsluttes. Ret filen, og prøv igen.",
            Refusal(Encoding.UTF8.GetBytes("Konto;Tekst\n1012;Løn\n1013;\"Husleje\n1014;Varme\n")));
    }

    [Fact]
    public void AQuoteNeverClosedBeforeMegabytesOfLinesIsRefusedNamingItsLineWithoutReadingThemAll()
    {
        var text = new StringBuilder("Konto;Tekst\n1012;\"Husleje\n");
        for (var i = 0; i < 150_000; i++)
        {
            text.Append("1013;Varme og el\n");
        }

        Assert.Equal(
            "Linje 2: et felt begynder med et anførselstegn (\"), der ikke afsluttes. Ret filen, og prøv igen.",
            Refusal(Encoding.UTF8.GetBytes(text.ToString())));
    }

    [Fact]
    public void MoreRowsThanTheLimitAreRefusedNamingTheLimitAndTheLine()
    {
        var text = new StringBuilder("Kontoudtræk\nKonto;Beløb\n");
        for (var i = 0; i < LedgerFile.MaxRows - 2; i++)
        {
            text.Append("1012;1\n");
        }

        Assert.Equal(LedgerFile.MaxRows, Read(Encoding.UTF8.GetBytes(text.ToString())).Sheet.Rows.Count);

        text.Append("1013;2\n");
        Assert.Equal(
            "Filen har mere end 100.000 rækker; linje 100.001 er over grænsen. Del kontoudtrækket op, og læs delene hver for sig.",
            Refusal(Encoding.UTF8.GetBytes(text.ToString())));
    }

    [Fact]
    public void AFieldLongerThanTheLimitIsRefusedNamingTheLimitAndTheLine()
    {
        var bytes = Encoding.UTF8.GetBytes($"Konto;Tekst\n1012;{new string('ø', 1_000)}\n1013;{new string('x', 1_001)}\n");

        Assert.Equal(
            "Linje 3, felt 2: feltet har 1.001 tegn; højst 1.000. Tjek, at det er den rigtige fil, og at anførselstegn (\") er sat rigtigt.",
            Refusal(bytes));
    }

    [Fact]
    public void ARowWithMoreFilledFieldsThanTheLimitIsRefusedNamingTheLine()
    {
        var wide = string.Join(';', Enumerable.Range(1, 200));
        Assert.Equal(200, Read(Encoding.UTF8.GetBytes($"Konto\n{wide};;;;;\n")).Sheet.Rows[1].Count);

        Assert.Equal(
            "Linje 2 har mere end 200 felter. Et kontoudtræk er meget smallere; tjek, at det er den rigtige fil.",
            Refusal(Encoding.UTF8.GetBytes($"Konto\n{wide};201\n")));
    }

    [Fact]
    public void AFileLargerThanTwentyMegabytesIsRefused()
    {
        var bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("1012;1\n", 3_000_000)));

        Assert.Equal("Filen er for stor (20,0 MB); højst 20 MB.", Refusal(bytes));
    }

    [Fact]
    public void AWorkbookMadeByAnotherWriterIsReadWithItsNumbersAndTrimmedText()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(
            new[]
            {
                new Dictionary<string, object> { ["Konto"] = "1012", ["Tekst"] = "  Løn, æøå ", ["Beløb"] = -1234.56 },
                new Dictionary<string, object> { ["Konto"] = "1013", ["Tekst"] = "Husleje", ["Beløb"] = 7 },
            },
            sheetName: "Udtræk");

        var (sheet, howRead) = Read(stream.ToArray(), "kontoudtraek.xlsx");

        Assert.Equal("Excel-projektmappe (.xlsx)", howRead);
        Assert.Equal("Udtræk", sheet.Name);
        Assert.Equal(["Konto", "Tekst", "Beløb"], sheet.Rows[0]);
        Assert.Equal(["1012", "Løn, æøå", -1234.56], sheet.Rows[1]);
        Assert.Equal(["1013", "Husleje", 7.0], sheet.Rows[2]);
    }

    [Fact]
    public void AWorkbookBeyondTheLedgersLimitsIsRefusedInTheLedgersWords()
    {
        var bytes = new TestWorkbook().Sheet("Udtræk", s => s.Row("Konto").SkipTo(LedgerFile.MaxRows + 1).Row("x")).ToBytes();

        Assert.Equal("Arket \"Udtræk\" har mere end 100.000 rækker. Et kontoudtræk er meget mindre; tjek, at det er den rigtige fil.", Refusal(bytes));
    }

    [Fact]
    public void AnOldXlsOrPasswordProtectedFileIsRefusedAsTheImportRefusesIt()
    {
        var expected = WorkbookFile.Read(new MemoryStream(TestWorkbook.OleFile()), TestWorkbook.OleFile().Length, Token).Error;

        Assert.StartsWith("Filen er beskyttet med adgangskode eller gemt i det gamle .xls-format.", expected);
        Assert.Equal(expected, Refusal(TestWorkbook.OleFile(), "kontoudtraek.xls"));
    }

    [Fact]
    public void AReadNobodyWaitsForAnyMoreStops()
    {
        using var gone = new CancellationTokenSource();
        gone.Cancel();
        var workbook = new TestWorkbook().Sheet("Udtræk", s => s.Row("Konto").Row("1012")).ToBytes();

        Assert.Throws<OperationCanceledException>(() => LedgerFile.Read(Encoding.UTF8.GetBytes("Konto;Tekst\n1012;Løn\n"), "a.csv", null, gone.Token));
        Assert.Throws<OperationCanceledException>(() => LedgerFile.Read(workbook, "a.xlsx", null, gone.Token));
    }

    [Fact]
    public void AnExtractOfFiftyThousandLinesIsReadWithEveryRow()
    {
        var text = new StringBuilder("Kontoudtræk pr. 30.09.2027\r\n\r\nArt;Funktion;Omkostningssted;Aktivitet;Tekst;Beløb;Dato;Bilag\r\n");
        for (var i = 0; i < 50_000; i++)
        {
            text.Append($"2.{10 + (i % 80)};00.25.{i % 100:00};{1100 + (i % 300)};{i % 7};")
                .Append(i % 9 == 0 ? $"\"Indkøb; \"\"diverse\"\" materialer, afd. {i % 40}\"" : $"Løn og vederlag til medarbejdere, afdeling {i % 40}")
                .Append(string.Create(_danish, $";{-(i * 37 % 1_000_000) * 1.25:N2};30.09.2027;{200_000 + i}\r\n"));
        }

        var bytes = _windows1252.GetBytes(text.ToString());
        var times = new List<double>();
        WorkbookSheet? sheet = null;
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            var result = LedgerFile.Read(bytes, "stort.csv", null, Token);
            times.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Null(result.Error);
            sheet = result.Workbook!.Sheets.Single();
        }

        Assert.Equal(50_003, sheet!.Rows.Count);
        Assert.All(sheet.Rows.Skip(2), row => Assert.Equal(8, row.Count));
        Assert.Equal("Indkøb; \"diverse\" materialer, afd. 0", sheet.Rows[3][4]);
        times.Sort();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{bytes.Length / 1024.0 / 1024.0:0.0} MB, 50,000 lines: median {times[1]:0} ms (runs {string.Join(", ", times.Select(t => t.ToString("0")))} ms)");
    }

    private static (WorkbookSheet Sheet, string HowRead) Read(byte[] bytes, string? fileName = "kontoudtraek.csv")
    {
        var result = LedgerFile.Read(bytes, fileName, null, Token);
        Assert.Null(result.Error);
        Assert.NotNull(result.HowRead);
        return (result.Workbook!.Sheets.Single(), result.HowRead);
    }

    private static string? Refusal(byte[] bytes, string? fileName = "kontoudtraek.csv")
    {
        var result = LedgerFile.Read(bytes, fileName, null, Token);
        Assert.Null(result.Workbook);
        Assert.Null(result.HowRead);
        return result.Error;
    }
}
