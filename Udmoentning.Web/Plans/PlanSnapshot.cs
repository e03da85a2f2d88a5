using System.Runtime.CompilerServices;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Web.Plans;

/// <summary>A plan with everything needed to show it: themes, committees, meetings and items.</summary>
public sealed record PlanSnapshot(
    Plan Plan,
    IReadOnlyList<MainTheme> Themes,
    IReadOnlyList<Committee> Committees,
    IReadOnlyDictionary<int, CommitteeMeeting> Meetings,
    IReadOnlyList<PlanItem> Items)
{
    /// <summary>The plan's economic targets (see <see cref="TargetProgress"/>), by name.</summary>
    public IReadOnlyList<EconomicTarget> Targets { get; init; } = [];

    public Committee? Committee(int? id) => id is null ? null : Committees.FirstOrDefault(c => c.Id == id);

    public Committee? CommitteeBySlug(string slug) =>
        Committees.FirstOrDefault(c => string.Equals(c.Slug, slug, StringComparison.OrdinalIgnoreCase));

    public MainTheme? Theme(int id) => Themes.FirstOrDefault(t => t.Id == id);

    /// <summary>An item of the snapshot by id, from one lookup per item list shared by everyone who reads it.</summary>
    public PlanItem? Item(int id) => _itemsById.GetValue(Items, items => items.ToDictionary(i => i.Id)).GetValueOrDefault(id);

    // Kept beside the list rather than in the record, so the record's copies and equality are as before.
    private static readonly ConditionalWeakTable<IReadOnlyList<PlanItem>, Dictionary<int, PlanItem>> _itemsById = [];

    public CommitteeMeeting? Meeting(int? id) => id is { } key && Meetings.TryGetValue(key, out var meeting) ? meeting : null;

    /// <summary>
    /// A committee's items (<paramref name="groupOf"/> says why each is there, or null when it is not) in the order of
    /// its meeting: by group, then main theme, then number, in one section per group and main theme.
    /// </summary>
    public IReadOnlyList<ExtractSection> Sections(IEnumerable<PlanItem> items, Func<PlanItem, ExtractGroup?> groupOf) =>
    [
        .. items.Select(item => (Group: groupOf(item), Item: item, Theme: Theme(item.ThemeId)))
            .Where(x => x.Group is not null && x.Theme is not null)
            .InMeetingOrder(x => x.Group!.Value, x => x.Theme!.Position, x => x.Item.Code)
            .GroupBy(x => (Group: x.Group!.Value, x.Theme))
            .Select(g => new ExtractSection(g.Key.Group, g.Key.Theme!, [.. g.Select(x => x.Item)])),
    ];
}

/// <summary>The items of one group (own, treated politically, cross-cutting) under one main theme, in meeting order.</summary>
public sealed record ExtractSection(ExtractGroup Group, MainTheme Theme, IReadOnlyList<PlanItem> Items);
