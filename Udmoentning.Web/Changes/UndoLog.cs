using System.Collections.Concurrent;
using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Changes;

/// <summary>
/// A user's own last move or edit of an item, kept for a short time so they can take it back ("Fortryd"; see
/// <see cref="PlanItemService.UndoAsync"/>). <see cref="VersionAfter"/> is the item's version right after the change: an
/// undo is refused when the item has a newer one. <see cref="Done"/> says what the change did ("AU-D3 flyttet til
/// Afsluttet"), <see cref="Undo"/> what an undo will do ("Flyt AU-D3 tilbage til I gang").
/// </summary>
public abstract record UndoEntry(int PlanId, int ItemId, string Code, Guid VersionAfter, DateTimeOffset At, string Done, string Undo)
{
    /// <summary>Tells this change from the user's next one, so a button never undoes a change it did not name.</summary>
    public Guid Id { get; } = Guid.NewGuid();
}

/// <summary>A move: the status and position the item had, and the card that stood below it then (to go back above it).</summary>
public sealed record MoveUndo(
    int PlanId, int ItemId, string Code, Guid VersionAfter, DateTimeOffset At, string Done, string Undo,
    ItemStatus StatusBefore, double PositionBefore, int? BelowBefore)
    : UndoEntry(PlanId, ItemId, Code, VersionAfter, At, Done, Undo);

/// <summary>An edit: the item's details as they were before it.</summary>
public sealed record EditUndo(
    int PlanId, int ItemId, string Code, Guid VersionAfter, DateTimeOffset At, string Done, string Undo, ItemDetails Before)
    : UndoEntry(PlanId, ItemId, Code, VersionAfter, At, Done, Undo);

/// <summary>What a board offers to undo, and until when.</summary>
public sealed record UndoOffer(Guid Id, int PlanId, int ItemId, string Done, string Undo, DateTimeOffset Until);

/// <summary>
/// Each user's last undoable change, by user id, in this web node's memory: with sticky sessions a user's circuit stays on
/// one node, and that is where their changes are made and undone. One entry per user (a newer change replaces it); an undo
/// takes it (there is no redo); it is offered for <see cref="Window"/> (the setting <c>Undo:WindowMinutes</c>, 5 by default).
/// </summary>
public sealed class UndoLog(TimeProvider clock, TimeSpan window)
{
    public const string Section = "Undo";

    private readonly ConcurrentDictionary<string, UndoEntry> _last = new();

    public TimeSpan Window => window;

    /// <summary>The window from the settings: more than 0 and at most 60 minutes.</summary>
    public static TimeSpan WindowFrom(IConfiguration configuration)
    {
        var minutes = configuration.GetValue($"{Section}:WindowMinutes", 5.0);
        if (minutes is <= 0 or > 60)
        {
            throw new StartupException($"{Section}:WindowMinutes must be above 0 and at most 60.");
        }

        return TimeSpan.FromMinutes(minutes);
    }

    public void Record(string userId, UndoEntry entry)
    {
        _last[userId] = entry;

        // Entries are small and one per user; expired ones are dropped now and then so the log holds only recent changes.
        if (_last.Count > 1000)
        {
            foreach (var (user, old) in _last.Where(e => IsExpired(e.Value)))
            {
                _last.TryRemove(new KeyValuePair<string, UndoEntry>(user, old));
            }
        }
    }

    /// <summary>The user's last change, expired or not; null when there is none.</summary>
    public UndoEntry? Last(string userId) => _last.GetValueOrDefault(userId);

    /// <summary>What to offer the user now: their last change while the window is open.</summary>
    public UndoOffer? OfferFor(string? userId) =>
        userId is not null && Last(userId) is { } entry && !IsExpired(entry)
            ? new UndoOffer(entry.Id, entry.PlanId, entry.ItemId, entry.Done, entry.Undo, entry.At + window)
            : null;

    public bool IsExpired(UndoEntry entry) => clock.GetUtcNow() >= entry.At + window;

    /// <summary>Takes <paramref name="entry"/> out of the log, unless a newer change (or another undo) came first.</summary>
    public bool TryTake(string userId, UndoEntry entry) => _last.TryRemove(new KeyValuePair<string, UndoEntry>(userId, entry));

    /// <summary>Puts a taken entry back when its undo could not be tried (the database was away), unless a newer change came.</summary>
    public void PutBack(string userId, UndoEntry entry) => _last.TryAdd(userId, entry);
}
