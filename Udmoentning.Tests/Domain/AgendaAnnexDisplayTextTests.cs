using System.Text;
using Udmoentning.Domain;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Input;
using Udmoentning.Web.History;

namespace Udmoentning.Tests.Domain;

/// <summary>Stored text with direction overrides or zero-width characters is shown without them, everything else as it is.</summary>
public class AgendaAnnexDisplayTextTests
{
    private const string Override = "\u202E";

    [Theory]
    [InlineData("a\u202Ab\u202Bc\u202Cd\u202De\u202Ef", "abcdef")]
    [InlineData("a\u2066b\u2067c\u2068d\u2069e", "abcde")]
    [InlineData("a\u200Bb\u200Dc\uFEFFd\u2060e\u061Cf", "abcdef")]
    [InlineData("a\u0007b", "ab")]
    [InlineData("linje 1\r\nlinje 2\tog æøå ÆØÅ – “citat” 1.250", "linje 1\r\nlinje 2\tog æøå ÆØÅ – “citat” 1.250")]
    [InlineData("", "")]
    public void DropsInvisibleFormattingAndKeepsTheRest(string stored, string shown)
    {
        var safe = DisplayText.Safe(stored);

        Assert.Equal(shown, safe);
        Assert.DoesNotContain(safe, TextRules.IsInvisibleFormatting);
    }

    [Fact]
    public void LeavesCleanTextAndNullAsTheyAre()
    {
        const string clean = "Kloge m² – bedre brug af bygninger";

        Assert.Same(clean, DisplayText.Safe(clean));
        Assert.Null(DisplayText.Safe(null));
    }

    [Fact]
    public void TheHistoryCsvDropsAnOverrideBeforeDefusingAFormulaBehindIt()
    {
        var entry = new ItemHistoryEntry(1, 2, "AU-D3", new DateTime(2025, 1, 23, 13, 5, 0, DateTimeKind.Utc), "u1", "Jens", "Redigeret",
            [new FieldChange("Titel", $"Ny {Override}lettit", $"{Override}=HYPERLINK(\"x\")")]);

        var csv = Encoding.UTF8.GetString(HistoryCsv.Write([entry])[3..]);

        Assert.DoesNotContain(Override, csv, StringComparison.Ordinal);
        Assert.EndsWith(";Titel;Ny lettit;\"'=HYPERLINK(\"\"x\"\")\"\r\n", csv);
    }
}
