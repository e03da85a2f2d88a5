using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Domain.Rounds;

/// <summary>
/// A follow-up round (opfølgningsrunde): before a budget follow-up the coordinator asks the responsible people to report
/// on their items by a deadline ("Budgetopfølgning pr. 30. juni 2026"). Each item in it has a <see cref="RoundItem"/>:
/// who answers for it, the round's status text, the traffic light and timing confirmed, and whether it is ready. Closing
/// the round freezes it as a follow-up snapshot (<see cref="SnapshotId"/>); a closed round never changes again.
/// </summary>
public sealed class FollowUpRound
{
    public const int NameLength = 120;

    private readonly List<RoundItem> _items = [];

    private FollowUpRound()
    {
        Name = OpenedById = OpenedByName = string.Empty;
    }

    private FollowUpRound(int planId, string name, DateOnly deadline, int? committeeId, string byId, string byName, DateTime at)
    {
        PlanId = planId;
        Name = name;
        Deadline = deadline;
        CommitteeId = committeeId;
        OpenedById = byId;
        OpenedByName = byName;
        OpenedAt = DateTime.SpecifyKind(at, DateTimeKind.Utc);
    }

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public string Name { get; private set; }

    /// <summary>The last day to report (Danish date): items not ready after it are overdue.</summary>
    public DateOnly Deadline { get; private set; }

    /// <summary>Null for the whole plan's open items; otherwise the committee whose extract the round asks about.</summary>
    public int? CommitteeId { get; private set; }

    public string OpenedById { get; private set; }
    public string OpenedByName { get; private set; }
    public DateTime OpenedAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }
    public string? ClosedById { get; private set; }
    public string? ClosedByName { get; private set; }

    /// <summary>The follow-up snapshot the round was frozen as when it closed.</summary>
    public int? SnapshotId { get; private set; }

    /// <summary>Concurrency token: renewed when the round's own fields change (deadline, closing).</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    /// <summary>How often the deadline moved: the SEQUENCE of the deadline's calendar event.</summary>
    public int DeadlineSequence { get; private set; }

    public IReadOnlyList<RoundItem> Items => _items;

    public bool IsClosed => ClosedAt is not null;

    /// <summary>The items a new round asks about: the open items (not completed) of the whole plan or of a committee's extract.</summary>
    public static IReadOnlyList<PlanItem> ItemsFor(Committee? committee, IEnumerable<PlanItem> items) =>
        [.. (committee is null ? items : CommitteeExtract.For(committee, items)).Where(i => !i.IsCompleted)];

    /// <summary>Opens a round for <paramref name="items"/> (see <see cref="ItemsFor"/>); each item is answered by its committee's editors until someone else is chosen.</summary>
    public static FollowUpRound Open(Plan plan, string? name, DateOnly deadline, Committee? committee, IEnumerable<PlanItem> items, string byId, string byName, DateTime at)
    {
        if (plan.ReadOnlyReason is { } readOnly)
        {
            throw new PlanRuleException(readOnly);
        }

        TextRules.Require(name, NameLength, "Navnet");
        CheckDeadline(deadline);
        var chosen = items.Where(i => i.PlanId == plan.Id).ToList();
        if (chosen.Count == 0)
        {
            throw new PlanRuleException(committee is null
                ? "Planen har ingen åbne punkter at følge op på."
                : $"{committee.Name} har ingen åbne punkter at følge op på.");
        }

        var round = new FollowUpRound(plan.Id, name!.Trim(), deadline, committee?.Id, byId, byName, at);
        round._items.AddRange(chosen.OrderBy(i => i.Id).Select(i => new RoundItem(i.Id, i.Code)));
        return round;
    }

    /// <summary>Moves the deadline; only while the round is open.</summary>
    public void ChangeDeadline(DateOnly deadline)
    {
        RequireOpen();
        CheckDeadline(deadline);
        if (deadline != Deadline)
        {
            DeadlineSequence++;
        }

        Deadline = deadline;
        Version = Guid.NewGuid();
    }

    /// <summary>
    /// Closes the round as frozen in snapshot <paramref name="snapshotId"/>. Every item is frozen with it (a new version
    /// each), so a report read before the close and saved after it fails instead of changing a closed round.
    /// </summary>
    public void Close(int snapshotId, string byId, string byName, DateTime at)
    {
        RequireOpen();
        ClosedAt = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        ClosedById = byId;
        ClosedByName = byName;
        SnapshotId = snapshotId;
        Version = Guid.NewGuid();
        foreach (var item in _items)
        {
            item.Freeze();
        }
    }

    /// <summary>After the deadline (Danish date <paramref name="today"/>), an open round's items that are not ready are overdue.</summary>
    public bool IsOverdue(RoundItem item, DateOnly today) => !IsClosed && !item.IsReady && today > Deadline;

    public bool IsPastDeadline(DateOnly today) => today > Deadline;

    public RoundItem? ItemFor(int itemId) => _items.FirstOrDefault(i => i.ItemId == itemId);

    public void RequireOpen()
    {
        if (IsClosed)
        {
            throw new PlanRuleException(ClosedRefusal(Name));
        }
    }

    public static string ClosedRefusal(string name) => $"Runden \"{name}\" er lukket og kan ikke ændres.";

    private static void CheckDeadline(DateOnly deadline)
    {
        if (deadline.Year < Limits.EarliestYear || deadline.Year > Limits.LatestYear)
        {
            throw new PlanRuleException($"Fristen skal ligge mellem {Limits.EarliestYear} og {Limits.LatestYear}.");
        }
    }
}
