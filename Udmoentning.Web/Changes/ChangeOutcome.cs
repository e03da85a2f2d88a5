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

    /// <summary>Someone else changed it first; nothing was overwritten.</summary>
    Stale,

    NotFound,

    /// <summary>The user may not make this change; nothing was saved.</summary>
    Forbidden,

    /// <summary>The database could not be reached; nothing was saved and the user may try again.</summary>
    Unavailable,
}

/// <summary>
/// What became of a change, any change (an item's, a comment's, a report in a round, an import, an administrative one):
/// saved, or why not, in the words the user is shown. <see cref="ChangeOutcome{T}"/> carries what the change is about as
/// it is now (the item after the save, or unchanged when refused), so a page can always show the current state. A step
/// answers with these factories; <see cref="ChangePipeline"/> gives the answers every change shares (too many, forbidden,
/// busy, unavailable).
/// </summary>
public record ChangeOutcome(ChangeStatus Status, string? Message, IReadOnlyList<FieldError> Errors)
{
    public const string NothingSaved = "Din ændring er ikke gemt; du ser nu den aktuelle udgave.";

    public bool Succeeded => Status == ChangeStatus.Saved;

    public static ChangeOutcome<T> Saved<T>(T value, string? message = null) => new(ChangeStatus.Saved, message, [], value);

    public static ChangeOutcome Refused(string message) => new(ChangeStatus.Refused, message, []);

    public static ChangeOutcome<T> Refused<T>(T value, string message) => new(ChangeStatus.Refused, message, [], value);

    public static ChangeOutcome Invalid(string message) => new(ChangeStatus.Invalid, message, []);

    /// <summary>An item's fields broke their rules: the form marks them.</summary>
    public static ChangeOutcome<PlanItem> Invalid(PlanItem item, IReadOnlyList<FieldError> errors) =>
        new(ChangeStatus.Invalid, "Punktet er ikke gemt. Ret de markerede felter.", errors, item);

    public static ChangeOutcome<T> Invalid<T>(T value, string message) => new(ChangeStatus.Invalid, message, [], value);

    /// <summary>"<paramref name="what"/> er netop ændret af en anden. …": the user's expected version is old.</summary>
    public static ChangeOutcome Stale(string what) => new(ChangeStatus.Stale, $"{what} er netop ændret af en anden. {NothingSaved}", []);

    /// <summary>The item changed since the user saw it; <paramref name="item"/> is how it is now.</summary>
    public static ChangeOutcome<PlanItem> Stale(PlanItem? item) =>
        new(ChangeStatus.Stale, $"{item?.Code ?? "Punktet"} er netop ændret af en anden. {NothingSaved}", [], item);

    public static ChangeOutcome<T> Stale<T>(T value, string message) => new(ChangeStatus.Stale, message, [], value);

    public static ChangeOutcome Forbidden(string message) => new(ChangeStatus.Forbidden, message, []);

    public static ChangeOutcome<T> Forbidden<T>(T value, string message) => new(ChangeStatus.Forbidden, message, [], value);

    /// <summary>"<paramref name="what"/> findes ikke (længere)."</summary>
    public static ChangeOutcome NotFound(string what = "Punktet") => new(ChangeStatus.NotFound, $"{what} findes ikke (længere).", []);

    public static ChangeOutcome Unavailable() => new(ChangeStatus.Unavailable, StorageFailure.NotSaved, []);

    /// <summary>The user made more changes than <see cref="ChangeLimiter"/> allows just now; nothing was looked at or saved.</summary>
    public static ChangeOutcome TooMany() => new(ChangeStatus.Refused, ChangeLimiter.TooMany, []);

    /// <summary>
    /// This outcome with a payload of <typeparamref name="T"/>: its own, or none for a refusal without one (or with another,
    /// e.g. the item behind a refused comment). A saved change must carry the payload its operation promises.
    /// </summary>
    public ChangeOutcome<T> As<T>() => this switch
    {
        ChangeOutcome<T> typed => typed,
        { Succeeded: false } => new(Status, Message, Errors, default),
        _ => throw new InvalidOperationException($"A change answered {GetType().Name} where {typeof(ChangeOutcome<T>).Name} was expected."),
    };
}

/// <summary>An outcome with what the change is about as it is now: <see cref="Value"/>, when there is one.</summary>
public sealed record ChangeOutcome<T>(ChangeStatus Status, string? Message, IReadOnlyList<FieldError> Errors, T? Value)
    : ChangeOutcome(Status, Message, Errors)
{
    /// <summary>The same outcome with another message (a step that says more than "saved").</summary>
    public ChangeOutcome<T> Saying(string? message) => this with { Message = message };
}

/// <summary>Move an item to a status column; <paramref name="BeforeItemId"/> places it above that card, otherwise last.</summary>
public sealed record MoveRequest(int ItemId, Guid ExpectedVersion, ItemStatus To, int? BeforeItemId = null);
