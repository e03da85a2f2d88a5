namespace Udmoentning.Domain.Plans;

/// <summary>Where a plan is in its life: prepared, adopted and in use, or kept for reading only.</summary>
public enum PlanStage
{
    /// <summary>Under udarbejdelse: being prepared, e.g. next year's plan made from this one.</summary>
    Draft = 1,

    /// <summary>Vedtaget: the plan in use; the newest adopted plan is the one the board opens.</summary>
    Adopted = 2,

    /// <summary>Arkiveret: kept with its history, read-only.</summary>
    Archived = 3,
}
