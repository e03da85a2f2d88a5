using System.Globalization;
using System.Text;

namespace Udmoentning.Domain.Import;

/// <summary>Text helpers for reading workbooks: cells as text, and folding for matching words.</summary>
public static class ImportText
{
    /// <summary>A cell as text: strings trimmed, numbers invariant, dates as dd.MM.yyyy; null when empty.</summary>
    public static string? Of(object? cell) => cell switch
    {
        null => null,
        string text => string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        double number when double.IsFinite(number) => number.ToString("0.##########", CultureInfo.InvariantCulture),
        double number => number.ToString(CultureInfo.InvariantCulture),
        DateTime date => date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)
            : date.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture),
        bool flag => flag ? "Sand" : "Falsk",
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture) is { } other && !string.IsNullOrWhiteSpace(other) ? other.Trim() : null,
    };

    /// <summary>
    /// Folds text for comparing words: lower case, æ → ae, ø → o, å → a, other accents removed, anything but
    /// ASCII letters and digits becomes a space, spaces collapsed. "Økonomi-udvalget " → "okonomi udvalget".
    /// </summary>
    public static string Fold(string? text) => Fold(text, expandDanish: false);

    /// <summary>
    /// A key for looking words up: <see cref="Fold(string?)"/> with "aa" → "a" and "oe" → "o", so words typed without
    /// Danish letters ("Raaderum", "Groen", "Tvaergaaende") match.
    /// </summary>
    public static string Key(string? text) =>
        Fold(text).Replace("aa", "a", StringComparison.Ordinal).Replace("oe", "o", StringComparison.Ordinal);

    /// <summary>As <see cref="Fold(string?)"/>, but ø → oe and å → aa, as Danish letters are written without them ("OEU").</summary>
    public static string FoldExpanded(string? text) => Fold(text, expandDanish: true);

    private static string Fold(string? text, bool expandDanish)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            switch (c)
            {
                case 'æ':
                    builder.Append("ae");
                    break;
                case 'ø':
                    builder.Append(expandDanish ? "oe" : "o");
                    break;
                case '\u030A' when expandDanish && builder.Length > 0 && builder[^1] == 'a':
                    // å decomposes to a + ring above.
                    builder.Append('a');
                    break;
                case var letter when char.IsAsciiLetterOrDigit(letter):
                    builder.Append(letter);
                    break;
                case var mark when CharUnicodeInfo.GetUnicodeCategory(mark) == UnicodeCategory.NonSpacingMark:
                    break;
                default:
                    if (builder.Length > 0 && builder[^1] != ' ')
                    {
                        builder.Append(' ');
                    }

                    break;
            }
        }

        return builder.ToString().Trim();
    }
}
