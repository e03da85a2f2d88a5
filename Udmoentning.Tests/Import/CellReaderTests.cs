using Udmoentning.Domain;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;

namespace Udmoentning.Tests.Import;

public class CellReaderTests
{
    [Theory]
    [InlineData("-1.200", -1200)]
    [InlineData("1.200.000", 1200000)]
    [InlineData("1 200", 1200)]
    [InlineData("1\u00A0200", 1200)]
    [InlineData("\u22121.200", -1200)]
    [InlineData("(1.200)", -1200)]
    [InlineData("+500", 500)]
    [InlineData(" -75 ", -75)]
    [InlineData("0", 0)]
    [InlineData("", 0)]
    [InlineData("   ", 0)]
    [InlineData("9.999.999", 9_999_999)]
    public void ReadsAmountsAsDanishPlansWriteThem(string text, int expected)
    {
        var result = CellReaders.Amount(text);

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData(-1200.0, -1200)]
    [InlineData(0.0, 0)]
    [InlineData(9_999_999.0, 9_999_999)]
    public void ReadsAmountsFromNumberCells(double number, int expected)
    {
        Assert.Equal(expected, CellReaders.Amount(number).Value);
        Assert.Equal(0, CellReaders.Amount(null).Value);
    }

    [Theory]
    [InlineData("1.500,5", "hele tusinder")]
    [InlineData("1,5", "hele tusinder")]
    [InlineData("abc", "ikke et beløb")]
    [InlineData("NaN", "ikke et beløb")]
    [InlineData("1.2.3", "ikke et beløb")]
    [InlineData("12.00", "ikke et beløb")]
    [InlineData("- ", "ikke et beløb")]
    [InlineData("２０２５", "ikke et beløb")]
    [InlineData("١٢٣", "ikke et beløb")]
    [InlineData("10.000.000", "for stort")]
    [InlineData("99999999999999999999999999", "for stort")]
    public void RefusesWhatIsNotAWholeAmountInThousands(string text, string reason)
    {
        var result = CellReaders.Amount(text);

        Assert.False(result.IsOk);
        Assert.Contains(reason, result.Error);
    }

    [Theory]
    [InlineData(1500.5, "hele tusinder")]
    [InlineData(10_000_000.0, "for stort")]
    [InlineData(-1e300, "for stort")]
    [InlineData(double.NaN, "for stort")]
    [InlineData(double.PositiveInfinity, "for stort")]
    public void RefusesNumberCellsThatAreNotWholeAmountsInRange(double number, string reason)
    {
        var result = CellReaders.Amount(number);

        Assert.False(result.IsOk);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void RefusesAmountsInCellsOfOtherKinds()
    {
        Assert.False(CellReaders.Amount(true).IsOk);
        Assert.False(CellReaders.Amount(new DateTime(2025, 1, 1)).IsOk);
    }

    [Theory]
    [InlineData("x", true)]
    [InlineData("X", true)]
    [InlineData("Ja", true)]
    [InlineData("ja", true)]
    [InlineData("J", true)]
    [InlineData("1", true)]
    [InlineData("Sand", true)]
    [InlineData("true", true)]
    [InlineData("Nej", false)]
    [InlineData("N", false)]
    [InlineData("0", false)]
    [InlineData("Falsk", false)]
    [InlineData("false", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void ReadsFlags(string? text, bool expected)
    {
        var result = CellReaders.Flag(text);

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Fact]
    public void ReadsFlagsFromBooleanAndNumberCellsAndRefusesOtherWords()
    {
        Assert.True(CellReaders.Flag(true).Value);
        Assert.True(CellReaders.Flag(1.0).Value);
        Assert.False(CellReaders.Flag(0.0).Value);
        var result = CellReaders.Flag("måske");
        Assert.False(result.IsOk);
        Assert.Contains("hverken ja eller nej", result.Error);
        Assert.False(CellReaders.Flag(2.0).IsOk);
    }

    [Theory]
    [InlineData("Q3 2026")]
    [InlineData("q3 2026")]
    [InlineData("K3 2026")]
    [InlineData("3. kvt. 2026")]
    [InlineData("3. kvt 2026")]
    [InlineData("3 kvt. 2026")]
    [InlineData("3. kv. 2026")]
    [InlineData("q 3 2026")]
    [InlineData("3. kvartal 2026")]
    [InlineData("2026-Q3")]
    [InlineData("2026 Q3")]
    [InlineData(" Q3 2026 ")]
    public void ReadsTheWaysPlansWriteATiming(string text)
    {
        var result = CellReaders.Timing(text);

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(new Quarter(2026, 3), result.Value);
    }

    [Fact]
    public void ReadsADateCellAsItsQuarterAndAnEmptyCellAsNoTiming()
    {
        Assert.Equal(new Quarter(2026, 3), CellReaders.Timing(new DateTime(2026, 9, 30)).Value);
        Assert.True(CellReaders.Timing(null).IsOk);
        Assert.Null(CellReaders.Timing(null).Value);
        Assert.Null(CellReaders.Timing("  ").Value);
    }

    [Theory]
    [InlineData("2026")]
    [InlineData(2026.0)]
    public void ReadsAYearAloneAsItsFourthQuarter(object cell)
    {
        var result = CellReaders.Timing(cell);

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(new Quarter(2026, 4), result.Value);
    }

    [Theory]
    [InlineData("forår 2026", "ikke et tidspunkt")]
    [InlineData("Q5 2026", "skal være 1, 2, 3 eller 4")]
    [InlineData("Q0 2026", "skal være 1, 2, 3 eller 4")]
    [InlineData("Q2 1999", "mellem 2020 og 2045")]
    [InlineData("Q2 2099", "mellem 2020 og 2045")]
    [InlineData("Q３ ２０２６", "ikke et tidspunkt")]
    [InlineData("Q2 2026; DROP TABLE", "ikke et tidspunkt")]
    public void RefusesWhatIsNotATiming(string text, string reason)
    {
        var result = CellReaders.Timing(text);

        Assert.False(result.IsOk);
        Assert.Contains(reason, result.Error);
    }

    [Theory]
    [InlineData("Drift", ItemKind.OperatingChange)]
    [InlineData("Driftsændring", ItemKind.OperatingChange)]
    [InlineData("driftsændringer", ItemKind.OperatingChange)]
    [InlineData("DRIFTSAENDRING", ItemKind.OperatingChange)]
    [InlineData("Driftsudvidelse", ItemKind.OperatingChange)]
    [InlineData("Driftsreduktion", ItemKind.OperatingChange)]
    [InlineData("Råderum", ItemKind.FiscalLeewayProposal)]
    [InlineData("Raaderumsforslag", ItemKind.FiscalLeewayProposal)]
    [InlineData("raderumsforslag", ItemKind.FiscalLeewayProposal)]
    [InlineData("Anlæg", ItemKind.CapitalProject)]
    [InlineData("Anlægsprojekt", ItemKind.CapitalProject)]
    [InlineData("Anlægsprojekter", ItemKind.CapitalProject)]
    [InlineData("Hensigt", ItemKind.IntentDeclaration)]
    [InlineData("Hensigtserklæring", ItemKind.IntentDeclaration)]
    [InlineData("Hensigtserklæringer", ItemKind.IntentDeclaration)]
    public void ReadsKindsInEverydayWords(string text, ItemKind expected)
    {
        Assert.Equal(expected, CellReaders.Kind(text).Value);
    }

    [Fact]
    public void RefusesAnUnknownKindByName()
    {
        var result = CellReaders.Kind("Tilskud");

        Assert.False(result.IsOk);
        Assert.StartsWith("Ukendt type \"Tilskud\"", result.Error);
        Assert.False(CellReaders.Kind(null).IsOk);
    }

    [Theory]
    [InlineData("X", ItemStatus.Completed)]
    [InlineData("x", ItemStatus.Completed)]
    [InlineData("Afsluttet", ItemStatus.Completed)]
    [InlineData("Færdig", ItemStatus.Completed)]
    [InlineData("Gennemført", ItemStatus.Completed)]
    [InlineData("I gang", ItemStatus.InProgress)]
    [InlineData("Igang", ItemStatus.InProgress)]
    [InlineData("Igangsat", ItemStatus.InProgress)]
    [InlineData("Påbegyndt", ItemStatus.InProgress)]
    [InlineData("Klar", ItemStatus.ReadyForPoliticalTreatment)]
    [InlineData("Klar til politisk behandling", ItemStatus.ReadyForPoliticalTreatment)]
    [InlineData("Ikke påbegyndt", ItemStatus.NotStarted)]
    [InlineData("Ikke startet", ItemStatus.NotStarted)]
    [InlineData("", ItemStatus.NotStarted)]
    [InlineData(null, ItemStatus.NotStarted)]
    public void ReadsStatuses(string? text, ItemStatus expected)
    {
        Assert.Equal(expected, CellReaders.Status(text).Value);
    }

    [Theory]
    [InlineData("Grøn", Health.Green)]
    [InlineData("GRØN", Health.Green)]
    [InlineData("green", Health.Green)]
    [InlineData("Gul", Health.Yellow)]
    [InlineData("yellow", Health.Yellow)]
    [InlineData("Rød", Health.Red)]
    [InlineData("Rod", Health.Red)]
    [InlineData("red", Health.Red)]
    [InlineData(null, Health.Green)]
    public void ReadsHealth(string? text, Health expected)
    {
        Assert.Equal(expected, CellReaders.Health(text).Value);
    }

    [Fact]
    public void RefusesUnknownStatusAndHealth()
    {
        Assert.StartsWith("Ukendt status \"Snart\"", CellReaders.Status("Snart").Error);
        Assert.StartsWith("Ukendt tilstand \"Blå\"", CellReaders.Health("Blå").Error);
    }

    [Theory]
    [InlineData("Titel\u202Eevil")]
    [InlineData("Titel\u2066x\u2069")]
    [InlineData("Ti\u200Btel")]
    [InlineData("Ti\u2060tel")]
    [InlineData("\uFEFFTitel")]
    public void RefusesInvisibleControlCharacters(string text)
    {
        var result = CellReaders.Text(text, "Titel", 200);

        Assert.False(result.IsOk);
        Assert.Contains("indeholder usynlige styretegn", result.Error);
    }

    [Theory]
    [InlineData("Ti\u0007tel")]
    [InlineData("Ti\u0000tel")]
    public void RefusesOtherControlCharactersWithTheFormsMessage(string text)
    {
        var result = CellReaders.Text(text, "Titel", 200);

        Assert.False(result.IsOk);
        Assert.Equal("Titel indeholder ugyldige tegn.", result.Error);
        Assert.Equal(result.Error, TextRules.Check(text, 200, "Titel", required: true, multiLine: false));
    }

    [Fact]
    public void TrimsTextJoinsLinesInSingleLineFieldsAndKeepsThemInNotes()
    {
        Assert.Equal("Styrket indsats", CellReaders.Text("  Styrket indsats \t", "Titel", 200).Value);
        Assert.Equal("Styrket indsats", CellReaders.Text("Styrket\nindsats", "Titel", 200).Value);
        Assert.Equal("Første linje\nAnden linje", CellReaders.Text("Første linje\nAnden linje", "Noter", 4000, multiLine: true).Value);
        Assert.Null(CellReaders.Text("   ", "Titel", 200).Value);
        Assert.Equal("12", CellReaders.Text(12.0, "Nummer", 20).Value);
        Assert.Equal("Titel må højst være 5 tegn (er 6).", CellReaders.Text("Titel!", "Titel", 5).Error);
    }

    [Theory]
    [InlineData("15.05.2025")]
    [InlineData("15-05-2025")]
    [InlineData("15/5 2025")]
    [InlineData("2025-05-15")]
    [InlineData("15. maj 2025")]
    [InlineData("15 maj 2025")]
    [InlineData("Godkendt den 15. Maj 2025 af KB")]
    public void FindsDanishDates(string text)
    {
        Assert.Equal(new DateOnly(2025, 5, 15), DanishDate.Find(text)?.Date);
    }

    [Theory]
    [InlineData("31.02.2025")]
    [InlineData("15. mærkedag 2025")]
    [InlineData("ingen dato")]
    [InlineData("１５.０５.２０２５")]
    public void FindsNoDateWhereThereIsNone(string text)
    {
        Assert.Null(DanishDate.Find(text));
    }

    [Fact]
    public void KeepsAmountsWithinTheDomainLimit()
    {
        Assert.True(CellReaders.Amount((double)Limits.MaxAmountThousands).IsOk);
        Assert.False(CellReaders.Amount((double)-Limits.MaxAmountThousands - 1).IsOk);
    }
}
