using System.Globalization;
using System.Text.RegularExpressions;

namespace Udmoentning.Domain.Input;

/// <summary>
/// The one grammar for a date as Danes write it, used by the meeting calendar, the import's title lines and its
/// "politisk behandling" column: "15.05.2026", "15-05-2026", "15/5 2026", "2026-05-15", "15. maj 2026", "15 sep. 2026".
/// Only dates in the app's years (<see cref="Limits.EarliestYear"/> to <see cref="Limits.LatestYear"/>) are read:
/// a date outside them could not be saved as a meeting, a deadline or a follow-up.
/// </summary>
public static partial class DanishDate
{
    private static readonly string[] _months =
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

    /// <summary>True when the whole text, trimmed, is a date.</summary>
    public static bool TryParse(string? text, out DateOnly date)
    {
        var value = text?.Trim() ?? string.Empty;
        date = default;
        if (Find(value) is { Index: 0 } found && found.Length == value.Length)
        {
            date = found.Date;
            return true;
        }

        return false;
    }

    /// <summary>The first date written in the text and where it stands, so the rest can be read as something else; null when there is none.</summary>
    public static (DateOnly Date, int Index, int Length)? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (var pattern in new[] { DayMonthYear(), YearMonthDay(), DayMonthNameYear() })
        {
            var match = pattern.Match(text);
            if (match.Success && DateOf(match) is { } date)
            {
                return (date, match.Index, match.Length);
            }
        }

        return null;
    }

    private static DateOnly? DateOf(Match match)
    {
        var year = int.Parse(match.Groups["y"].ValueSpan, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["d"].ValueSpan, CultureInfo.InvariantCulture);
        var month = match.Groups["m"].Value is var m && m.All(char.IsAsciiDigit) ? int.Parse(m, CultureInfo.InvariantCulture) : MonthNumber(m);
        if (year is < Limits.EarliestYear or > Limits.LatestYear || month is not (>= 1 and <= 12) || day < 1 || day > DateTime.DaysInMonth(year, month.Value))
        {
            return null;
        }

        return new DateOnly(year, month.Value, day);
    }

    /// <summary>A month's name or its beginning of at least three letters, any case: "maj", "Sept", "DECEMBER".</summary>
    private static int? MonthNumber(string name)
    {
        var lower = name.ToLowerInvariant();
        var index = Array.FindIndex(_months, month => lower.Length >= 3 && month.StartsWith(lower, StringComparison.Ordinal));
        return index < 0 ? null : index + 1;
    }

    // ASCII digits only: \d would accept other scripts' digits, which int.Parse then refuses.
    [GeneratedRegex(@"(?<![0-9])(?<d>[0-9]{1,2})\s*[.\-/]\s*(?<m>[0-9]{1,2})\s*[.\-/ ]\s*(?<y>[0-9]{4})(?![0-9])")]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"(?<![0-9])(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})(?![0-9])")]
    private static partial Regex YearMonthDay();

    [GeneratedRegex(@"(?<![0-9])(?<d>[0-9]{1,2})\.?\s+(?<m>\p{L}{3,9})\.?\s+(?<y>[0-9]{4})(?![0-9])")]
    private static partial Regex DayMonthNameYear();
}
