using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Realtime;

public enum ChangeKind
{
    Moved,
    Edited,

    /// <summary>A new item, e.g. from an import.</summary>
    Created,

    /// <summary>Only the card's position number changed, keeping its place: its cell was renumbered. Applied silently.</summary>
    Reordered,

    /// <summary>A comment was added, edited or deleted: the card's comment count and anyone with the item open follow.</summary>
    Commented,

    /// <summary>A coordination step was marked done or taken back.</summary>
    Checkpoint,

    /// <summary>The user's own last move or edit was undone.</summary>
    Undone,

    /// <summary>A follow-up round's report on the item: its status text, confirmed traffic light and timing, or "klar".</summary>
    Reported,

    /// <summary>The item's kontering (its amounts placed on accounts) was changed.</summary>
    Accounts,
}

/// <summary>
/// A saved change with the changed item in it, so viewers need not query the database.
/// <see cref="PreviousCommitteeIds"/> lets committee views drop an item that has left their extract. <see cref="Origin"/> is the
/// page it was made from (<see cref="ChangeOrigin"/>), on this node only.
/// </summary>
public sealed record ItemChange(
    int PlanId,
    ChangeKind Kind,
    PlanItem Item,
    ItemStatus PreviousStatus,
    IReadOnlyList<int> PreviousCommitteeIds,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    string? Origin = null);
