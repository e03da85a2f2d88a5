using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Web.Changes;

public enum ChangeStatus
{
    Saved,

    /// <summary>A plan rule refused the change (e.g. a status move that is not allowed).</summary>
    Refused,

    /// <summary>The input broke a field rule; see <see cref="ChangeOutcome.Errors"/>.</summary>
    Invalid,

    /// <summary>Someone else changed the item first; nothing was overwritten.</summary>
    Stale,

    NotFound,

    /// <summary>The user may not make this change; nothing was saved.</summary>
    Forbidden,

    /// <summary>The database could not be reached; nothing was saved and the user may try again.</summary>
    Unavailable,
}

/// <summary>
/// What became of a change. <see cref="Item"/> is the item as it is now in the database
/// (after the save, or unchanged when refused), so the UI can always show the current state.
/// </summary>
public sealed record ChangeOutcome(ChangeStatus Status, PlanItem? Item, string? Message, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Status == ChangeStatus.Saved;

    public static ChangeOutcome Saved(PlanItem item) => new(ChangeStatus.Saved, item, null, []);

    public static ChangeOutcome Refused(PlanItem item, string message) => new(ChangeStatus.Refused, item, message, []);

    public static ChangeOutcome Invalid(PlanItem item, IReadOnlyList<FieldError> errors) =>
        new(ChangeStatus.Invalid, item, "Punktet er ikke gemt. Ret de markerede felter.", errors);

    public static ChangeOutcome Stale(PlanItem? item) => new(ChangeStatus.Stale, item,
        $"{item?.Code ?? "Punktet"} er netop ændret af en anden. Din ændring er ikke gemt; du ser nu den aktuelle udgave.", []);

    public static ChangeOutcome Forbidden(PlanItem? item, string message) => new(ChangeStatus.Forbidden, item, message, []);

    public static ChangeOutcome Unavailable() => new(ChangeStatus.Unavailable, null, StorageFailure.NotSaved, []);

    /// <summary>The user made more changes than <see cref="ChangeLimiter"/> allows just now; nothing was looked at or saved.</summary>
    public static ChangeOutcome TooMany() => new(ChangeStatus.Refused, null, ChangeLimiter.TooMany, []);

    public static ChangeOutcome NotFound() => new(ChangeStatus.NotFound, null, "Punktet findes ikke (længere).", []);
}

/// <summary>Move an item to a status column; <paramref name="BeforeItemId"/> places it above that card, otherwise last.</summary>
public sealed record MoveRequest(int ItemId, Guid ExpectedVersion, ItemStatus To, int? BeforeItemId = null);
