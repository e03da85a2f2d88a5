using System.Globalization;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Public;

/// <summary>
/// What the public page of a plan shows, and nothing else: the plan's items under their themes with status, X and
/// timing. Made from the plan by picking fields, never by leaving some out, so a field added to an item later is not
/// published by accident: no notes, comments, case numbers, responsible units or names of people.
/// </summary>
public sealed record PublicPlan(string Name, string BudgetPeriod, string Stage, IReadOnlyList<PublicTheme> Themes, string ETag)
{
    /// <summary>The public plan, or null when the plan has no public page.</summary>
    public static PublicPlan? From(PlanSnapshot snapshot)
    {
        if (!snapshot.Plan.IsPublic)
        {
            return null;
        }

        var themes = snapshot.Themes.OrderBy(t => t.Position).Select(theme => new PublicTheme(
            theme.Name,
            [.. snapshot.Items.Where(i => i.ThemeId == theme.Id)
                .OrderBy(i => i.Status).ThenBy(i => i.Position).ThenBy(i => i.Id)
                .Select(i => PublicItem.From(i, snapshot.Committee(i.CommitteeId)))])).ToList();
        return new PublicPlan(snapshot.Plan.Name, snapshot.Plan.BudgetPeriod, Plan.StageName(snapshot.Plan.Stage), themes, ETagOf(snapshot));
    }

    /// <summary>Changes whenever the plan or any of its items does; a weak tag, as the page is the same content re-rendered.</summary>
    private static string ETagOf(PlanSnapshot snapshot) => string.Create(CultureInfo.InvariantCulture,
        $"W/\"{snapshot.Plan.Version:N}-{snapshot.Items.Count}-{snapshot.Items.Sum(i => (long)i.Revision)}\"");
}

public sealed record PublicTheme(string Name, IReadOnlyList<PublicItem> Items);

public sealed record PublicItem(
    string Code,
    string Title,
    string? Description,
    string Kind,
    string Committee,
    ItemStatus Status,
    string? Timing,
    string? BaselineTiming,
    int Slippage)
{
    public bool IsCompleted => Status == ItemStatus.Completed;

    public static PublicItem From(PlanItem item, Committee? committee) => new(
        item.Code,
        item.Title,
        item.Description,
        item.Kind.Name(),
        committee?.Name ?? string.Empty,
        item.Status,
        item.Timing?.ToString(),
        item.BaselineTiming?.ToString(),
        item.Slippage);
}
