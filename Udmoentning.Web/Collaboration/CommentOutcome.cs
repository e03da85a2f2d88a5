using Udmoentning.Domain.Collaboration;
using Udmoentning.Web.Changes;

namespace Udmoentning.Web.Collaboration;

/// <summary>
/// What became of a comment written, edited or deleted; the same statuses as <see cref="ChangeOutcome"/>.
/// <see cref="Comment"/> is the comment as saved (null when nothing was saved).
/// </summary>
public sealed record CommentOutcome(ChangeStatus Status, string? Message, ItemComment? Comment = null)
{
    public const string CommentNotFound = "Kommentaren findes ikke (længere).";

    public bool Succeeded => Status == ChangeStatus.Saved;

    public static CommentOutcome Saved(ItemComment comment) => new(ChangeStatus.Saved, null, comment);

    public static CommentOutcome Refused(string message) => new(ChangeStatus.Refused, message);

    public static CommentOutcome Invalid(string message) => new(ChangeStatus.Invalid, message);

    public static CommentOutcome Stale() => new(ChangeStatus.Stale,
        "Kommentaren er ændret, siden du så den (måske i et andet vindue). Din ændring er ikke gemt; du ser nu den aktuelle udgave.");

    public static CommentOutcome Forbidden(string message) => new(ChangeStatus.Forbidden, message);

    public static CommentOutcome NotFound(string message) => new(ChangeStatus.NotFound, message);

    public static CommentOutcome Unavailable() => new(ChangeStatus.Unavailable, StorageFailure.NotSaved);

    public static CommentOutcome TooMany() => new(ChangeStatus.Refused, ChangeLimiter.TooMany);

    /// <summary>The item kept changing under every attempt to save the comment (many moves at once); nothing was saved.</summary>
    public static CommentOutcome Busy() => new(ChangeStatus.Refused, "Punktet ændres af mange lige nu, så kommentaren blev ikke gemt. Prøv igen om et øjeblik.");
}
