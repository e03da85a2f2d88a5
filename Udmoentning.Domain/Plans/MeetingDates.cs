using System.Globalization;
using System.Text.RegularExpressions;

namespace Udmoentning.Domain.Plans;

/// <summary>Reads meeting dates pasted as a list (one per line, or separated by ; or ,), as Danes write them.</summary>
public static partial class MeetingDates
{
    private static readonly string[] _months =
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

    /// <summary>The dates found, in order without repeats, and a Danish message for every part that is not a date.</summary>
    public static (IReadOnlyList<DateOnly> Dates, IReadOnlyList<string> Errors) ParseList(string? text)
    {
        var dates = new List<DateOnly>();
        var errors = new List<string>();
        foreach (var part in Separators().Split(text ?? string.Empty).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (TryParse(part, out var date))
            {
                if (!dates.Contains(date))
                {
                    dates.Add(date);
                }
            }
            else
            {
                errors.Add($"\"{Shorten(part)}\" er ikke en dato. Skriv fx 15.05.2026, 2026-05-15 eller 15. maj 2026.");
            }
        }

        if (dates.Count == 0 && errors.Count == 0)
        {
            errors.Add("Skriv mindst én dato.");
        }

        return (dates, errors);
    }

    /// <summary>Accepts 15.05.2026, 15-05-2026, 15/5/2026, 2026-05-15 and 15. maj 2026 (also "15. maj. 2026", "15 maj 2026").</summary>
    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        var value = text?.Trim() ?? string.Empty;
        var numeric = DayFirst().Match(value);
        int year, month, day;
        if (numeric.Success)
        {
            (day, month, year) = (Int(numeric, "d"), Int(numeric, "m"), Int(numeric, "y"));
        }
        else if (IsoDate().Match(value) is { Success: true } iso)
        {
            (day, month, year) = (Int(iso, "d"), Int(iso, "m"), Int(iso, "y"));
        }
        else if (Written().Match(value) is { Success: true } written)
        {
            var name = written.Groups["month"].Value.ToLowerInvariant();
            month = Array.FindIndex(_months, m => m == name || (name.Length >= 3 && m.StartsWith(name, StringComparison.Ordinal))) + 1;
            (day, year) = (Int(written, "d"), Int(written, "y"));
        }
        else
        {
            return false;
        }

        if (year < Limits.EarliestYear || year > Limits.LatestYear || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>"15. maj 2026", as the plan shows a meeting.</summary>
    public static string Format(DateOnly date) => date.ToString("d. MMMM yyyy", CultureInfo.GetCultureInfo("da-DK"));

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [GeneratedRegex(@"[\r\n;,]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?<d>[0-9]{1,2})[./-](?<m>[0-9]{1,2})[./-](?<y>[0-9]{4})$")]
    private static partial Regex DayFirst();

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?<d>[0-9]{1,2})\.?\s+(?<month>[a-zæøå]+)\.?\s+(?<y>[0-9]{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex Written();
}
