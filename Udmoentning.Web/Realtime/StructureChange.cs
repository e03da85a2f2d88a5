namespace Udmoentning.Web.Realtime;

/// <summary>
/// A saved change to a plan's structure: the plan itself, its main themes, or the committees and meetings every
/// plan shares (then <see cref="PlanId"/> is null). Viewers reload the plan rather than patch it. A change to something
/// beside the plan (<see cref="PlanPart.Questions"/>) leaves the plan as it is: only the pages that show that part read again.
/// </summary>
public sealed record StructureChange(int? PlanId, string Description, string ChangedBy, DateTimeOffset ChangedAt, PlanPart Part = PlanPart.Structure)
{
    public bool Concerns(int planId) => PlanId is null || PlanId == planId;

    /// <summary>The plan itself changed: the shared copy is read again and every page of the plan with it.</summary>
    public bool ChangesPlan => Part == PlanPart.Structure;
}

/// <summary>What a <see cref="StructureChange"/> changed.</summary>
public enum PlanPart
{
    /// <summary>The plan, its themes, committees or meetings: every page of the plan reads it again.</summary>
    Structure = 0,

    /// <summary>The politicians' questions on the plan: only pages that show questions read them again.</summary>
    Questions = 1,
}
