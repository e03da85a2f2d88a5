using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Meetings;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Meetings;

/// <summary>
/// One viewer's meeting: the items it follows in order, where the viewer is, whether they follow the presenter, and
/// what changed since the previous meeting. The page owns it; the views only read it.
/// </summary>
public sealed class MeetingSession
{
    private readonly Dictionary<int, PlanItem> _items;
    private Dictionary<int, IReadOnlyList<ItemHistoryEntry>> _changed = [];

    public MeetingSession(PlanSnapshot snapshot, MeetingScope scope)
    {
        Scope = scope;
        Snapshot = snapshot;
        _items = snapshot.Items.ToDictionary(i => i.Id);
        Extract = [];
        Themes = [];
        Order();
        Position = First;
    }

    public MeetingScope Scope { get; }

    /// <summary>The plan, with items as this viewer last heard of them.</summary>
    public PlanSnapshot Snapshot { get; private set; }

    /// <summary>
    /// The meeting's items: a committee's own first, then those it treats politically, then the cross-cutting ones; within
    /// each by main theme in the agreement's order, then by number.
    /// </summary>
    public IReadOnlyList<PlanItem> Extract { get; private set; }

    /// <summary>The meeting's sections (group and main theme) with their items; a main theme can come once per group.</summary>
    public IReadOnlyList<ExtractSection> Themes { get; private set; }

    /// <summary>Where this viewer is.</summary>
    public MeetingPosition Position { get; set; }

    /// <summary>The meeting as presented, when one has been started.</summary>
    public MeetingState? Presented { get; set; }

    /// <summary>Whether the viewer goes where the presenter goes; stopped, they browse on their own.</summary>
    public bool Following { get; set; } = true;

    /// <summary>The day changes are marked from: the previous meeting, or (direktion) a day the presenter picks.</summary>
    public DateOnly ChangesSince { get; set; }

    /// <summary>Changes to the meeting's items since <see cref="ChangesSince"/>, oldest first, per item.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<ItemHistoryEntry>> Changed => _changed;

    /// <summary>What changed during the meeting, for the summary; null until read.</summary>
    public IReadOnlyList<ItemHistoryEntry>? Summary { get; set; }

    public bool IsRunning => Presented is { IsRunning: true };

    public MeetingPosition First => Extract.Count > 0
        ? new MeetingPosition(MeetingView.Item, Extract[0].Id, Extract[0].ThemeId)
        : new MeetingPosition(MeetingView.Item, null, null);

    public PlanItem? CurrentItem => Position.ItemId is { } id ? Item(id) : null;

    /// <summary>The section the viewer is in: the one holding the current item (a section shown whole has its first item as current).</summary>
    public ExtractSection? CurrentTheme =>
        (Position.ItemId is { } id ? Themes.FirstOrDefault(t => t.Items.Any(i => i.Id == id) && t.Theme.Id == (Position.ThemeId ?? t.Theme.Id)) : null)
        ?? Themes.FirstOrDefault(t => t.Theme.Id == (Position.ThemeId ?? CurrentItem?.ThemeId));

    public PlanItem? Item(int id) => _items.GetValueOrDefault(id);

    public bool Includes(PlanItem item) => Scope.Includes(item);

    /// <summary>1-based place of the item in the meeting, or 0 when it is not (or no longer) in it.</summary>
    public int PlaceOf(int itemId) => Extract.ToList().FindIndex(i => i.Id == itemId) + 1;

    public MeetingPosition? Next() => Step(+1);

    public MeetingPosition? Previous() => Step(-1);

    /// <summary>The same place in another view: an item's theme, or a theme's first item when no item of it was shown.</summary>
    public MeetingPosition InView(MeetingView view)
    {
        if (view == MeetingView.Item && CurrentItem is { } item && item.ThemeId == Position.ThemeId)
        {
            return Position with { View = view };
        }

        if (view == MeetingView.Item && CurrentTheme is { Items.Count: > 0 } theme)
        {
            return new MeetingPosition(view, theme.Items[0].Id, theme.Theme.Id);
        }

        return Position with { View = view, ThemeId = Position.ThemeId ?? CurrentItem?.ThemeId };
    }

    /// <summary>Takes newer copies of items; returns those that are in the meeting (before or after the change).</summary>
    public IReadOnlyList<PlanItem> Apply(IEnumerable<PlanItem> items)
    {
        var touched = new List<PlanItem>();
        foreach (var item in items)
        {
            var known = _items.GetValueOrDefault(item.Id);
            if (known is not null && known.Revision >= item.Revision)
            {
                continue;
            }

            _items[item.Id] = item;
            if (Includes(item) || (known is not null && Includes(known)))
            {
                touched.Add(item);
            }
        }

        if (touched.Count > 0)
        {
            Snapshot = Snapshot with { Items = [.. _items.Values] };
            Order();
        }

        return touched;
    }

    public void SetChanged(IEnumerable<ItemHistoryEntry> oldestFirst) =>
        _changed = oldestFirst.GroupBy(e => e.ItemId).ToDictionary(g => g.Key, g => (IReadOnlyList<ItemHistoryEntry>)[.. g]);

    public void SetChanged(int itemId, IReadOnlyList<ItemHistoryEntry> oldestFirst)
    {
        if (oldestFirst.Count == 0)
        {
            _changed.Remove(itemId);
        }
        else
        {
            _changed[itemId] = oldestFirst;
        }
    }

    public bool HasChanged(int itemId) => _changed.ContainsKey(itemId);

    private MeetingPosition? Step(int direction)
    {
        switch (Position.View)
        {
            case MeetingView.Item:
                var at = Position.ItemId is { } id ? PlaceOf(id) - 1 : -1;
                var to = at < 0 ? 0 : at + direction;
                return to >= 0 && to < Extract.Count && Extract.Count > 0 && (at >= 0 || direction > 0)
                    ? new MeetingPosition(MeetingView.Item, Extract[to].Id, Extract[to].ThemeId)
                    : null;
            case MeetingView.Theme:
                var current = CurrentTheme;
                var index = current is null ? -1 : Themes.ToList().IndexOf(current);
                var target = index < 0 ? 0 : index + direction;
                return target >= 0 && target < Themes.Count && (index >= 0 || direction > 0)
                    ? new MeetingPosition(MeetingView.Theme, Themes[target].Items[0].Id, Themes[target].Theme.Id)
                    : null;
            default:
                return direction < 0 && Extract.Count > 0
                    ? new MeetingPosition(MeetingView.Item, Extract[^1].Id, Extract[^1].ThemeId)
                    : null;
        }
    }

    private void Order()
    {
        Themes = Snapshot.Sections(_items.Values, Scope.GroupOf);
        Extract = [.. Themes.SelectMany(t => t.Items)];
    }
}

