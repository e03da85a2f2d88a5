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

    /// <summary>Accepts "Q2 2025", "2025-Q2", "K2 2025" and "2. kvt. 2025".</summary>
    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = QuarterFirst().Match(text.Trim());
        if (!match.Success)
        {
            match = YearFirst().Match(text.Trim());
        }

        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var number = match.Groups["q"].Value[0] - '0';
        if (year < Limits.EarliestYear || year > Limits.LatestYear || number is < 1 or > 4)
        {
            return false;
        }

        quarter = new Quarter(year, number);
        return true;
    }

    public override string ToString() => $"Q{Number} {Year}";

    public static bool operator <(Quarter left, Quarter right) => left.CompareTo(right) < 0;
    public static bool operator >(Quarter left, Quarter right) => left.CompareTo(right) > 0;
    public static bool operator <=(Quarter left, Quarter right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Quarter left, Quarter right) => left.CompareTo(right) >= 0;

    // ASCII digits only: \d would accept other scripts' digits, which int.Parse then refuses.
    [GeneratedRegex(@"^(?:[QK]\s*(?<q>[0-9])|(?<q>[0-9])\.?\s*kvt\.?)\s+(?<year>[0-9]{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterFirst();

    [GeneratedRegex(@"^(?<year>[0-9]{4})\s*-?\s*[QK](?<q>[0-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex YearFirst();
}
