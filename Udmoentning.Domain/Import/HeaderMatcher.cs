using System.Globalization;
using System.Text.RegularExpressions;

namespace Udmoentning.Domain.Import;

/// <summary>Recognises what a header cell names, in the words Danish plans use, ignoring case, accents and punctuation.</summary>
public static partial class HeaderMatcher
{
    private static readonly (string Words, ImportField Field)[] _synonyms =
    [
        ("nr", ImportField.Code), ("nummer", ImportField.Code), ("id", ImportField.Code), ("punkt nr", ImportField.Code),
        ("punktnummer", ImportField.Code), ("lobenummer", ImportField.Code), ("lobenr", ImportField.Code),
        ("emne", ImportField.Title), ("titel", ImportField.Title), ("punkt", ImportField.Title), ("overskrift", ImportField.Title),
        ("tekst", ImportField.Title),
        ("beskrivelse", ImportField.Description), ("indhold", ImportField.Description),
        ("type", ImportField.Kind), ("art", ImportField.Kind), ("kategori", ImportField.Kind),
        ("hovedpunkt", ImportField.Theme), ("hovedpunkter", ImportField.Theme), ("tema", ImportField.Theme), ("temaer", ImportField.Theme),
        ("hovedomrade", ImportField.Theme), ("hovedomrader", ImportField.Theme), ("indsatsomrade", ImportField.Theme),
        ("indsatsomrader", ImportField.Theme), ("fokusomrade", ImportField.Theme),
        ("udvalg", ImportField.Committee), ("fagudvalg", ImportField.Committee), ("ansvarligt udvalg", ImportField.Committee),
        ("ansvarlig udvalg", ImportField.Committee), ("udvalget", ImportField.Committee),
        ("ansvarlig", ImportField.ResponsibleUnit), ("ansvarlig enhed", ImportField.ResponsibleUnit),
        ("ansvarlig direktor", ImportField.ResponsibleUnit), ("ansvarlig direktion", ImportField.ResponsibleUnit),
        ("tvaergaende", ImportField.CrossCutting), ("tvaergaende indsats", ImportField.CrossCutting),
        ("med", ImportField.Med), ("med inddragelse", ImportField.Med),
        ("tidspunkt", ImportField.Timing), ("vejledende tidspunkt", ImportField.Timing), ("forventet tidspunkt", ImportField.Timing),
        ("tidsplan", ImportField.Timing), ("tidsfrist", ImportField.Timing), ("frist", ImportField.Timing), ("deadline", ImportField.Timing),
        ("forventet afslutning", ImportField.Timing), ("forventes afsluttet", ImportField.Timing), ("forventet afsluttet", ImportField.Timing),
        ("afslutning", ImportField.Timing), ("hvornar", ImportField.Timing), ("gennemforelse", ImportField.Timing),
        ("oprindeligt tidspunkt", ImportField.BaselineTiming), ("oprindelig tidspunkt", ImportField.BaselineTiming),
        ("politisk behandling", ImportField.Treatment), ("behandles i", ImportField.Treatment), ("behandling", ImportField.Treatment),
        ("status", ImportField.Status), ("afsluttet", ImportField.Status),
        ("tilstand", ImportField.Health), ("trafiklys", ImportField.Health),
        ("sagsnummer", ImportField.CaseNumber), ("sagsnr", ImportField.CaseNumber),
        ("bemaerkninger", ImportField.Notes), ("bemaerkning", ImportField.Notes), ("noter", ImportField.Notes),
        ("note", ImportField.Notes), ("kommentar", ImportField.Notes), ("kommentarer", ImportField.Notes),
    ];

    // Words that may stand beside a budget year in an amount header: "Budget 2026", "B2026", "2026 (1.000 kr.)".
    private static readonly HashSet<string> _amountWords =
        ["b", "bo", "budget", "budgetar", "overslagsar", "okonomi", "ar", "i", "kr", "1", "000", "1000", "belob", "t", "tkr", "mio", "mill", "kroner", "dkk", "tusind", "tusinde"];

    /// <summary>The field a header cell names, with the budget year for amount columns; <see cref="ImportField.Ignore"/> when unknown.</summary>
    public static (ImportField Field, int? Year) Recognise(object? cell)
    {
        if (cell is double number)
        {
            return number == Math.Floor(number) && number is >= Limits.EarliestYear and <= Limits.LatestYear
                ? (ImportField.Amount, (int)number)
                : (ImportField.Ignore, null);
        }

        var folded = ImportText.Key(ImportText.Of(cell));
        if (folded.Length == 0 || folded.Length > 60)
        {
            return (ImportField.Ignore, null);
        }

        if (AmountYear(folded) is { } year)
        {
            return (ImportField.Amount, year);
        }

        var exact = _synonyms.FirstOrDefault(s => s.Words == folded);
        if (exact.Words is not null)
        {
            return (exact.Field, null);
        }

        // "Vejledende tidspunkt (kvartal)", "Status (X = afsluttet)": the longest synonym found as whole words.
        var padded = $" {folded} ";
        var best = _synonyms
            .Where(s => padded.Contains($" {s.Words} ", StringComparison.Ordinal))
            .OrderByDescending(s => s.Words.Length)
            .FirstOrDefault();
        return best.Words is null ? (ImportField.Ignore, null) : (best.Field, null);
    }

    private static int? AmountYear(string folded)
    {
        int? year = null;
        foreach (var word in folded.Split(' '))
        {
            var match = YearWord().Match(word);
            if (match.Success)
            {
                var value = int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
                if (year is not null || value is < Limits.EarliestYear or > Limits.LatestYear)
                {
                    return null;
                }

                year = value;
            }
            else if (!_amountWords.Contains(word))
            {
                return null;
            }
        }

        return year;
    }

    [GeneratedRegex(@"^(?:b|bo|budget)?(?<year>[0-9]{4})$")]
    private static partial Regex YearWord();
}
