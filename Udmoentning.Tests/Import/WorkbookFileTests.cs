using MiniExcelLibs;
using Udmoentning.Tests.Support;
using Udmoentning.Web.ImportExport;

namespace Udmoentning.Tests.Import;

public class WorkbookFileTests
{
    private const string Bomb = "Filen er usædvanligt stor, når den pakkes ud, og læses ikke.";

    [Fact]
    public void ReadsEveryCellAsAPlainValue()
    {
        var bytes = new TestWorkbook()
            .Sheet("Plan", s => s
                .Row("Udmøntningsplan 2026-2029")
                .Row()
                .Row("Nr.", "Titel", 2026.0, "Dato", "Færdig")
                .Row("ØU-1", " Styrket indsats ", -1200.0, new DateTime(2025, 5, 15), true)
                .Row("ØU-2", "Sum", new Formula("SUM(C4:C4)", -1200.0), null, false))
            .ToBytes();

        var sheet = Read(bytes).Sheets.Single();

        Assert.Equal("Plan", sheet.Name);
        Assert.Equal(5, sheet.Rows.Count);
        Assert.Equal("Udmøntningsplan 2026-2029", sheet.Rows[0][0]);
        Assert.Empty(sheet.Rows[1]);
        Assert.Equal(2026.0, sheet.Rows[2][2]);
        Assert.Equal(" Styrket indsats ", sheet.Rows[3][1]);
        Assert.Equal(-1200.0, sheet.Rows[3][2]);
        Assert.Equal(new DateTime(2025, 5, 15), sheet.Rows[3][3]);
        Assert.Equal(true, sheet.Rows[3][4]);
        Assert.Equal(-1200.0, sheet.Rows[4][2]);
        Assert.Null(sheet.Rows[4][3]);
    }

    [Fact]
    public void ReadsTheCachedValueOfAFormulaNotTheFormula()
    {
        var bytes = new TestWorkbook()
            .Sheet("Plan", s => s.Row(new Formula("SUM(B1:B9)", -1200.0), new Formula("A1&\"x\"", "-1200x")))
            .ToBytes();

        var row = Read(bytes).Sheets[0].Rows[0];

        Assert.Equal(-1200.0, row[0]);
        Assert.Equal("-1200x", row[1]);
    }

    [Fact]
    public void LeavesMergedCellsEmptyExceptTheFirst()
    {
        var bytes = new TestWorkbook()
            .Sheet("Plan", s => s.Row("Nr.", "Titel", "Udvalg").MergedRow("1. Økonomisk politik", 3).Row("ØU-1", "Indsats", "ØU"))
            .ToBytes();

        var rows = Read(bytes).Sheets[0].Rows;

        Assert.Equal(["1. Økonomisk politik"], rows[1]);
        Assert.Equal("ØU-1", rows[2][0]);
    }

    [Fact]
    public void ReadsEverySheetInOrderWithSharedOrInlineStrings()
    {
        foreach (var workbook in new[] { new TestWorkbook(), new TestWorkbook().InlineStrings() })
        {
            var bytes = workbook
                .Sheet("Plan", s => s.Row("Nr.", "Titel"))
                .Sheet("Noter", s => s.Row("Husk <&> \"citat\""))
                .ToBytes();

            var data = Read(bytes);

            Assert.Equal(["Plan", "Noter"], data.Sheets.Select(s => s.Name));
            Assert.Equal("Husk <&> \"citat\"", data.Sheets[1].Rows[0][0]);
        }
    }

    [Fact]
    public void KeepsTheRowNumbersOfRowsAfterGaps()
    {
        var bytes = new TestWorkbook().Sheet("Plan", s => s.Row("A").SkipTo(10).Row("J")).ToBytes();

        var rows = Read(bytes).Sheets[0].Rows;

        Assert.Equal(10, rows.Count);
        Assert.Equal("J", rows[9][0]);
    }

    [Fact]
    public void RefusesAnEmptyFile()
    {
        Assert.Equal("Filen er tom.", Refusal([]));
        Assert.Equal("Filen er tom.", WorkbookFile.Read(new MemoryStream(), 10, TestContext.Current.CancellationToken).Error);
    }

    [Fact]
    public void RefusesAFileLargerThanTenMegabytesEvenWhenItsLengthIsUnderstated()
    {
        Assert.Equal("Filen er for stor (12,0 MB); højst 10 MB.", WorkbookFile.Read(new MemoryStream(), 12L * 1024 * 1024, TestContext.Current.CancellationToken).Error);

        var large = new MemoryStream(new byte[11 * 1024 * 1024]);
        Assert.StartsWith("Filen er for stor", WorkbookFile.Read(large, 100, TestContext.Current.CancellationToken).Error);
    }

    [Fact]
    public void RefusesPasswordProtectedAndOldXlsFiles()
    {
        Assert.Equal(
            "Filen er beskyttet med adgangskode eller gemt i det gamle .xls-format. Fjern adgangskoden, eller gem den som .xlsx (Excel-projektmappe), og prøv igen.",
            Refusal(TestWorkbook.OleFile()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RefusesRandomBytes(int seed)
    {
        Assert.Equal("Filen er ikke en Excel-fil (.xlsx).", Refusal(TestWorkbook.RandomBytes(5000, seed)));
    }

    [Fact]
    public void RefusesAZipThatLooksLikeAZipButIsBroken()
    {
        var bytes = new byte[5000];
        "PK\u0003\u0004"u8.CopyTo(bytes);

        Assert.Equal("Filen er ikke en Excel-fil (.xlsx).", Refusal(bytes));
    }

    [Fact]
    public void RefusesAWordDocument()
    {
        Assert.Contains("ikke en Excel-projektmappe", Refusal(TestWorkbook.WordDocument()));
    }

    [Fact]
    public void RefusesAZipBombByItsUnpackedSize()
    {
        var bytes = TestWorkbook.WithZeros(500L * 1024 * 1024);
        Assert.True(bytes.Length < 2 * 1024 * 1024, $"{bytes.Length} bytes");

        Assert.Equal(Bomb, Refusal(bytes));
    }

    [Fact]
    public void RefusesAPartThatCompressesMoreThanTwoHundredTimes()
    {
        Assert.Equal(Bomb, Refusal(TestWorkbook.WithZeros(20L * 1024 * 1024)));
    }

    [Fact]
    public void AZipWhoseHeadersUnderstateAPartUnpacksNoMoreThanDeclared()
    {
        var bytes = new TestWorkbook().Sheet("Plan", s => s.Row("Nr.", "Titel", "Udvalg").Row("ØU-1", new string('x', 100_000), "ØU")).ToBytes();
        UnderstateSizes(bytes, "xl/worksheets/sheet1.xml", 100);

        var result = WorkbookFile.Read(new MemoryStream(bytes), bytes.Length, TestContext.Current.CancellationToken);

        Assert.Null(result.Workbook);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void RefusesMoreThanTwoThousandParts()
    {
        Assert.Equal(Bomb, Refusal(TestWorkbook.WithManyParts(2_001)));
    }

    [Fact]
    public void RefusesADocumentTypeDeclarationBeforeTheExcelReaderSeesIt()
    {
        Assert.Contains("dokumenttypeerklæring (DTD)", Refusal(TestWorkbook.WithDoctype()));
    }

    [Fact]
    public void TheExcelReaderItselfProhibitsDocumentTypeDeclarations()
    {
        // Defence in depth: should the check above miss a DTD, MiniExcel's XmlReader refuses it without expanding anything.
        var bytes = TestWorkbook.WithDoctype();

        var error = Record.Exception(() => new MemoryStream(bytes).Query(useHeaderRow: false, sheetName: "Plan").ToList());

        Assert.IsType<System.Xml.XmlException>(error);
        Assert.Contains("DTD", error.Message);
    }

    [Fact]
    public void RefusesASheetWithTooManyRows()
    {
        var bytes = new TestWorkbook().Sheet("Plan", s => s.Row("Nr.").SkipTo(20_001).Row("x")).ToBytes();

        Assert.Equal("Arket \"Plan\" har mere end 20.000 rækker. En udmøntningsplan er meget mindre; tjek, at det er den rigtige fil.", Refusal(bytes));
    }

    [Fact]
    public void RefusesASheetWithTooManyColumns()
    {
        var cells = Enumerable.Range(0, 201).Select(c => (object?)$"K{c}").ToArray();
        var bytes = new TestWorkbook().Sheet("Plan", s => s.Row(cells)).ToBytes();

        Assert.Contains("har mere end 200 kolonner", Refusal(bytes));
    }

    [Fact]
    public void RefusesAWorkbookWithMoreFilledCellsThanAPlanCouldHaveThoughEachSheetIsWithinItsLimits()
    {
        var row = Enumerable.Range(0, 100).Select(c => (object?)c).ToArray();
        var bytes = new TestWorkbook()
            .Sheet("Plan", s => Enumerable.Range(0, 1_300).Aggregate(s, (sheet, _) => sheet.Row(row)))
            .Sheet("Kopi", s => Enumerable.Range(0, 1_300).Aggregate(s, (sheet, _) => sheet.Row(row)))
            .ToBytes();

        Assert.Equal("Filen har mere end 250.000 udfyldte celler. En udmøntningsplan er meget mindre; tjek, at det er den rigtige fil.", Refusal(bytes));
    }

    [Fact]
    public void AReadNobodyWaitsForAnyMoreStops()
    {
        var bytes = new TestWorkbook().Sheet("Plan", s => s.Row("Nr.", "Titel").Row("AU-1", "Et punkt")).ToBytes();
        using var gone = new CancellationTokenSource();
        gone.Cancel();

        Assert.Throws<OperationCanceledException>(() => WorkbookFile.Read(new MemoryStream(bytes), bytes.Length, gone.Token));
    }

    [Fact]
    public void RefusesASheetWhoseDimensionClaimsAnAbsurdWidth()
    {
        var bytes = new TestWorkbook().Sheet("Plan", s => s.Row("Nr.", "Titel")).ToBytes();
        var parts = TestWorkbook.Unzip(bytes);
        parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].Replace("<dimension ref=\"A1:B1\"/>", "<dimension ref=\"A1:XFD1\"/>", StringComparison.Ordinal);

        Assert.Contains("kolonner", Refusal(TestWorkbook.Zip(parts)));
    }

    [Theory]
    [InlineData("<worksheet><sheetData><row><c")]
    [InlineData("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\u0000b</t></is></c></row></sheetData></worksheet>")]
    public void RefusesABrokenSheetInDanishWithoutTheParsersWords(string sheet)
    {
        var bytes = new TestWorkbook().Sheet("Plan", s => s.Row("Nr.", "Titel")).ToBytes();
        var parts = TestWorkbook.Unzip(bytes);
        parts["xl/worksheets/sheet1.xml"] = sheet;

        Assert.Equal(WorkbookFile.Unreadable, Refusal(TestWorkbook.Zip(parts)));
    }

    private static Udmoentning.Domain.Import.WorkbookData Read(byte[] bytes)
    {
        var result = WorkbookFile.Read(new MemoryStream(bytes), bytes.Length, TestContext.Current.CancellationToken);
        Assert.Null(result.Error);
        return result.Workbook!;
    }

    private static string? Refusal(byte[] bytes)
    {
        var result = WorkbookFile.Read(new MemoryStream(bytes), bytes.Length, TestContext.Current.CancellationToken);
        Assert.Null(result.Workbook);
        return result.Error;
    }

    /// <summary>Rewrites the uncompressed size of a part in its local header and in the central directory.</summary>
    private static void UnderstateSizes(byte[] zip, string name, uint size)
    {
        var nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
        for (var i = 0; i < zip.Length - 46; i++)
        {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4 && Matches(zip, i + 30, nameBytes))
            {
                BitConverter.GetBytes(size).CopyTo(zip, i + 22);
            }
            else if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2 && Matches(zip, i + 46, nameBytes))
            {
                BitConverter.GetBytes(size).CopyTo(zip, i + 24);
            }
        }
    }

    private static bool Matches(byte[] bytes, int at, byte[] expected) =>
        at + expected.Length <= bytes.Length && bytes.AsSpan(at, expected.Length).SequenceEqual(expected);
}
