namespace Udmoentning.Domain;

/// <summary>Input limits, shared by the domain rules, the forms and the database columns.</summary>
public static class Limits
{
    public const int PlanNameLength = 120;
    public const int ThemeNameLength = 120;
    public const int CommitteeNameLength = 80;
    public const int CommitteeCodeLength = 10;
    public const int CommitteeSlugLength = 20;
    public const int MaxBudgetYears = 10;
    public const int CodeLength = 20;
    public const int TitleLength = 200;
    public const int DescriptionLength = 2000;
    public const int ResponsibleUnitLength = 150;
    public const int CaseNumberLength = 20;
    public const int NotesLength = 4000;
    public const int EarliestYear = 2020;
    public const int LatestYear = 2045;

    /// <summary>Largest amount per year in 1.000 kr. (ten billion kroner).</summary>
    public const int MaxAmountThousands = 9_999_999;

    internal static void RequireText(string? value, int maxLength, string field)
    {
        var error = CheckText(value, maxLength, field, required: true, multiLine: false);
        if (error is not null)
        {
            throw new PlanRuleException(error);
        }
    }

    /// <summary>Returns a Danish message when the text breaks a limit, otherwise null.</summary>
    public static string? CheckText(string? value, int maxLength, string field, bool required, bool multiLine)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? $"{field} skal udfyldes." : null;
        }

        if (value.Trim().Length > maxLength)
        {
            return $"{field} må højst være {maxLength} tegn (er {value.Trim().Length}).";
        }

        if (value.Any(c => char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t')))
        {
            return $"{field} indeholder ugyldige tegn.";
        }

        if (value.Any(IsInvisibleFormatting))
        {
            return $"{field} indeholder usynlige styretegn (fx retningsskift eller tegn uden bredde). Skriv teksten igen uden dem.";
        }

        return null;
    }

    /// <summary>Bidirectional overrides, embeddings, isolates and zero-width characters: they can make text read differently from what it is.</summary>
    public static bool IsInvisibleFormatting(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or >= '\u200B' and <= '\u200F' or '\u2060' or '\uFEFF' or '\u061C';
}
