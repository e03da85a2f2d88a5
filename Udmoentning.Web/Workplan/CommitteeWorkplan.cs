using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Workplan;

/// <summary>
/// A committee's arbejdsplan as one viewer sees it: the committee's meetings in date order, each with the items of the
/// committee's extract scheduled for it, and the extract's items no meeting of the committee has yet.
/// Item changes are merged in place; a change to the structure (meetings, committees) builds a new one.
/// </summary>
public sealed class CommitteeWorkplan
{
    private readonly Dictionary<int, PlanItem> _items;
    private readonly Actor _actor;
    private readonly bool _canMove;
    private Dictionary<int, IReadOnlyList<PlanItem>> _byMeeting = [];
    private IReadOnlyList<PlanItem> _unscheduled = [];

    public CommitteeWorkplan(PlanSnapshot snapshot, Committee committee, Actor actor, bool canMove)
    {
        Snapshot = snapshot;
        Committee = committee;
        _actor = actor;
        _canMove = canMove && !snapshot.Plan.IsArchived;
        Meetings = [.. snapshot.Meetings.Values.Where(m => m.CommitteeId == committee.Id).OrderBy(m => m.Date).ThenBy(m => m.Id)];
        _items = CommitteeExtract.For(committee, snapshot.Items).ToDictionary(i => i.Id);
        Group();
    }

    public PlanSnapshot Snapshot { get; }

    public Committee Committee { get; }

    public IReadOnlyList<CommitteeMeeting> Meetings { get; }

    public IReadOnlyList<PlanItem> Unscheduled => _unscheduled;

    /// <summary>The card to give focus at its next render, after a move from the keyboard.</summary>
    public int? FocusItemId { get; set; }

    public IReadOnlyList<PlanItem> ScheduledAt(CommitteeMeeting meeting) => _byMeeting.GetValueOrDefault(meeting.Id, []);

    public PlanItem? Item(int id) => _items.GetValueOrDefault(id);

    /// <summary>The meeting of this committee the item is scheduled for, or null when it has none.</summary>
    public CommitteeMeeting? MeetingOf(PlanItem item) =>
        item.TreatmentCommitteeId == Committee.Id && Snapshot.Meeting(item.TreatmentMeetingId) is { } meeting && meeting.CommitteeId == Committee.Id
            ? meeting
            : null;

    /// <summary>Whether this viewer may move any of the workplan's items (the move help is for them only).</summary>
    public bool CanChangeItems => _items.Values.Any(CanChange);

    /// <summary>Whether to offer moving the item. A convenience only: <see cref="PlanItemService"/> decides.</summary>
    public bool CanChange(PlanItem item) => _canMove && AccessRules.CanChange(_actor, item);

    /// <summary>Meetings that take items: every meeting but the cancelled ones.</summary>
    public bool Accepts(CommitteeMeeting meeting) => !meeting.IsCancelled;

    /// <summary>
    /// The next (<paramref name="step"/> 1) or previous (-1) place for the item among "not scheduled" and the meetings that
    /// take items, in date order; null when there is none that way. The result's Meeting is null for "not scheduled".
    /// </summary>
    public (CommitteeMeeting? Meeting, bool Exists) Neighbour(PlanItem item, int step)
    {
        var places = new List<CommitteeMeeting?> { null };
        var current = MeetingOf(item);
        places.AddRange(Meetings.Where(m => Accepts(m) || m.Id == current?.Id));
        var at = current is null ? 0 : places.FindIndex(m => m?.Id == current.Id);
        var to = at + step;
        return to >= 0 && to < places.Count ? (places[to], true) : (null, false);
    }

    /// <summary>Merges saved items; returns those that were or are now in the extract, with the meeting they had before.</summary>
    public IReadOnlyList<(PlanItem Item, PlanItem? Before)> Apply(IEnumerable<PlanItem> items)
    {
        var applied = new List<(PlanItem, PlanItem?)>();
        foreach (var item in items)
        {
            var known = _items.GetValueOrDefault(item.Id);
            if (known is not null && known.Revision >= item.Revision)
            {
                continue;
            }

            if (CommitteeExtract.Includes(Committee, item))
            {
                _items[item.Id] = item;
                applied.Add((item, known));
            }
            else if (known is not null)
            {
                _items.Remove(item.Id);
                applied.Add((item, known));
            }
        }

        if (applied.Count > 0)
        {
            Group();
        }

        return applied;
    }

    public bool Contains(PlanItem item) => _items.ContainsKey(item.Id);

    private void Group()
    {
        var byMeeting = new Dictionary<int, List<PlanItem>>();
        var unscheduled = new List<PlanItem>();
        // In the order of the committee's meetings and annex: its own items, those it treats politically, the cross-cutting ones.
        var ordered = _items.Values.InMeetingOrder(
            i => CommitteeExtract.GroupOf(Committee.Id, i) ?? ExtractGroup.CrossCutting,
            i => Snapshot.Theme(i.ThemeId)?.Position ?? int.MaxValue,
            i => i.Code);
        foreach (var item in ordered)
        {
            if (MeetingOf(item) is { } meeting)
            {
                (byMeeting.TryGetValue(meeting.Id, out var list) ? list : byMeeting[meeting.Id] = []).Add(item);
            }
            else
            {
                unscheduled.Add(item);
            }
        }

        _byMeeting = byMeeting.ToDictionary(p => p.Key, p => (IReadOnlyList<PlanItem>)p.Value);
        _unscheduled = unscheduled;
    }
}
