namespace Udmoentning.Domain.Items;

/// <summary>The board's columns, in order.</summary>
public enum ItemStatus
{
    NotStarted = 1,
    InProgress = 2,
    ReadyForPoliticalTreatment = 3,

    /// <summary>Afsluttet, marked X in the plan; completed items stay visible.</summary>
    Completed = 4,
}
