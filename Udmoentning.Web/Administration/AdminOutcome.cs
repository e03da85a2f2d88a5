using Udmoentning.Web.Changes;

namespace Udmoentning.Web.Administration;

/// <summary>What became of an administrative change: the same outcomes as an item change; <see cref="Id"/> names what was created or changed.</summary>
public sealed record AdminOutcome(ChangeStatus Status, string? Message, int? Id = null)
{
    public bool Succeeded => Status == ChangeStatus.Saved;

    public static AdminOutcome Saved(int? id = null, string? message = null) => new(ChangeStatus.Saved, message, id);

    public static AdminOutcome Refused(string message) => new(ChangeStatus.Refused, message);

    public static AdminOutcome Invalid(string message) => new(ChangeStatus.Invalid, message);

    public static AdminOutcome Stale(string what) =>
        new(ChangeStatus.Stale, $"{what} er netop ændret af en anden. Din ændring er ikke gemt; du ser nu den aktuelle udgave.");

    public static AdminOutcome NotFound(string what) => new(ChangeStatus.NotFound, $"{what} findes ikke (længere).");

    public static AdminOutcome Unavailable() => new(ChangeStatus.Unavailable, StorageFailure.NotSaved);

    public static AdminOutcome Forbidden(string message) => new(ChangeStatus.Forbidden, message);
}
