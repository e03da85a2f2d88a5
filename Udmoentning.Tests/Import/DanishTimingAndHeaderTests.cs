using Udmoentning.Domain.Import;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Board;

namespace Udmoentning.Tests.Import;

/// <summary>Issue 38, point 5: timing and theme columns in the municipality's own words, and timings written in words (ADR 0016).</summary>
public sealed class DanishTimingAndHeaderTests
{
    [Theory]
    [InlineData("Primo 2026", 1)]
    [InlineData("primo 2026", 1)]
    [InlineData("Medio 2026", 2)]
    [InlineData("Ultimo 2026", 4)]
    [InlineData("ULTIMO 2026", 4)]
    [InlineData("1. halvår 2026", 2)]
    [InlineData("2. halvår 2026", 4)]
    [InlineData("1. hv. 2026", 2)]
    [InlineData("2. hv 2026", 4)]
    [InlineData("2.halvår 2026", 4)]
    [InlineData("1. halvaar 2026", 2)]
    [InlineData("3. kvartal 2026", 3)]
    [InlineData("3. kv. 2026", 3)]
    [InlineData("2026", 4)]
    public void TimingWordsBecomeTheQuarterOfAdr0016InTheFormAndInTheImport(string text, int quarter)
    {
        var expected = new Quarter(2026, quarter);

        Assert.Equal(expected, CellReaders.Timing(text).Value);
        Assert.Equal(expected, FormTiming(text));
    }

    [Theory]
    [InlineData("1. halvår")]
    [InlineData("Ultimo")]
    [InlineData("3. halvår 2026")]
    [InlineData("Medio 1999")]
    [InlineData("Primo 2026 eller senere")]
    public void TimingWordsWithoutAYearOrOutOfRangeAreRefusedWithADanishReason(string text)
    {
        var read = CellReaders.Timing(text);

        Assert.False(read.IsOk);
        Assert.Matches("(tidspunkt|Året)", read.Error!);
        Assert.Null(FormTiming(text));
    }

    [Theory]
    [InlineData("Tidsplan", ImportField.Timing)]
    [InlineData("Tidspunkt", ImportField.Timing)]
    [InlineData("Forventet afslutning", ImportField.Timing)]
    [InlineData("Forventes afsluttet", ImportField.Timing)]
    [InlineData("Hovedområde", ImportField.Theme)]
    [InlineData("Indsatsområde", ImportField.Theme)]
    [InlineData("Hovedpunkt", ImportField.Theme)]
    [InlineData("Tema", ImportField.Theme)]
    [InlineData("Status (X = afsluttet)", ImportField.Status)]
    public void TimingAndThemeHeadersInTheMunicipalitysWordsAreRecognised(string header, ImportField field)
    {
        Assert.Equal(field, HeaderMatcher.Recognise(header).Field);
    }

    [Fact]
    public void ATidsplanAndHovedomraadeWorkbookIsReadWithTheQuartersTheWordsBecome()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg", "Hovedområde", "Tidsplan")
            .Row("AU-1", "Jobcenter", "AU", "Vækst og beskæftigelse", "Primo 2026")
            .Row("AU-2", "Virksomhedspraktik", "AU", "Vækst og beskæftigelse", "Medio 2026")
            .Row("AU-3", "Ungeindsats", "AU", "Sociale investeringer", "2. halvår 2027"));

        var analysis = ImportFixtures.Analyze(workbook);

        Assert.False(analysis.HasErrors, string.Join(" | ", analysis.Problems.Select(p => p.Message)));
        Assert.Equal(ImportField.Theme, analysis.Columns[3].Field);
        Assert.Equal(ImportField.Timing, analysis.Columns[4].Field);
        Assert.Equal(["Vækst og beskæftigelse", "Sociale investeringer"], analysis.Themes);
        Assert.Equal([new Quarter(2026, 1), new Quarter(2026, 2), new Quarter(2027, 4)], analysis.Items.Select(i => i.Timing!.Value));
        Assert.Equal(
            [("Primo 2026", new Quarter(2026, 1)), ("Medio 2026", new Quarter(2026, 2)), ("2. halvår 2027", new Quarter(2027, 4))],
            analysis.TimingWords.Select(w => (w.Text, w.Quarter)));
    }

    private static Quarter? FormTiming(string text)
    {
        var (details, errors) = new ItemForm { Timing = text }.ToDetails();
        return errors.Count == 0 ? details!.Timing : null;
    }
}
