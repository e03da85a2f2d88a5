using System.Globalization;
using System.Text.RegularExpressions;
using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Input;

/// <summary>
/// The one Danish grammar for an indicative timing (vejledende tidspunkt), used by the item form and the import:
/// "Q2 2025", "q 2 2025", "K2 2025", "2. kv. 2025", "2. kvt. 2025", "2. kvartal 2025", "2025-Q2"; the words of Danish plans
/// (ADR 0016): "Primo 2026" = Q1, "Medio 2026" = Q2, "Ultimo 2026" = Q4, "1. halvår 2026" (or "1. hv. 2026") = Q2,
/// "2. halvår 2026" = Q4; and a year alone (ADR 0019): "2027" = Q4 2027, the quarter by whose end the year is over.
/// </summary>
public static partial class DanishTiming
{
    /// <summary>Empty text is no timing (neither value nor error); anything else is a quarter or a Danish reason.</summary>
    public static TimingReading Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new TimingReading(null, null, null);
        }

        var trimmed = text.Trim();
        var shown = trimmed.Length <= 40 ? trimmed : trimmed[..40] + "…";
        int number;
        Match match;
        if ((match = QuarterFirst().Match(trimmed)).Success || (match = YearFirst().Match(trimmed)).Success)
        {
            number = match.Groups["q"].Value[0] - '0';
        }
        else if ((match = PartOfYear().Match(trimmed)).Success)
        {
            number = match.Groups["word"].Value.ToLowerInvariant() switch
            {
                "primo" => 1,
                "medio" => 2,
                _ => 4,
            };
        }
        else if ((match = HalfYear().Match(trimmed)).Success)
        {
            number = match.Groups["half"].Value == "1" ? 2 : 4;
        }
        else if ((match = YearAlone().Match(trimmed)).Success)
        {
            number = 4;
        }
        else
        {
            return new TimingReading(null, $"\"{shown}\" er ikke et tidspunkt. Skriv kvartal og år, fx \"Q2 2026\", \"3. kvartal 2026\" eller \"Ultimo 2026\".", trimmed);
        }

        var year = int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
        if (year < Limits.EarliestYear || year > Limits.LatestYear)
        {
            return new TimingReading(null, $"Året i tidspunktet \"{shown}\" skal ligge mellem {Limits.EarliestYear} og {Limits.LatestYear}.", trimmed);
        }

        return number is < 1 or > 4
            ? new TimingReading(null, $"Kvartalet i \"{shown}\" skal være 1, 2, 3 eller 4.", trimmed)
            : new TimingReading(new Quarter(year, number), null, trimmed);
    }

    /// <summary>The quarter stored text names ("Q2 2025"); a <see cref="PlanRuleException"/> when it names none.</summary>
    public static Quarter Parse(string text) =>
        Read(text).Value ?? throw new PlanRuleException($"\"{text}\" er ikke et tidspunkt. Skriv fx \"Q2 2025\".");

    /// <summary>True when <paramref name="written"/> says <paramref name="quarter"/> in other words than the plan shows it ("Ultimo 2026", "2027", "q2 2026").</summary>
    public static bool Rewords(string written, Quarter quarter) => written.Trim() != quarter.ToString();

    // ASCII digits only: \d would accept other scripts' digits, which int.Parse then refuses.
    [GeneratedRegex(@"^(?:[QK]\s*(?<q>[0-9])|(?<q>[0-9])\s*\.?\s*(?:kvt|kvartal|kv)\.?)\s+(?<year>[0-9]{4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuarterFirst();

    [GeneratedRegex(@"^(?<year>[0-9]{4})\s*-?\s*[QK]\s*(?<q>[0-9])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearFirst();

    [GeneratedRegex(@"^(?<word>primo|medio|ultimo)\s+(?<year>[0-9]{4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartOfYear();

    [GeneratedRegex(@"^(?<half>[12])\s*\.?\s*(?:halvår|halvaar|halvar|hv)\.?\s+(?<year>[0-9]{4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HalfYear();

    [GeneratedRegex(@"^(?<year>[0-9]{4})$")]
    private static partial Regex YearAlone();
}

/// <summary>A timing as read from text: a quarter, or the Danish reason it is not one; neither for empty text.</summary>
public readonly record struct TimingReading(Quarter? Value, string? Error, string? Written)
{
    public bool IsOk => Error is null;

    /// <summary>What the text becomes when it is not written as the plan shows a quarter: "\"2027\" læses som Q4 2027."; otherwise null.</summary>
    public string? Note => Value is { } quarter && Written is { } written && DanishTiming.Rewords(written, quarter)
        ? $"\"{written}\" læses som {quarter}."
        : null;
}
