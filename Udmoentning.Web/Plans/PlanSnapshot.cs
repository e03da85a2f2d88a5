using System.Runtime.CompilerServices;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;

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
}
