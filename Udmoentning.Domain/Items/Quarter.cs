using System.Text.RegularExpressions;

namespace Udmoentning.Domain.Items;

/// <summary>An indicative timing (vejledende tidspunkt) such as "Q2 2025".</summary>
public readonly partial record struct Quarter : IComparable<Quarter>
{
    public Quarter(int year, int number)
    {
        if (year < Limits.EarliestYear || year > Limits.LatestYear)
        {
            throw new PlanRuleException($"Året i tidspunktet skal ligge mellem {Limits.EarliestYear} og {Limits.LatestYear}.");
        }

        if (number is < 1 or > 4)
        {
            throw new PlanRuleException("Kvartalet skal være 1, 2, 3 eller 4.");
        }

        Year = year;
        Number = number;
    }

    public int Year { get; }
    public int Number { get; }

    /// <summary>Quarters from <paramref name="baseline"/> to this one; positive means later.</summary>
    public int QuartersAfter(Quarter baseline) => (Year * 4 + Number) - (baseline.Year * 4 + baseline.Number);

    public int CompareTo(Quarter other) => QuartersAfter(other);

    /// <summary>A compact, sortable number (20252 for Q2 2025) used for storage.</summary>
    public int ToSortable() => Year * 10 + Number;

    public static Quarter FromSortable(int value) => new(value / 10, value % 10);

    public static Quarter Parse(string text) =>
        TryParse(text, out var quarter)
            ? quarter
            : throw new PlanRuleException($"\"{text}\" er ikke et tidspunkt. Skriv fx \"Q2 2025\".");

    /// <summary>True when <see cref="Read"/> finds a quarter in the text; the one grammar of the item form and the import.</summary>
    public static bool TryParse(string? text, out Quarter quarter)
    {
        var reading = Read(text);
        quarter = reading.Value ?? default;
        return reading.Value is not null;
    }

    /// <summary>
    /// The one Danish grammar for an indicative timing, used by the item form and the import: "Q2 2025", "K2 2025",
    /// "2. kvt. 2025", "2. kvartal 2025", "2025-Q2", and the words of Danish plans (ADR 0016): "Primo 2026" = Q1,
    /// "Medio 2026" = Q2, "Ultimo 2026" = Q4, "1. halvår 2026" (or "1. hv. 2026") = Q2, "2. halvår 2026" = Q4.
    /// Empty text is no timing (neither value nor error); anything else is a quarter or a Danish reason.
    /// </summary>
    public static QuarterReading Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new QuarterReading(null, null);
        }

        var trimmed = text.Trim();
        var shown = trimmed.Length <= 40 ? trimmed : trimmed[..40] + "…";
        if (BareYear().IsMatch(trimmed))
        {
            return new QuarterReading(null, $"Tidspunktet \"{shown}\" er kun et år. Skriv kvartalet, fx \"Q4 {trimmed}\".");
        }

        int year;
        int number;
        Match match;
        if ((match = QuarterFirst().Match(trimmed)).Success || (match = YearFirst().Match(trimmed)).Success)
        {
            year = int.Parse(match.Groups["year"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            number = match.Groups["q"].Value[0] - '0';
        }
        else if ((match = PartOfYear().Match(trimmed)).Success)
        {
            year = int.Parse(match.Groups["year"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            number = match.Groups["word"].Value.ToLowerInvariant() switch
            {
                "primo" => 1,
                "medio" => 2,
                _ => 4,
            };
        }
        else if ((match = HalfYear().Match(trimmed)).Success)
        {
            year = int.Parse(match.Groups["year"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            number = match.Groups["half"].Value == "1" ? 2 : 4;
        }
        else
        {
            return new QuarterReading(null, $"\"{shown}\" er ikke et tidspunkt. Skriv kvartal og år, fx \"Q2 2026\", \"3. kvartal 2026\" eller \"Ultimo 2026\".");
        }

        if (year < Limits.EarliestYear || year > Limits.LatestYear)
        {
            return new QuarterReading(null, $"Året i tidspunktet \"{shown}\" skal ligge mellem {Limits.EarliestYear} og {Limits.LatestYear}.");
        }

        return number is < 1 or > 4
            ? new QuarterReading(null, $"Kvartalet i \"{shown}\" skal være 1, 2, 3 eller 4.")
            : new QuarterReading(new Quarter(year, number), null);
    }

    public override string ToString() => $"Q{Number} {Year}";

    public static bool operator <(Quarter left, Quarter right) => left.CompareTo(right) < 0;
    public static bool operator >(Quarter left, Quarter right) => left.CompareTo(right) > 0;
    public static bool operator <=(Quarter left, Quarter right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Quarter left, Quarter right) => left.CompareTo(right) >= 0;

    // ASCII digits only: \d would accept other scripts' digits, which int.Parse then refuses.
    [GeneratedRegex(@"^(?:[QK]\s*(?<q>[0-9])|(?<q>[0-9])\s*\.?\s*(?:kvt|kvartal)\.?)\s+(?<year>[0-9]{4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuarterFirst();

    [GeneratedRegex(@"^(?<year>[0-9]{4})\s*-?\s*[QK]\s*(?<q>[0-9])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearFirst();

    [GeneratedRegex(@"^(?<word>primo|medio|ultimo)\s+(?<year>[0-9]{4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartOfYear();

    [GeneratedRegex(@"^(?<half>[12])\s*\.?\s*(?:halvår|halvaar|halvar|hv)\.?\s+(?<year>[0-9]{4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HalfYear();

    [GeneratedRegex(@"^[0-9]{4}$")]
    private static partial Regex BareYear();
}

/// <summary>A timing as read from text: a quarter, or the Danish reason it is not one; neither for empty text.</summary>
public readonly record struct QuarterReading(Quarter? Value, string? Error)
{
    public bool IsOk => Error is null;
}
