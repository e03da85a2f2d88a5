using Udmoentning.Domain.History;
using Udmoentning.Web.Planning;

namespace Udmoentning.Web.Meetings;

/// <summary>What changed in a meeting's items: since the previous meeting (marked in the meeting), and during it (its summary).</summary>
public sealed class MeetingHistory(HistoryReader history)
{
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
        var entries = await history.SinceAsync(snapshot.Plan.Id, sinceUtc, scope.Committee?.Slug, cancellationToken);
        return [.. entries.Where(e => items.Contains(e.ItemId)).Reverse()];
    }

    /// <summary>One item's changes since <paramref name="sinceUtc"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ItemHistoryEntry>> ForItemSinceAsync(int itemId, DateTime sinceUtc, CancellationToken cancellationToken = default) =>
        [.. (await history.ForItemAsync(itemId, cancellationToken)).Where(e => e.At >= sinceUtc).Reverse()];

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
