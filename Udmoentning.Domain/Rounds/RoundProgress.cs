namespace Udmoentning.Domain.Rounds;

/// <summary>How far a round has come: ready and overdue counts for the whole round, per committee and per person.</summary>
public sealed record RoundProgress(RoundCount Total, IReadOnlyList<CommitteeProgress> Committees, IReadOnlyList<PersonProgress> People)
{
    /// <summary>
    /// Counts the round. <paramref name="committeeOf"/> gives an item's committee now (null when the item is gone);
    /// <paramref name="people"/> are the users who may answer; <paramref name="today"/> is the Danish date.
    /// </summary>
    public static RoundProgress Of(
        FollowUpRound round,
        Func<int, int?> committeeOf,
        IReadOnlyDictionary<int, string> committeeNames,
        IReadOnlyList<RoundPerson> people,
        DateOnly today)
    {
        var entries = round.Items.Select(e => (Entry: e, Committee: committeeOf(e.ItemId))).Where(e => e.Committee is not null)
            .Select(e => (e.Entry, Committee: e.Committee!.Value)).ToList();

        RoundCount Count(IEnumerable<RoundItem> items)
        {
            var list = items.ToList();
            return new RoundCount(list.Count, list.Count(i => i.IsReady), list.Count(i => i.HasReport), list.Count(i => round.IsOverdue(i, today)));
        }

        var committees = entries.GroupBy(e => e.Committee)
            .Select(g => new CommitteeProgress(g.Key, committeeNames.GetValueOrDefault(g.Key, "?"), Count(g.Select(e => e.Entry))))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

        var byPerson = people
            .Select(p => (Person: p, Items: entries.Where(e => RoundRules.Answers(p, e.Entry, e.Committee)).Select(e => e.Entry).ToList()))
            .Where(p => p.Items.Count > 0)
            .Select(p => new PersonProgress(p.Person.UserId, p.Person.Name, Count(p.Items)));

        // A person chosen to answer who is no longer among the users still shows, so their items are not forgotten.
        var known = people.Select(p => p.UserId).ToHashSet(StringComparer.Ordinal);
        var departed = entries.Where(e => e.Entry.AssigneeId is { } id && !known.Contains(id))
            .GroupBy(e => (e.Entry.AssigneeId!, e.Entry.AssigneeName ?? "?"))
            .Select(g => new PersonProgress(g.Key.Item1, g.Key.Item2, Count(g.Select(e => e.Entry))));

        return new RoundProgress(
            Count(entries.Select(e => e.Entry)),
            committees,
            [.. byPerson.Concat(departed).OrderBy(p => p.Name, StringComparer.Ordinal)]);
    }
}

/// <summary>Items in the round, how many are ready, how many have a status text, and how many are overdue.</summary>
public sealed record RoundCount(int Items, int Ready, int Reported, int Overdue)
{
    public int Missing => Items - Ready;

    public bool IsComplete => Items > 0 && Ready == Items;
}

public sealed record CommitteeProgress(int CommitteeId, string Name, RoundCount Count);

public sealed record PersonProgress(string UserId, string Name, RoundCount Count);
