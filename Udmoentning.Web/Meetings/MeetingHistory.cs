using System.Collections.Concurrent;
using Udmoentning.Domain.History;
using Udmoentning.Web.History;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Meetings;

/// <summary>
/// What changed in a meeting's items: since the previous meeting (marked in the meeting), and during it (its summary).
/// Everyone following a meeting reads the same history when an item changes; the viewers that ask between two changes
/// handed out on this node share one read of the database, instead of one read each.
/// </summary>
public sealed class MeetingHistory
{
    private readonly HistoryReader _history;

    /// <summary>How long a read is shared at most, also when no change is handed out (a record written without one).</summary>
    private static readonly TimeSpan _sharedFor = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _clock;

    /// <summary>Reads since the last change this node handed out: a read started after a change was handed out includes it.</summary>
    private readonly ConcurrentDictionary<ReadKey, SharedRead> _reads = new();

    public MeetingHistory(HistoryReader history, LocalChangeFeed feed, TimeProvider clock)
    {
        _history = history;
        _clock = clock;
        feed.Dispatching += _ => _reads.Clear();
        feed.DispatchingStructure += _ => _reads.Clear();
    }

    /// <summary>
    /// The date a committee's changes are marked from: its latest meeting before today that was not cancelled (that day
    /// included, so a change made at the meeting itself is not lost); 14 days ago for direktion, or a committee without one.
    /// </summary>
    public static DateOnly PreviousMeeting(PlanSnapshot snapshot, MeetingScope scope, DateOnly today) =>
        scope.CommitteeId is { } committeeId
        && snapshot.Meetings.Values.Where(m => m.CommitteeId == committeeId && !m.IsCancelled && m.Date < today).Select(m => (DateOnly?)m.Date).Max() is { } date
            ? date
            : today.AddDays(-14);

    /// <summary>Changes since <paramref name="sinceUtc"/> to the items the meeting follows, oldest first.</summary>
    public async Task<IReadOnlyList<ItemHistoryEntry>> SinceAsync(PlanSnapshot snapshot, MeetingScope scope, DateTime sinceUtc, CancellationToken cancellationToken = default)
    {
        var items = snapshot.Items.Where(scope.Includes).Select(i => i.Id).ToHashSet();
        var entries = await SharedAsync(
            new ReadKey(snapshot.Plan.Id, null, scope.Committee?.Slug, sinceUtc),
            () => _history.SinceAsync(snapshot.Plan.Id, sinceUtc, scope.Committee?.Slug, CancellationToken.None),
            cancellationToken);
        return [.. entries.Where(e => items.Contains(e.ItemId)).Reverse()];
    }

    /// <summary>One item's changes since <paramref name="sinceUtc"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ItemHistoryEntry>> ForItemSinceAsync(int itemId, DateTime sinceUtc, CancellationToken cancellationToken = default) =>
        [.. (await SharedAsync(new ReadKey(null, itemId, null, null), () => _history.ForItemAsync(itemId, CancellationToken.None), cancellationToken))
            .Where(e => e.At >= sinceUtc).Reverse()];

    /// <summary>
    /// The read for <paramref name="key"/> that another viewer started since the last change, or a new one. A read that
    /// failed is not shared: the next viewer tries again. One viewer giving up (<paramref name="cancellationToken"/>)
    /// does not cancel the read for the others.
    /// </summary>
    private Task<IReadOnlyList<ItemHistoryEntry>> SharedAsync(ReadKey key, Func<Task<IReadOnlyList<ItemHistoryEntry>>> read, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var shared = _reads.GetOrAdd(key, _ => new SharedRead(now, new(read)));
        if (now - shared.Started > _sharedFor || (shared.Read.IsValueCreated && shared.Read.Value.IsFaulted))
        {
            _reads.TryRemove(KeyValuePair.Create(key, shared));
            shared = _reads.GetOrAdd(key, _ => new SharedRead(now, new(read)));
        }

        return shared.Read.Value.WaitAsync(cancellationToken);
    }

    /// <summary>A plan's changes since a time (for a committee, or all), or one item's whole history (each caller picks its own time from it).</summary>
    private readonly record struct ReadKey(int? PlanId, int? ItemId, string? Committee, DateTime? SinceUtc);

    private sealed record SharedRead(DateTimeOffset Started, Lazy<Task<IReadOnlyList<ItemHistoryEntry>>> Read);

    /// <summary>
    /// Each field's change over several records, from its first old value to its last new one, in the record's field order;
    /// a field changed and changed back is left out.
    /// </summary>
    public static IReadOnlyList<FieldChange> Net(IEnumerable<ItemHistoryEntry> oldestFirst)
    {
        var fields = new List<string>();
        var net = new Dictionary<string, (string? Old, string? New)>();
        foreach (var change in oldestFirst.SelectMany(e => e.Changes))
        {
            if (net.TryGetValue(change.Field, out var known))
            {
                net[change.Field] = (known.Old, change.New);
            }
            else
            {
                fields.Add(change.Field);
                net[change.Field] = (change.Old, change.New);
            }
        }

        return [.. fields.Where(f => net[f].Old != net[f].New).Select(f => new FieldChange(f, net[f].Old, net[f].New))];
    }
}
