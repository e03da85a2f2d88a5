using System.Text;
using Udmoentning.Domain.History;
using Udmoentning.Web.History;

namespace Udmoentning.Tests.Access;

public class HistoryCsvTests
{
    [Fact]
    public void QuotesSeparatorsAndDefusesFormulasButKeepsNegativeAmounts()
    {
        var entry = new ItemHistoryEntry(1, 2, "AU-D3", new DateTime(2025, 1, 23, 13, 5, 0, DateTimeKind.Utc), "u1", "Jens; \"Jensen\"", "Redigeret",
        [
            new FieldChange("Titel", "=HYPERLINK(\"x\")", "+1 idé"),
            new FieldChange("Økonomi 2026", "-500", "-1250"),
        ]);

        var lines = Encoding.UTF8.GetString(HistoryCsv.Write([entry])[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("2025-01-23 14:05:00;\"Jens; \"\"Jensen\"\"\";u1;AU-D3;Redigeret;Titel;\"'=HYPERLINK(\"\"x\"\")\";'+1 idé", lines[1]);
        Assert.Equal("2025-01-23 14:05:00;\"Jens; \"\"Jensen\"\"\";u1;AU-D3;Redigeret;Økonomi 2026;-500;-1250", lines[2]);
    }
}
