using System.Globalization;
using System.Text.RegularExpressions;

namespace Udmoentning.Domain.Items;

/// <summary>An amount in 1.000 kr. as read from text, or the Danish reason it could not be read.</summary>
public readonly record struct AmountReading(int Value, string? Error)
{
    public bool IsOk => Error is null;
}

/// <summary>
/// The one Danish grammar for amounts, used by the item form, the targets, the import and its other units (<see cref="ReadNumber"/>): whole thousands within
/// ±<see cref="Limits.MaxAmountThousands"/>, "." or spaces between thousands, "-", "−", a trailing "-" or brackets for a saving;
/// empty is 0. An amount is read exactly as written or refused, never rounded or cut.
/// </summary>
public static partial class Amounts
{
    private static readonly CultureInfo _danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>
    /// How an amount in 1.000 kr. is written everywhere (pages, documents, messages, records), and read back by
    /// <see cref="Read(string?)"/>: "-1.250", "2.500", "0". Always Danish, whatever the browser's language.
    /// </summary>
    public static string Format(long thousands) => thousands.ToString("#,0", _danish);

    public static AmountReading Read(string? raw)
    {
        var text = raw?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return new AmountReading(0, null);
        }

        var shown = text.Length <= 40 ? text : text[..40] + "…";
        var negative = TakeSign(ref text);
        if (text.Contains(',') && Decimal().IsMatch(text))
        {
            return NotWhole(shown);
        }

        // The number grammar of ReadNumber without decimals; only ASCII digits count.
        var digits = WithoutSeparators(text);
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || !DanishNumber().IsMatch(text))
        {
            return new AmountReading(0, $"\"{shown}\" er ikke et beløb. Skriv et helt tal i 1.000 kr., fx -1.250.");
        }

        if (digits.TrimStart('0').Length > 9)
        {
            return TooLarge(shown);
        }

        var value = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return value > Limits.MaxAmountThousands ? TooLarge(shown) : new AmountReading(negative ? -(int)value : (int)value, null);
    }

    /// <summary>
    /// A Danish number in another unit than 1.000 kr. (a finance system's kroner, "mio. kr."), decimals allowed: "1.234,56",
    /// "-1.200.000", "(1.200)", "1234-", "1,5"; null when it is not one. The caller converts and rounds it, and says so.
    /// </summary>
    public static decimal? ReadNumber(string raw)
    {
        var text = raw.Trim();
        if (text.Length == 0)
        {
            return 0;
        }

        var negative = TakeSign(ref text);
        if (!DanishNumber().IsMatch(text))
        {
            return null;
        }

        var plain = WithoutSeparators(text).Replace(',', '.');
        if (plain.Length > 20 || !decimal.TryParse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return negative ? -value : value;
    }

    /// <summary>Takes a leading (or a finance system's trailing) "-", "−" or "–", a leading "+", or brackets around the number, off <paramref name="text"/>; true for a negative.</summary>
    private static bool TakeSign(ref string text)
    {
        var negative = false;
        if (text.StartsWith('(') && text.EndsWith(')'))
        {
            negative = true;
            text = text[1..^1].Trim();
        }

        if (text.Length > 0 && text[0] is '-' or '\u2212' or '\u2013')
        {
            negative = !negative;
            text = text[1..].TrimStart();
        }
        else if (text.Length > 1 && text[^1] is '-' or '\u2212' or '\u2013')
        {
            // A finance system's trailing minus: "1.234,56-".
            negative = !negative;
            text = text[..^1].TrimEnd();
        }
        else if (text.StartsWith('+'))
        {
            text = text[1..].TrimStart();
        }

        return negative;
    }

    /// <summary>Thousands separators taken out: ".", space, non-breaking and narrow spaces.</summary>
    private static string WithoutSeparators(string text) =>
        text.Replace(".", string.Empty).Replace(" ", string.Empty).Replace("\u00A0", string.Empty).Replace("\u202F", string.Empty);

    /// <summary>An amount from a number (a spreadsheet cell): whole and within the limit, or refused.</summary>
    public static AmountReading Of(double number, string shown)
    {
        if (!double.IsFinite(number) || Math.Abs(number) > Limits.MaxAmountThousands)
        {
            return TooLarge(shown);
        }

        return number == Math.Floor(number) ? new AmountReading((int)number, null) : NotWhole(shown);
    }

    private static AmountReading NotWhole(string shown) =>
        new(0, $"Beløb skal være hele tusinder (1.000 kr.); \"{shown}\" er ikke et helt tal.");

    private static AmountReading TooLarge(string shown) =>
        new(0, $"Beløbet \"{shown}\" er for stort: højst {Format(Limits.MaxAmountThousands)} (1.000 kr.).");

    [GeneratedRegex(@"^[0-9. \u00A0\u202F]*,[0-9]*$")]
    private static partial Regex Decimal();

    // "1.200.000", "1 200 000", "1200000", "1,5", "1.234,56"; ASCII digits only.
    [GeneratedRegex(@"^(?:[0-9]{1,3}(?:[. \u00A0\u202F][0-9]{3})+|[0-9]+)(?:,[0-9]+)?$")]
    private static partial Regex DanishNumber();
}
