using System.Text.RegularExpressions;

namespace Udmoentning.Domain.Input;

/// <summary>
/// The one set of rules for text a user writes, in a form or in an imported workbook: required, a length limit, and no
/// characters that make text read differently from what it is. Line breaks and tabs are allowed only in multi-line text.
/// </summary>
public static partial class TextRules
{
    /// <summary>A Danish message when the text breaks a rule, otherwise null. The length counts the trimmed text.</summary>
    public static string? Check(string? value, int maxLength, string field, bool required, bool multiLine)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? $"{field} skal udfyldes." : null;
        }

        if (value.Trim().Length > maxLength)
        {
            return $"{field} må højst være {maxLength} tegn (er {value.Trim().Length}).";
        }

        if (!value.Any(c => IsRefused(c, multiLine)))
        {
            return null;
        }

        return value.Any(c => IsRefused(c, multiLine) && !IsInvisibleFormatting(c))
            ? $"{field} indeholder ugyldige tegn."
            : $"{field} indeholder usynlige styretegn (fx retningsskift eller tegn uden bredde). Skriv teksten igen uden dem.";
    }

    /// <summary>As <see cref="Check"/> for a required single line, throwing the message as a <see cref="PlanRuleException"/>.</summary>
    public static void Require(string? value, int maxLength, string field)
    {
        if (Check(value, maxLength, field, required: true, multiLine: false) is { } error)
        {
            throw new PlanRuleException(error);
        }
    }

    /// <summary>
    /// A character text may not hold: control characters (but line breaks and tabs in <paramref name="multiLine"/> text)
    /// and the invisible formatting of <see cref="IsInvisibleFormatting"/>.
    /// </summary>
    public static bool IsRefused(char c, bool multiLine) =>
        IsInvisibleFormatting(c) || (char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t'));

    /// <summary>Bidirectional overrides, embeddings, isolates and zero-width characters: they can make text read differently from what it is.</summary>
    public static bool IsInvisibleFormatting(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or >= '\u200B' and <= '\u200F' or '\u2060' or '\uFEFF' or '\u061C';

    /// <summary>An item's number ("AU-D3"): letters, digits, spaces, "-", "." and "/", starting with a letter or digit.</summary>
    public static bool IsItemCode(string text) => ItemCode().IsMatch(text);

    /// <summary>A case number written as year/serial number: "24/12780".</summary>
    public static bool IsCaseNumber(string text) => CaseNumber().IsMatch(text);

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} .\-/]*$")]
    private static partial Regex ItemCode();

    [GeneratedRegex(@"^[0-9]{2}/[0-9]{1,6}$")]
    private static partial Regex CaseNumber();
}
