using Udmoentning.Domain.Plans;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Administration;

/// <summary>The fields of a plan as a form edits them; <see cref="ToForm"/> says what is missing in Danish.</summary>
public sealed class PlanFormModel
{
    public string? Name { get; set; }
    public int FirstBudgetYear { get; set; }
    public int LastBudgetYear { get; set; }
    public DateOnly? AdoptedOn { get; set; }

    /// <summary>A new plan's stage; under udarbejdelse unless the user chooses to adopt it at once.</summary>
    public PlanStage Stage { get; set; } = PlanStage.Draft;
    public string Problem { get; private set; } = string.Empty;

    public static PlanFormModel ForYear(int firstYear) => new()
    {
        Name = $"Udmøntningsplan {firstYear}-{firstYear + 3}",
        FirstBudgetYear = firstYear,
        LastBudgetYear = firstYear + 3,
        AdoptedOn = DateOnly.FromDateTime(DateTime.Today),
    };

    public static PlanFormModel From(PlanSnapshot snapshot) => new()
    {
        Name = snapshot.Plan.Name,
        FirstBudgetYear = snapshot.Plan.FirstBudgetYear,
        LastBudgetYear = snapshot.Plan.LastBudgetYear,
        AdoptedOn = snapshot.Plan.AdoptedOn,
    };

    /// <summary>The form's values, or null with <see cref="Problem"/> set when a field is missing (the domain checks the rest).</summary>
    public PlanForm? ToForm()
    {
        Problem = string.IsNullOrWhiteSpace(Name) ? "Skriv planens navn."
            : AdoptedOn is null ? "Vælg vedtagelsesdatoen."
            : string.Empty;
        return Problem.Length > 0 ? null : new PlanForm(Name!, FirstBudgetYear, LastBudgetYear, AdoptedOn!.Value, Stage);
    }
}
