namespace Udmoentning.Domain.Collaboration;

/// <summary>The coordination steps the plan asks for before an item is completed (X).</summary>
public enum CheckpointStep
{
    /// <summary>MED inddraget: the employee consultation system has been involved.</summary>
    MedInvolved = 1,

    /// <summary>Drøftet i Direktionen.</summary>
    DiscussedByExecutiveBoard = 2,

    /// <summary>Drøftet i Koncernledelsen.</summary>
    DiscussedByGroupManagement = 3,

    /// <summary>Politisk behandlet: treated by a committee, at a meeting.</summary>
    PoliticallyTreated = 4,
}

public static class CheckpointStepNames
{
    public static string Name(this CheckpointStep step) => step switch
    {
        CheckpointStep.MedInvolved => "MED inddraget",
        CheckpointStep.DiscussedByExecutiveBoard => "Drøftet i Direktionen",
        CheckpointStep.DiscussedByGroupManagement => "Drøftet i Koncernledelsen",
        CheckpointStep.PoliticallyTreated => "Politisk behandlet",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    /// <summary>A short form for a card ("Mangler: MED, Direktion"); words, not abbreviations, so it reads without a key.</summary>
    public static string ShortName(this CheckpointStep step) => step switch
    {
        CheckpointStep.MedInvolved => "MED",
        CheckpointStep.DiscussedByExecutiveBoard => "Direktion",
        CheckpointStep.DiscussedByGroupManagement => "Koncernledelse",
        CheckpointStep.PoliticallyTreated => "Politisk",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };
}

/// <summary>How a step is written in a URL (the board's "Venter på" filter).</summary>
public static class CheckpointStepSlugs
{
    public static string Slug(this CheckpointStep step) => step switch
    {
        CheckpointStep.MedInvolved => "med",
        CheckpointStep.DiscussedByExecutiveBoard => "direktion",
        CheckpointStep.DiscussedByGroupManagement => "koncernledelse",
        CheckpointStep.PoliticallyTreated => "politisk",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };
}
