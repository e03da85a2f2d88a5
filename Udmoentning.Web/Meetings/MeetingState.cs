namespace Udmoentning.Web.Meetings;

/// <summary>Which meeting: a plan and a committee slug, or <see cref="MeetingScope.DirectorsSlug"/> for direktion and koncernledelse.</summary>
public readonly record struct MeetingKey
{
    [System.Text.Json.Serialization.JsonConstructor]
    public MeetingKey(int planId, string slug)
    {
        PlanId = planId;
        Slug = slug.Trim().ToLowerInvariant();
    }

    public int PlanId { get; }
    public string Slug { get; }
}

/// <summary>What the meeting shows: one item in full, one main theme's items as a list, or the meeting's summary.</summary>
public enum MeetingView
{
    Item,
    Theme,
    Summary,
}

/// <summary>A place in the meeting. The item and theme are both kept, so switching view returns to where one was.</summary>
public sealed record MeetingPosition(MeetingView View, int? ItemId, int? ThemeId);

/// <summary>A running (or ended) meeting as everybody who follows it sees it. A value: each change makes a new one.</summary>
public sealed record MeetingState(
    MeetingKey Key,
    string PresenterId,
    string PresenterName,
    DateTimeOffset StartedAt,
    MeetingPosition Position,
    DateOnly ChangesSince,
    long Sequence,
    DateTimeOffset? EndedAt = null)
{
    public bool IsRunning => EndedAt is null;
}

public enum MeetingResult
{
    Done,

    /// <summary>The user may not present this meeting at all.</summary>
    Forbidden,

    /// <summary>Somebody else presents; taking over is an explicit choice.</summary>
    NotPresenter,

    /// <summary>No meeting is running.</summary>
    NotRunning,
}

/// <summary>What became of a request to the registry, with the Danish reason when it was refused.</summary>
public sealed record MeetingOutcome(MeetingResult Result, MeetingState? State, string? Message = null)
{
    public bool Succeeded => Result == MeetingResult.Done;
}
