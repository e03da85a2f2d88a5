using System.Globalization;
using System.Text.RegularExpressions;
using Udmoentning.Domain.Input;

namespace Udmoentning.Domain.Plans;

/// <summary>Reads meeting dates pasted as a list (one per line, or separated by ; or ,), each in the one Danish date grammar (<see cref="DanishDate"/>).</summary>
public static partial class MeetingDates
{
    /// <summary>The dates found, in order without repeats, and a Danish message for every part that is not a date.</summary>
    public static (IReadOnlyList<DateOnly> Dates, IReadOnlyList<string> Errors) ParseList(string? text)
    {
        var dates = new List<DateOnly>();
        var errors = new List<string>();
        foreach (var part in Separators().Split(text ?? string.Empty).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (DanishDate.TryParse(part, out var date))
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

    /// <summary>"15. maj 2026", as the plan shows a meeting.</summary>
    public static string Format(DateOnly date) => date.ToString("d. MMMM yyyy", CultureInfo.GetCultureInfo("da-DK"));

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [GeneratedRegex(@"[\r\n;,]+")]
    private static partial Regex Separators();
}
