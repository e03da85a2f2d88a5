using Udmoentning.Domain;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Items;

namespace Udmoentning.Tests.Domain;

/// <summary>The one Danish amount grammar (1.000 kr.), shared by the import and the item form.</summary>
public class AmountsTests
{
    [Theory]
    [InlineData("-1.250", -1250)]
    [InlineData("1.250", 1250)]
    [InlineData(" 300 ", 300)]
    [InlineData("\u22125", -5)]
    [InlineData("", 0)]
    [InlineData(null, 0)]
    [InlineData("0", 0)]
    [InlineData("-0", 0)]
    [InlineData("1 250", 1250)]
    [InlineData("(1.250)", -1250)]
    [InlineData("1.250-", -1250)]
    [InlineData("1250 -", -1250)]
    [InlineData("5\u2212", -5)]
    [InlineData("+12", 12)]
    [InlineData("9.999.999", Limits.MaxAmountThousands)]
    [InlineData("-9999999", -Limits.MaxAmountThousands)]
    public void ReadsAnAmountAsADanishUserMeansIt(string? text, int expected)
    {
        var reading = Amounts.Read(text);

        Assert.True(reading.IsOk, reading.Error);
        Assert.Equal(expected, reading.Value);
    }

    [Theory]
    [InlineData("1,5", "hele tusinder")]
    [InlineData("-1.250,5", "hele tusinder")]
    [InlineData("99999999999999999999", "for stort: højst 9.999.999")]
    [InlineData("10.000.000", "for stort: højst 9.999.999")]
    [InlineData("-10000000", "for stort: højst 9.999.999")]
    [InlineData("abc", "Skriv et helt tal i 1.000 kr., fx -1.250")]
    [InlineData("NaN", "Skriv et helt tal i 1.000 kr., fx -1.250")]
    [InlineData("1e3", "Skriv et helt tal i 1.000 kr., fx -1.250")]
    [InlineData("12.00", "Skriv et helt tal i 1.000 kr., fx -1.250")]
    [InlineData("1.2.3", "Skriv et helt tal i 1.000 kr., fx -1.250")]
    [InlineData("--5", "Skriv et helt tal i 1.000 kr., fx -1.250")]
    [InlineData("-", "Skriv et helt tal i 1.000 kr., fx -1.250")]
    [InlineData("5--", "Skriv et helt tal i 1.000 kr., fx -1.250")]
    [InlineData("-5-", "Skriv et helt tal i 1.000 kr., fx -1.250")]
    [InlineData("1,5-", "hele tusinder")]
    [InlineData("٣", "Skriv et helt tal i 1.000 kr., fx -1.250")]
    [InlineData("１２", "Skriv et helt tal i 1.000 kr., fx -1.250")]
    public void RefusesWhatIsNotAWholeAmountWithADanishReason(string text, string reason)
    {
        var reading = Amounts.Read(text);

        Assert.False(reading.IsOk);
        Assert.Contains(reason, reading.Error);
    }

    [Theory]
    [InlineData(-1250)]
    [InlineData(0)]
    [InlineData(Limits.MaxAmountThousands)]
    [InlineData(-Limits.MaxAmountThousands)]
    public void WhatIsShownReadsBackToTheSameAmount(int thousands)
    {
        Assert.Equal(thousands, Amounts.Read(Amounts.Format(thousands)).Value);
    }

    [Theory]
    [InlineData("-1.250")]
    [InlineData("1.250-")]
    [InlineData("1,5")]
    [InlineData("99999999999999999999")]
    [InlineData("abc")]
    public void TheImportReadsAmountsWithTheSameGrammar(string text)
    {
        var cell = CellReaders.Amount(text);
        var reading = Amounts.Read(text);

        Assert.Equal(reading.IsOk, cell.IsOk);
        Assert.Equal(reading.Value, cell.Value);
        Assert.Equal(reading.Error, cell.Error);
    }
}
