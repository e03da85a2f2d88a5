using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Changes;

namespace Udmoentning.Web.Rounds;

/// <summary>
/// What became of a report in a follow-up round; the same statuses as <see cref="ChangeOutcome"/>. <see cref="Entry"/> is
/// the item's entry in the round as it is now (after the save, or unchanged when refused), when there is one.
/// </summary>
public sealed record RoundOutcome(ChangeStatus Status, string? Message, RoundItem? Entry = null, PlanItem? Item = null)
{
    public const string NotInRound = "Punktet er ikke med i runden (længere).";

    public bool Succeeded => Status == ChangeStatus.Saved;

    public static RoundOutcome Saved(RoundItem entry, PlanItem item, string message) => new(ChangeStatus.Saved, message, entry, item);

    public static RoundOutcome Refused(string message, RoundItem? entry = null) => new(ChangeStatus.Refused, message, entry);

    public static RoundOutcome Invalid(string message, RoundItem? entry = null) => new(ChangeStatus.Invalid, message, entry);

    public static RoundOutcome Stale(RoundItem? entry) => new(ChangeStatus.Stale,
        $"{entry?.ItemCode ?? "Punktet"} er ændret i runden af en anden, siden du åbnede det. Din ændring er ikke gemt; du ser nu den aktuelle udgave.", entry);

    public static RoundOutcome Forbidden(string message, RoundItem? entry = null) => new(ChangeStatus.Forbidden, message, entry);

    public static RoundOutcome NotFound(string message) => new(ChangeStatus.NotFound, message);

    public static RoundOutcome Unavailable() => new(ChangeStatus.Unavailable, StorageFailure.NotSaved);

    public static RoundOutcome TooMany() => new(ChangeStatus.Refused, ChangeLimiter.TooMany);
}
