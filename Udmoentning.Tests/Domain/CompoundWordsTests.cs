using Udmoentning.Domain;

namespace Udmoentning.Tests.Domain;

public sealed class CompoundWordsTests
{
    [Theory]
    [InlineData("Arbejdsmarkedsudvalget", "Arbejdsmarkeds|udvalget")]
    [InlineData("Sundhedsforebyggelsesudvalget", "Sundheds|forebyggelses|udvalget")]
    [InlineData("Beskæftigelses- og integrationsudvalget", "Beskæftigelses- og integrations|udvalget")]
    [InlineData("Kommunalbestyrelsen", "Kommunal|bestyrelsen")]
    [InlineData("Miljø- og teknikudvalget", "Miljø- og teknik|udvalget")]
    [InlineData("Myndighedsområdet", "Myndigheds|området")]
    [InlineData("ØKONOMIUDVALGET", "ØKONOMI|UDVALGET")]
    [InlineData("Møde i Arbejdsmarkedsudvalget, 3. juni", "Møde i Arbejdsmarkeds|udvalget, 3. juni")]
    public void LongCompoundsMayBreakWhereTheirPartsJoin(string text, string expected)
    {
        Assert.Equal(expected.Replace('|', CompoundWords.SoftHyphen), CompoundWords.Hyphenate(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Tavle")]
    [InlineData("Udvalgets egne punkter")]
    [InlineData("Klar til politisk behandling")]
    [InlineData("Ressourceforløbet")] // long, but no joint the rules know: left whole rather than broken in a wrong place
    [InlineData("Kulturudvalg")] // shorter than any screen's line
    public void ShortWordsAndWordsWithoutAKnownJointAreLeftAsTheyAre(string text)
    {
        Assert.Equal(text, CompoundWords.Hyphenate(text));
    }

    [Fact]
    public void HyphenatingTwiceChangesNothingMore()
    {
        var once = CompoundWords.Hyphenate("Sundhedsforebyggelsesudvalget");

        Assert.Equal(once, CompoundWords.Hyphenate(once));
    }
}
