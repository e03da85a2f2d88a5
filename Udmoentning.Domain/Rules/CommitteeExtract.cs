using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Domain.Rules;

/// <summary>
/// What a committee sees of the plan: its own items, the items it treats politically,
/// and the cross-cutting ones (råderumsforslag, budgetoverholdelse, ...), as the plan is presented to it.
/// </summary>
public static class CommitteeExtract
{
    public static bool Includes(Committee committee, PlanItem item) => Includes(committee.Id, item);

    public static bool Includes(int committeeId, PlanItem item) =>
        Includes(committeeId, item.CommitteeId, item.TreatmentCommitteeId, item.ConcernsAllCommittees);

    /// <summary>The rule itself, for an item as it is now or as a follow-up froze it.</summary>
    public static bool Includes(int committeeId, int ownerId, int? treatedById, bool concernsAll) =>
        GroupOf(committeeId, ownerId, treatedById, concernsAll) is not null;

    public static IEnumerable<PlanItem> For(Committee committee, IEnumerable<PlanItem> items) =>
        items.Where(item => Includes(committee, item));

    /// <summary>
    /// Why <paramref name="item"/> is in the committee's extract, or null when it is not. An item the committee owns is its
    /// own even when it is cross-cutting; one it treats politically comes next, then the cross-cutting rest.
    /// </summary>
    public static ExtractGroup? GroupOf(int committeeId, PlanItem item) =>
        GroupOf(committeeId, item.CommitteeId, item.TreatmentCommitteeId, item.ConcernsAllCommittees);

    /// <summary>The rule itself, for an item as it is now or as a follow-up froze it.</summary>
    public static ExtractGroup? GroupOf(int committeeId, int ownerId, int? treatedById, bool concernsAll) =>
        ownerId == committeeId ? ExtractGroup.Own
        : treatedById == committeeId ? ExtractGroup.TreatedPolitically
        : concernsAll ? ExtractGroup.CrossCutting
        : null;

    /// <summary>
    /// Rows of a committee's extract in the order the committee takes them in its meetings, annex, arbejdsplan and round
    /// reports: its own items, then those it treats politically, then the cross-cutting ones; within a group by main
    /// theme and number.
    /// </summary>
    public static IOrderedEnumerable<T> InMeetingOrder<T>(this IEnumerable<T> rows, Func<T, ExtractGroup> group, Func<T, int> themePosition, Func<T, string> code) =>
        rows.OrderBy(group).ThenBy(themePosition).ThenBy(code, ItemCodes.Order);

    /// <summary>The ids of the committees whose extracts include <paramref name="item"/>.</summary>
    public static IReadOnlyList<int> CommitteesOf(PlanItem item, IEnumerable<Committee> committees) =>
        [.. committees.Where(c => Includes(c, item)).Select(c => c.Id)];
}

/// <summary>Why an item is in a committee's extract; the order is the order of a committee's meeting.</summary>
public enum ExtractGroup
{
    /// <summary>The committee is responsible for the item.</summary>
    Own = 1,

    /// <summary>Another committee owns it; this one treats it politically.</summary>
    TreatedPolitically = 2,

    /// <summary>It concerns every committee (råderumsforslag, budgetoverholdelse, ...).</summary>
    CrossCutting = 3,
}

public static class ExtractGroupNames
{
    /// <summary>The heading a group has wherever it is shown.</summary>
    public static string Name(this ExtractGroup group) => group switch
    {
        ExtractGroup.Own => "Udvalgets egne punkter",
        ExtractGroup.TreatedPolitically => "Punkter, udvalget behandler politisk",
        ExtractGroup.CrossCutting => "Tværgående punkter",
        _ => group.ToString(),
    };
}
