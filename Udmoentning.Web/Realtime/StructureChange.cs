namespace Udmoentning.Web.Realtime;

/// <summary>
/// A saved change to a plan's structure: the plan itself, its main themes, or the committees and meetings every
/// plan shares (then <see cref="PlanId"/> is null). Viewers reload the plan rather than patch it.
/// </summary>
public sealed record StructureChange(int? PlanId, string Description, string ChangedBy, DateTimeOffset ChangedAt)
{
    public bool Concerns(int planId) => PlanId is null || PlanId == planId;
}
