using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Rounds;

/// <summary>
/// One item in a follow-up round: who answers for it (a chosen person, or by default the editors of the item's committee),
/// the status text written for this round, the traffic light and timing confirmed with it, and whether it is ready.
/// Texts are kept per round, so earlier rounds' texts stay readable beside the current one.
/// </summary>
public sealed class RoundItem
{
    public const int StatusTextLength = 2000;

    private RoundItem()
    {
        ItemCode = string.Empty;
    }

    internal RoundItem(int itemId, string itemCode)
    {
        ItemId = itemId;
        ItemCode = itemCode;
    }

    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public int ItemId { get; private set; }

    /// <summary>The item's number when the round opened, for the record.</summary>
    public string ItemCode { get; private set; }

    /// <summary>The person chosen to answer for the item; null means the editors of the item's committee.</summary>
    public string? AssigneeId { get; private set; }

    public string? AssigneeName { get; private set; }

    public string? StatusText { get; private set; }
    public Health? Health { get; private set; }
    public Quarter? Timing { get; private set; }
    public DateTime? ReportedAt { get; private set; }
    public string? ReportedById { get; private set; }
    public string? ReportedByName { get; private set; }

    public bool IsReady { get; private set; }
    public DateTime? ReadyAt { get; private set; }
    public string? ReadyByName { get; private set; }

    /// <summary>Set when the round closes: nothing about the item in this round changes after that.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>Concurrency token: renewed on every change, so a change from a stale copy is refused.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public bool HasReport => StatusText is not null;

    /// <summary>
    /// The report for this round: a status text, with the traffic light and timing confirmed. A ready item stays ready
    /// when its text is corrected.
    /// </summary>
    public void Report(string? statusText, Health health, Quarter? timing, string byId, string byName, DateTime at)
    {
        RequireOpen();
        if (TextRules.Check(statusText, StatusTextLength, "Statusteksten", required: true, multiLine: true) is { } error)
        {
            throw new PlanRuleException(error);
        }

        if (!Enum.IsDefined(health))
        {
            throw new PlanRuleException("Vælg en gyldig tilstand (grøn, gul eller rød).");
        }

        // A quarter made without its constructor (default) is Q0 of year 0: stored, it could never be read back.
        if (timing is { } quarter && (quarter.Number is < 1 or > 4 || quarter.Year < Limits.EarliestYear || quarter.Year > Limits.LatestYear))
        {
            throw new PlanRuleException($"Vælg et gyldigt tidspunkt: et kvartal (1-4) og et år mellem {Limits.EarliestYear} og {Limits.LatestYear}.");
        }

        StatusText = statusText!.Trim();
        Health = health;
        Timing = timing;
        ReportedAt = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        ReportedById = byId;
        ReportedByName = byName;
        Version = Guid.NewGuid();
    }

    /// <summary>Marks the item ready ("klar") for the round; it must have its status text first.</summary>
    public void MarkReady(string byName, DateTime at)
    {
        RequireOpen();
        if (!HasReport)
        {
            throw new PlanRuleException($"Skriv statusteksten for {ItemCode}, før punktet markeres klar.");
        }

        if (IsReady)
        {
            throw new PlanRuleException($"{ItemCode} er allerede markeret klar af {ReadyByName}.");
        }

        IsReady = true;
        ReadyAt = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        ReadyByName = byName;
        Version = Guid.NewGuid();
    }

    /// <summary>Takes "klar" back, e.g. to correct the report before the deadline.</summary>
    public void MarkNotReady()
    {
        RequireOpen();
        if (!IsReady)
        {
            throw new PlanRuleException($"{ItemCode} er ikke markeret klar.");
        }

        IsReady = false;
        ReadyAt = null;
        ReadyByName = null;
        Version = Guid.NewGuid();
    }

    /// <summary>Chooses who answers for the item; null gives it back to the editors of the item's committee.</summary>
    public void Assign(string? userId, string? name)
    {
        RequireOpen();
        AssigneeId = string.IsNullOrEmpty(userId) ? null : userId;
        AssigneeName = AssigneeId is null ? null : name;
        Version = Guid.NewGuid();
    }

    internal void Freeze()
    {
        IsClosed = true;
        Version = Guid.NewGuid();
    }

    private void RequireOpen()
    {
        if (IsClosed)
        {
            throw new PlanRuleException($"Runden er lukket: {ItemCode} kan ikke ændres i den.");
        }
    }
}
