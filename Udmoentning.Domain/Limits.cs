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
}
