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
        ownerId == committeeId || treatedById == committeeId || concernsAll;

    public static IEnumerable<PlanItem> For(Committee committee, IEnumerable<PlanItem> items) =>
        items.Where(item => Includes(committee, item));

    /// <summary>The ids of the committees whose extracts include <paramref name="item"/>.</summary>
    public static IReadOnlyList<int> CommitteesOf(PlanItem item, IEnumerable<Committee> committees) =>
        [.. committees.Where(c => Includes(c, item)).Select(c => c.Id)];
}
