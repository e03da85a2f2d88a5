using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Realtime;

/// <summary>The hub's message for a saved change: the item as it is now. Documented in README ("Live updates").</summary>
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
        change.Kind.ToString(),
        change.ChangedBy,
        change.ChangedAt);
}
