namespace Udmoentning.Domain.History;

/// <summary>
/// One saved change to an item: who, when, and each field's old and new value. Written in the same
/// transaction as the change itself, and never changed afterwards (for aktindsigt).
/// </summary>
public sealed class ItemHistoryEntry
{
    private ItemHistoryEntry()
    {
        ItemCode = UserId = UserName = Kind = string.Empty;
        Changes = [];
    }

    public ItemHistoryEntry(int planId, int itemId, string itemCode, DateTime at, string userId, string userName, string kind, IReadOnlyList<FieldChange> changes)
    {
        PlanId = planId;
        ItemId = itemId;
        ItemCode = itemCode;
        At = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        UserId = userId;
        UserName = userName;
        Kind = kind;
        Changes = changes;
    }

    public long Id { get; private set; }
    public int PlanId { get; private set; }
    public int ItemId { get; private set; }
    public string ItemCode { get; private set; }
    /// <summary>When, in UTC (stored as UTC on every provider, so it sorts and compares in SQL).</summary>
    public DateTime At { get; private set; }
    public string UserId { get; private set; }
    public string UserName { get; private set; }

    /// <summary>"Flyttet" (status or order) or "Redigeret" (details).</summary>
    public string Kind { get; private set; }

    public IReadOnlyList<FieldChange> Changes { get; private set; }
}
