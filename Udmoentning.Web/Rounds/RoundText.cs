using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Web.Rounds;

/// <summary>How round facts are written for the responsible person: counts in words, traffic-light classes, the quarters to choose. Deadlines are written by <see cref="MeetingDates.Format"/> ("15. juni 2026").</summary>
public static class RoundText
{
    /// <summary>"1 punkt" or "3 punkter".</summary>
    public static string Items(int count) => count == 1 ? "1 punkt" : $"{count} punkter";

    public static string HealthClass(Health? health) => health switch
    {
        Health.Yellow => "health-yellow",
        Health.Red => "health-red",
        Health.Green => "health-green",
        _ => "health-none",
    };

    /// <summary>The quarters a report may choose: every quarter of the plan's budget years, and the item's current one if it lies outside them.</summary>
    public static IReadOnlyList<Quarter> Quarters(Plan plan, Quarter? current)
    {
        var quarters = plan.BudgetYears.SelectMany(y => Enumerable.Range(1, 4).Select(q => new Quarter(y, q))).ToList();
        if (current is { } now && !quarters.Contains(now))
        {
            quarters.Add(now);
            quarters.Sort();
        }

        return quarters;
    }
}
