namespace Udmoentning.Domain.Plans;

/// <summary>An udmøntningsplan: the work that one adopted budget agreement creates.</summary>
public sealed class Plan
{
    private readonly List<MainTheme> _themes = [];

    private Plan()
    {
        Name = string.Empty;
    }

    public Plan(string name, int firstBudgetYear, int lastBudgetYear, DateOnly adoptedOn)
    {
        Limits.RequireText(name, Limits.PlanNameLength, "Planens navn");
        if (firstBudgetYear < Limits.EarliestYear || lastBudgetYear > Limits.LatestYear || lastBudgetYear < firstBudgetYear)
        {
            throw new PlanRuleException(
                $"Budgetårene skal ligge mellem {Limits.EarliestYear} og {Limits.LatestYear}, og første år må ikke ligge efter sidste år.");
        }

        Name = name.Trim();
        FirstBudgetYear = firstBudgetYear;
        LastBudgetYear = lastBudgetYear;
        AdoptedOn = adoptedOn;
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public int FirstBudgetYear { get; private set; }
    public int LastBudgetYear { get; private set; }
    public DateOnly AdoptedOn { get; private set; }
    public IReadOnlyList<MainTheme> Themes => _themes;

    public IEnumerable<int> BudgetYears => Enumerable.Range(FirstBudgetYear, LastBudgetYear - FirstBudgetYear + 1);

    public bool CoversYear(int year) => year >= FirstBudgetYear && year <= LastBudgetYear;

    public MainTheme AddTheme(string name)
    {
        Limits.RequireText(name, Limits.ThemeNameLength, "Hovedpunktets navn");
        if (_themes.Any(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new PlanRuleException($"Hovedpunktet \"{name.Trim()}\" findes allerede i planen.");
        }

        var theme = new MainTheme(this, name.Trim(), _themes.Count + 1);
        _themes.Add(theme);
        return theme;
    }
}
