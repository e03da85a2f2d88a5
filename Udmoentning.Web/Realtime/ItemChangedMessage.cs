using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Realtime;

/// <summary>
/// The hub's message for a saved change: the item as it is now, at <see cref="Revision"/> (every save raises it, so a client
/// that has an item at a revision ignores a message at that revision or lower). Documented in README ("Live updates").
/// </summary>
public sealed record ItemChangedMessage(
    int PlanId,
    int ItemId,
    string Code,
    string Title,
    string Kind,
    string Status,
    string PreviousStatus,
    string Health,
    int ThemeId,
    string Committee,
    string? Timing,
    string? BaselineTiming,
    bool IsCrossCutting,
    bool RequiresMedInvolvement,
    IReadOnlyDictionary<int, int> EffectsByYear,
    Guid Version,
    int Revision,
    string Change,
    string ChangedBy,
    DateTimeOffset ChangedAt)
{
    public static ItemChangedMessage From(ItemChange change, string committeeCode) => new(
        change.PlanId,
        change.Item.Id,
        change.Item.Code,
        change.Item.Title,
        change.Item.Kind.ToString(),
        change.Item.Status.ToString(),
        change.PreviousStatus.ToString(),
        change.Item.Health.ToString(),
        change.Item.ThemeId,
        committeeCode,
        change.Item.Timing?.ToString(),
        change.Item.BaselineTiming?.ToString(),
        change.Item.IsCrossCutting,
        change.Item.RequiresMedInvolvement,
        change.Item.Effects.ToDictionary(e => e.Year, e => e.AmountThousands),
        change.Item.Version,
        change.Item.Revision,
        change.Kind.ToString(),
        change.ChangedBy,
        change.ChangedAt);

    /// <summary>The <c>change</c> of the items in <see cref="PlanHub.Follow"/>'s answer: not a change, the item as it is now.</summary>
    public const string CurrentChange = "Current";

    /// <summary>An item as it is now (<see cref="CurrentChange"/>), not a change: <c>changedBy</c> is empty, <c>changedAt</c> the moment it was read.</summary>
    public static ItemChangedMessage Current(PlanItem item, string committeeCode, DateTimeOffset at) =>
        From(new ItemChange(item.PlanId, ChangeKind.Edited, item, item.Status, [], string.Empty, at), committeeCode) with { Change = CurrentChange };
}
