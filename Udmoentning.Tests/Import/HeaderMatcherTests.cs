using Udmoentning.Domain.Import;

namespace Udmoentning.Tests.Import;

public class HeaderMatcherTests
{
    [Theory]
    [InlineData("Nr.", ImportField.Code)]
    [InlineData("Nr", ImportField.Code)]
    [InlineData("Nummer", ImportField.Code)]
    [InlineData("ID", ImportField.Code)]
    [InlineData("Punkt nr.", ImportField.Code)]
    [InlineData("Emne", ImportField.Title)]
    [InlineData("Titel", ImportField.Title)]
    [InlineData("Punkt", ImportField.Title)]
    [InlineData("Overskrift", ImportField.Title)]
    [InlineData("Tekst", ImportField.Title)]
    [InlineData("Beskrivelse", ImportField.Description)]
    [InlineData("Indhold", ImportField.Description)]
    [InlineData("Type", ImportField.Kind)]
    [InlineData("Art", ImportField.Kind)]
    [InlineData("Kategori", ImportField.Kind)]
    [InlineData("Hovedpunkt", ImportField.Theme)]
    [InlineData("Tema", ImportField.Theme)]
    [InlineData("Udvalg", ImportField.Committee)]
    [InlineData("Fagudvalg", ImportField.Committee)]
    [InlineData("Ansvarligt udvalg", ImportField.Committee)]
    [InlineData("Ansvarlig", ImportField.ResponsibleUnit)]
    [InlineData("Ansvarlig enhed", ImportField.ResponsibleUnit)]
    [InlineData("Ansvarlig direktør", ImportField.ResponsibleUnit)]
    [InlineData("Tværgående", ImportField.CrossCutting)]
    [InlineData("Tværgående indsats", ImportField.CrossCutting)]
    [InlineData("MED", ImportField.Med)]
    [InlineData("MED-inddragelse", ImportField.Med)]
    [InlineData("Tidspunkt", ImportField.Timing)]
    [InlineData("Vejledende tidspunkt", ImportField.Timing)]
    [InlineData("Forventet tidspunkt", ImportField.Timing)]
    [InlineData("Oprindeligt tidspunkt", ImportField.BaselineTiming)]
    [InlineData("Politisk behandling", ImportField.Treatment)]
    [InlineData("Behandles i", ImportField.Treatment)]
    [InlineData("Behandling", ImportField.Treatment)]
    [InlineData("Status", ImportField.Status)]
    [InlineData("Afsluttet", ImportField.Status)]
    [InlineData("Tilstand", ImportField.Health)]
    [InlineData("Trafiklys", ImportField.Health)]
    [InlineData("Sagsnummer", ImportField.CaseNumber)]
    [InlineData("Sagsnr.", ImportField.CaseNumber)]
    [InlineData("Sagsnr", ImportField.CaseNumber)]
    [InlineData("Bemærkninger", ImportField.Notes)]
    [InlineData("Bemærkning", ImportField.Notes)]
    [InlineData("Noter", ImportField.Notes)]
    [InlineData("Note", ImportField.Notes)]
    [InlineData("Kommentar", ImportField.Notes)]
    public void RecognisesTheWordsPlansUseForEachColumn(string header, ImportField field)
    {
        Assert.Equal((field, (int?)null), HeaderMatcher.Recognise(header));
    }

    [Theory]
    [InlineData("  NR. ", ImportField.Code)]
    [InlineData("TITEL", ImportField.Title)]
    [InlineData("Tvaergaaende", ImportField.CrossCutting)]
    [InlineData("Bemaerkninger", ImportField.Notes)]
    [InlineData("Vejledende tidspunkt (kvartal)", ImportField.Timing)]
    [InlineData("Status (X = afsluttet)", ImportField.Status)]
    [InlineData("Politisk behandling (udvalg og dato)", ImportField.Treatment)]
    [InlineData("Oprindeligt tidspunkt, jf. budgetaftalen", ImportField.BaselineTiming)]
    [InlineData("Ansvarlig udvalg", ImportField.Committee)]
    public void IgnoresCaseAccentsPunctuationAndSurroundingWords(string header, ImportField field)
    {
        Assert.Equal(field, HeaderMatcher.Recognise(header).Field);
    }

    [Theory]
    [InlineData("2026", 2026)]
    [InlineData("B2026", 2026)]
    [InlineData("BO2027", 2027)]
    [InlineData("Budget 2025", 2025)]
    [InlineData("2026 (1.000 kr.)", 2026)]
    [InlineData("Økonomi 2028", 2028)]
    [InlineData("Overslagsår 2029", 2029)]
    public void RecognisesBudgetYearsAsAmountColumns(string header, int year)
    {
        Assert.Equal((ImportField.Amount, (int?)year), HeaderMatcher.Recognise(header));
    }

    [Fact]
    public void RecognisesAYearWrittenAsANumber()
    {
        Assert.Equal((ImportField.Amount, (int?)2026), HeaderMatcher.Recognise(2026.0));
        Assert.Equal(ImportField.Ignore, HeaderMatcher.Recognise(2026.5).Field);
        Assert.Equal(ImportField.Ignore, HeaderMatcher.Recognise(1999.0).Field);
    }

    [Theory]
    [InlineData("Udmøntningsplan 2025-2028")]
    [InlineData("2019")]
    [InlineData("2050")]
    [InlineData("Q4 2026")]
    [InlineData("Farve")]
    [InlineData("")]
    [InlineData(null)]
    public void LeavesOtherTextUnrecognised(string? header)
    {
        Assert.Equal(ImportField.Ignore, HeaderMatcher.Recognise(header).Field);
    }
}
