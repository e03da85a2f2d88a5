using Udmoentning.Domain.Input;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Domain.Economy;

/// <summary>
/// A budget follow-up (budgetopfølgning): the plan's state frozen under a name and an as-of date, e.g.
/// "Budgetopfølgning pr. 31. marts 2026". It is taken once and never changes: it has no methods that change it.
/// </summary>
public sealed class FollowUpSnapshot
{
    public const int NameLength = 120;

    private FollowUpSnapshot()
    {
        Name = string.Empty;
        TakenById = string.Empty;
        TakenByName = string.Empty;
        State = new FollowUpState([], [], [], []);
    }

    private FollowUpSnapshot(int planId, string name, DateOnly asOf, string takenById, string takenByName, DateTime takenAt, FollowUpState state)
    {
        PlanId = planId;
        Name = name;
        AsOf = asOf;
        TakenById = takenById;
        TakenByName = takenByName;
        TakenAt = takenAt;
        State = state;
    }

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public string Name { get; private set; }

    /// <summary>The date the follow-up is as of ("pr. 31. marts 2026").</summary>
    public DateOnly AsOf { get; private set; }

    public string TakenById { get; private set; }
    public string TakenByName { get; private set; }

    /// <summary>When it was taken, UTC.</summary>
    public DateTime TakenAt { get; private set; }

    public FollowUpState State { get; private set; }

    public static FollowUpSnapshot Take(int planId, string name, DateOnly asOf, string takenById, string takenByName, DateTime takenAt, FollowUpState state)
    {
        TextRules.Require(name, NameLength, "Navnet");
        if (asOf.Year < Limits.EarliestYear || asOf.Year > Limits.LatestYear)
        {
            throw new PlanRuleException($"Datoen skal ligge mellem {Limits.EarliestYear} og {Limits.LatestYear}.");
        }

        return new FollowUpSnapshot(planId, name.Trim(), asOf, takenById, takenByName, takenAt, state);
    }

    /// <summary>"Budgetopfølgning pr. 31. marts 2026".</summary>
    public static string DefaultName(DateOnly asOf) =>
        "Budgetopfølgning pr. " + MeetingDates.Format(asOf);
}
