using System.Globalization;

namespace Udmoentning.Domain.Input;

/// <summary>
/// A date as "2026-05-15": in the record of changes, file names, links and the browser's date fields. The one place
/// that writes and reads that form; dates a user types go through <see cref="DanishDate"/>.
/// </summary>
public static class IsoDate
{
    public const string Pattern = "yyyy-MM-dd";

    public static string Format(DateOnly date) => date.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>The day of a moment as it is written in UTC: for file names of exports made "today".</summary>
    public static string Format(DateTime moment) => Format(DateOnly.FromDateTime(moment));

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static DateOnly Parse(string text) =>
        TryParse(text, out var date) ? date : throw new FormatException($"\"{text}\" is not a date written as {Pattern}.");
}
