using System.Text.RegularExpressions;
using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Import;

/// <summary>An amount converted to 1.000 kr.: the value, or the Danish reason; <see cref="RoundedFrom"/> is set when the written amount was not whole thousands.</summary>
public readonly record struct ConvertedAmount(int Value, string? Error, decimal? RoundedFrom)
{
    public bool IsOk => Error is null;
}

/// <summary>
/// The unit of a workbook's amounts. The plan keeps 1.000 kr.; a workbook may say "kr.", "i 1.000 kr.", "t.kr.", "tkr." or
/// "mio. kr." in an amount header or a title line. When it says nothing, amounts are read as 1.000 kr., unless they look
/// like whole kroner (<see cref="LooksLikeKroner"/>): then the user must choose, the unit is never guessed silently.
/// </summary>
public static partial class AmountUnits
{
    /// <summary>The smallest amount that counts as "looks like kroner" when it is also a whole multiple of 1.000.</summary>
    public const decimal KronerLikeMagnitude = 100_000;

    /// <summary>The unit a header or title line states, or null when it states none.</summary>
    public static AmountUnit? Stated(string? text)
    {
        var folded = $" {ImportText.Fold(text)} ";
        if (folded.Trim().Length == 0)
        {
            return null;
        }

        if (Millions().IsMatch(folded))
        {
            return AmountUnit.Millions;
        }

        if (Thousands().IsMatch(folded))
        {
            return AmountUnit.Thousands;
        }

        return Kroner().IsMatch(folded) ? AmountUnit.Kroner : null;
    }

    /// <summary>
    /// True when more than half of the non-zero amounts are whole multiples of 1.000 of at least 100.000: in 1.000 kr. that
    /// would be 100 million kroner an item, common in kroner and rare in a plan in 1.000 kr.
    /// </summary>
    public static bool LooksLikeKroner(IReadOnlyCollection<decimal> amounts)
    {
        var nonZero = amounts.Where(a => a != 0).ToList();
        var kronerLike = nonZero.Count(a => Math.Abs(a) >= KronerLikeMagnitude && a % 1000 == 0);
        return nonZero.Count > 0 && kronerLike * 2 > nonZero.Count;
    }

    /// <summary>A cell's amount as written, in whatever unit: numbers, formulas' values or Danish text ("-1.200.000", "1,5"); null when it is not a number.</summary>
    public static decimal? Raw(object? cell)
    {
        switch (cell)
        {
            case null:
                return 0;
            case double number when double.IsFinite(number) && Math.Abs(number) < 1e15:
                return (decimal)number;
            case string text:
                return Amounts.ReadNumber(text);
            default:
                return null;
        }
    }

    /// <summary>An amount cell in <paramref name="unit"/>, converted to whole 1.000 kr. (rounded half away from zero, and told).</summary>
    public static ConvertedAmount Read(object? cell, AmountUnit unit)
    {
        if (unit == AmountUnit.Thousands)
        {
            var thousands = CellReaders.Amount(cell);
            return new ConvertedAmount(thousands.Value, thousands.Error, null);
        }

        var shown = CellReaders.Shorten(ImportText.Of(cell) ?? string.Empty);
        if (ImportText.Of(cell) is null)
        {
            return new ConvertedAmount(0, null, null);
        }

        if (Raw(cell) is not { } raw)
        {
            return new ConvertedAmount(0, $"\"{shown}\" er ikke et beløb. Skriv et tal i {unit.Name()}, fx {(unit == AmountUnit.Kroner ? "-1.250.000" : "-1,25")}.", null);
        }

        var exact = unit == AmountUnit.Kroner ? raw / 1000m : raw * 1000m;
        var rounded = Math.Round(exact, MidpointRounding.AwayFromZero);
        if (Math.Abs(rounded) > Limits.MaxAmountThousands)
        {
            return new ConvertedAmount(0, $"Beløbet \"{shown}\" {unit.Name()} er for stort: højst {Amounts.Format(Limits.MaxAmountThousands)} (1.000 kr.) pr. år.", null);
        }

        return new ConvertedAmount((int)rounded, null, rounded == exact ? null : raw);
    }

    [GeneratedRegex(@" (?:mio|mill|millioner) (?:kr|kroner|dkk) ")]
    private static partial Regex Millions();

    [GeneratedRegex(@" (?:(?:1 000|1000|tusinde|tusind|t) (?:kr|kroner|dkk)|tkr|tdkk) ")]
    private static partial Regex Thousands();

    [GeneratedRegex(@" (?:kr|kroner|dkk) ")]
    private static partial Regex Kroner();
}
