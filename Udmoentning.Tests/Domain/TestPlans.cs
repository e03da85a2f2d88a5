using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Tests.Domain;

/// <summary>Small in-memory plans for the domain tests.</summary>
internal static class TestPlans
{
    public static Plan Plan2025()
    {
        var plan = new Plan("Udmøntningsplan 2025-2028", 2025, 2028, new DateOnly(2024, 12, 11));
        plan.AddTheme("Økonomisk politik");
        plan.AddTheme("Politiske visioner");
        SetIds(plan);
        return plan;
    }

    public static ItemDetails Details(Plan plan, string code = "AU-D3", int committeeId = 2) => new()
    {
        Code = code,
        Title = "Styrket virksomhedsrettet indsats",
        Kind = ItemKind.OperatingChange,
        ThemeId = plan.Themes[0].Id,
        CommitteeId = committeeId,
        Timing = new Quarter(2025, 2),
        Effects = [new YearlyEffect(2025, -500), new YearlyEffect(2026, -1250)],
    };

    public static PlanItem Item(Plan plan, ItemStatus status = ItemStatus.NotStarted, string code = "AU-D3", int committeeId = 2) =>
        PlanItem.Create(plan, Details(plan, code, committeeId), status);

    /// <summary>An item with the id the database would give it.</summary>
    public static PlanItem WithId(this PlanItem item, int id)
    {
        typeof(PlanItem).GetProperty(nameof(PlanItem.Id))!.SetValue(item, id);
        return item;
    }

    /// <summary>Themes get ids as the database would give them.</summary>
    private static void SetIds(Plan plan)
    {
        var id = 1;
        foreach (var theme in plan.Themes)
        {
            typeof(MainTheme).GetProperty(nameof(MainTheme.Id))!.SetValue(theme, id++);
        }
    }
}
