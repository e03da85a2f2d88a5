using System.Globalization;
using Udmoentning.Domain.Input;

namespace Udmoentning.Domain.Plans;

/// <summary>An udmøntningsplan: the work that one adopted budget agreement creates.</summary>
public sealed class Plan
{
    private readonly List<MainTheme> _themes = [];

    private Plan()
    {
        Name = string.Empty;
    }

    public Plan(string name, int firstBudgetYear, int lastBudgetYear, DateOnly adoptedOn, PlanStage stage = PlanStage.Adopted)
    {
        Name = string.Empty;
        Edit(name, firstBudgetYear, lastBudgetYear, adoptedOn);
        Stage = Enum.IsDefined(stage) ? stage : throw new PlanRuleException("Vælg planens stade.");
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public int FirstBudgetYear { get; private set; }
    public int LastBudgetYear { get; private set; }
    public DateOnly AdoptedOn { get; private set; }
    public PlanStage Stage { get; private set; } = PlanStage.Adopted;

    /// <summary>
    /// Whether an Administrator has opened the plan's public, read-only page (items, themes, status, X and timing; no
    /// notes, comments, case numbers or names). Off until someone turns it on.
    /// </summary>
    public bool IsPublic { get; private set; }

    /// <summary>Whether the public page also shows the published questions and their answers (never a draft or a note).</summary>
    public bool PublishesQuestions { get; private set; }

    /// <summary>Whether the public page names who asked each published question; only when it shows the questions at all.</summary>
    public bool ShowsAskerNames { get; private set; }

    /// <summary>Concurrency token for administration: renewed on every change of the plan or its themes.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<MainTheme> Themes => _themes;

    public IEnumerable<int> BudgetYears => Enumerable.Range(FirstBudgetYear, LastBudgetYear - FirstBudgetYear + 1);

    public bool IsArchived => Stage == PlanStage.Archived;

    /// <summary>Null while the plan may be changed; the Danish reason when it is read-only.</summary>
    public string? ReadOnlyReason => IsArchived ? $"Planen \"{Name}\" er arkiveret og kan kun læses." : null;

    public string BudgetPeriod => $"{FirstBudgetYear}-{LastBudgetYear}";

    public bool CoversYear(int year) => year >= FirstBudgetYear && year <= LastBudgetYear;

    /// <summary>Changes name, budget years and adoption date.</summary>
    public void Edit(string name, int firstBudgetYear, int lastBudgetYear, DateOnly adoptedOn)
    {
        TextRules.Require(name, Limits.PlanNameLength, "Planens navn");
        if (firstBudgetYear < Limits.EarliestYear || lastBudgetYear > Limits.LatestYear || lastBudgetYear < firstBudgetYear)
        {
            throw new PlanRuleException(
                $"Budgetårene skal ligge mellem {Limits.EarliestYear} og {Limits.LatestYear}, og første år må ikke ligge efter sidste år.");
        }

        if (lastBudgetYear - firstBudgetYear >= Limits.MaxBudgetYears)
        {
            throw new PlanRuleException($"En plan kan højst dække {Limits.MaxBudgetYears} budgetår.");
        }

        Name = name.Trim();
        FirstBudgetYear = firstBudgetYear;
        LastBudgetYear = lastBudgetYear;
        AdoptedOn = adoptedOn;
        Touch();
    }

    public void MoveTo(PlanStage stage)
    {
        if (!Enum.IsDefined(stage))
        {
            throw new PlanRuleException("Vælg planens stade.");
        }

        Stage = stage;
        Touch();
    }

    /// <summary>Opens or closes the plan's public page.</summary>
    public void SetPublic(bool isPublic)
    {
        IsPublic = isPublic;
        Touch();
    }

    /// <summary>
    /// Whether the public page shows the published questions and answers, and whether it names the askers. Names without
    /// the questions mean nothing, so they are shown only when the questions are.
    /// </summary>
    public void SetQuestionOpenness(bool publishesQuestions, bool showsAskerNames)
    {
        PublishesQuestions = publishesQuestions;
        ShowsAskerNames = publishesQuestions && showsAskerNames;
        Touch();
    }

    public MainTheme AddTheme(string name)
    {
        var trimmed = CheckThemeName(name, null);
        var theme = new MainTheme(this, trimmed, _themes.Count == 0 ? 1 : _themes.Max(t => t.Position) + 1);
        _themes.Add(theme);
        Touch();
        return theme;
    }

    public void RenameTheme(MainTheme theme, string name)
    {
        theme.Rename(CheckThemeName(name, theme));
        Touch();
    }

    /// <summary>Moves a theme one place up (-1) or down (+1) and numbers the themes 1, 2, 3 ...</summary>
    public void MoveTheme(MainTheme theme, int direction)
    {
        var ordered = _themes.OrderBy(t => t.Position).ToList();
        var index = ordered.IndexOf(theme);
        var target = index + Math.Sign(direction);
        if (index < 0 || target < 0 || target >= ordered.Count)
        {
            throw new PlanRuleException(direction < 0 ? $"\"{theme.Name}\" er allerede det første hovedpunkt." : $"\"{theme.Name}\" er allerede det sidste hovedpunkt.");
        }

        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Renumber(i + 1);
        }

        Touch();
    }

    /// <summary>Removes a theme that holds no items; themes after it move up.</summary>
    public void RemoveTheme(MainTheme theme, int itemCount)
    {
        if (itemCount > 0)
        {
            throw new PlanRuleException($"\"{theme.Name}\" har {itemCount} {(itemCount == 1 ? "punkt" : "punkter")} og kan ikke fjernes. Flyt punkterne til et andet hovedpunkt først.");
        }

        _themes.Remove(theme);
        var position = 1;
        foreach (var rest in _themes.OrderBy(t => t.Position))
        {
            rest.Renumber(position++);
        }

        Touch();
    }

    public static string StageName(PlanStage stage) => stage switch
    {
        PlanStage.Draft => "Under udarbejdelse",
        PlanStage.Adopted => "Vedtaget",
        PlanStage.Archived => "Arkiveret",
        _ => stage.ToString(),
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({BudgetPeriod})");

    private string CheckThemeName(string name, MainTheme? except)
    {
        TextRules.Require(name, Limits.ThemeNameLength, "Hovedpunktets navn");
        var trimmed = name.Trim();
        if (_themes.Any(t => t != except && string.Equals(t.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            throw new PlanRuleException($"Hovedpunktet \"{trimmed}\" findes allerede i planen.");
        }

        return trimmed;
    }

    private void Touch() => Version = Guid.NewGuid();
}
