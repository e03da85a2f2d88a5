using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Access;
using Udmoentning.Web.Collaboration;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Changes;

/// <summary>
/// Comments in an item's thread. Editors, coordinators and administrators may comment on any item of a plan that is not
/// archived (comments cross committees on purpose); authors edit and delete their own within <see cref="ItemComment.EditWindow"/>.
/// Each one is saved with the item's comment count and a history record in one transaction, so the thread is part of the
/// item's record (and its aktindsigt export), and is published as <see cref="ChangeKind.Commented"/>.
/// </summary>
public sealed partial class PlanItemService
{
    public const string CommentedKind = "Kommenteret";
    public const string CommentEditedKind = "Kommentar rettet";
    public const string CommentDeletedKind = "Kommentar slettet";

    /// <summary>The field a comment is recorded under in the item's history.</summary>
    public const string CommentField = "Kommentar";

    /// <summary>
    /// How often a comment is tried again when the item row changed under it (someone moved or edited the item): the
    /// comment does not conflict with that change, so it is saved on a fresh read rather than refused.
    /// </summary>
    private const int CommentAttempts = 5;

    public Task<CommentOutcome> AddCommentAsync(ClaimsPrincipal user, int itemId, string? text, CancellationToken cancellationToken = default) =>
        logger.GuardAsync(() => WriteCommentAsync(user, "comment on", itemId, async (db, actor, now) =>
        {
            var item = await ItemAsync(db, itemId, cancellationToken);
            if (item is null)
            {
                return CommentStep.Answer(CommentOutcome.NotFound("Punktet findes ikke (længere)."));
            }

            if (await ReadOnlyReasonAsync(db, item, cancellationToken) is { } readOnly)
            {
                return CommentStep.Answer(CommentOutcome.Refused(readOnly));
            }

            ItemComment comment;
            try
            {
                comment = new ItemComment(item.PlanId, item.Id, actor.UserId, actor.Name, text ?? string.Empty, now);
            }
            catch (PlanRuleException e)
            {
                return CommentStep.Answer(CommentOutcome.Invalid(e.Message));
            }

            db.Comments.Add(comment);
            item.CountComments(1);
            return new CommentStep(null, item, comment, CommentedKind, new FieldChange(CommentField, null, comment.Text));
        }, cancellationToken), CommentOutcome.Unavailable);

    public Task<CommentOutcome> EditCommentAsync(ClaimsPrincipal user, int commentId, Guid expectedVersion, string? text, CancellationToken cancellationToken = default) =>
        logger.GuardAsync(() => WriteCommentAsync(user, "edit comment", commentId, (db, actor, now) =>
            ChangeCommentAsync(db, actor, commentId, expectedVersion, now, (comment, item) =>
            {
                var old = comment.Text;
                if (string.Equals(old, text?.Trim(), StringComparison.Ordinal))
                {
                    // Saved as it is: nothing to record.
                    return CommentStep.Answer(CommentOutcome.Saved(comment));
                }

                try
                {
                    comment.Edit(actor.UserId, text ?? string.Empty, now);
                }
                catch (PlanRuleException e)
                {
                    return CommentStep.Answer(CommentOutcome.Invalid(e.Message));
                }

                // Not a new comment, but a new revision of the item: viewers with the item open read the thread again.
                item.CountComments(0);
                return new CommentStep(null, item, comment, CommentEditedKind, new FieldChange(CommentField, old, comment.Text));
            }, cancellationToken), cancellationToken), CommentOutcome.Unavailable);

    public Task<CommentOutcome> DeleteCommentAsync(ClaimsPrincipal user, int commentId, Guid expectedVersion, CancellationToken cancellationToken = default) =>
        logger.GuardAsync(() => WriteCommentAsync(user, "delete comment", commentId, (db, actor, now) =>
            ChangeCommentAsync(db, actor, commentId, expectedVersion, now, (comment, item) =>
            {
                comment.Delete(actor.UserId, now);
                item.CountComments(-1);
                return new CommentStep(null, item, comment, CommentDeletedKind, new FieldChange(CommentField, comment.Text, null));
            }, cancellationToken), cancellationToken), CommentOutcome.Unavailable);

    /// <summary>
    /// Checks who writes, then runs <paramref name="attempt"/> on a fresh context and saves what it changed with its history
    /// record. When the item row changed meanwhile (its revision moved on), it runs again on a fresh read; a comment that
    /// changed meanwhile is found stale by the attempt itself.
    /// </summary>
    private async Task<CommentOutcome> WriteCommentAsync(
        ClaimsPrincipal user, string action, int id, Func<PlanDbContext, Actor, DateTime, Task<CommentStep>> attempt, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(user))
        {
            return CommentOutcome.TooMany();
        }

        var actor = await currentUsers.ActorAsync(user, cancellationToken);
        if (AccessRules.RefusalToComment(actor) is { } refusal)
        {
            return ForbiddenComment(user, action, id, refusal);
        }

        for (var i = 0; i < CommentAttempts; i++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var step = await attempt(db, actor, now.UtcDateTime);
            if (step.Outcome is { } answer)
            {
                if (answer.Status == ChangeStatus.Forbidden)
                {
                    logger.LogWarning("Forbidden: user {UserId} tried to {Action} {Id}: {Reason}", actor.UserId, action, id, answer.Message);
                }

                return answer;
            }

            var (item, comment) = (step.Item!, step.Comment!);
            db.History.Add(new ItemHistoryEntry(item.PlanId, item.Id, item.Code, now.UtcDateTime, actor.UserId, actor.Name, step.Kind, [step.Change!]));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                continue;
            }

            var (committees, _) = await StructureAsync(db, item, cancellationToken);
            var (status, extracts) = Previous(item, committees);
            await publisher.PublishAsync(new ItemChange(item.PlanId, ChangeKind.Commented, item, status, extracts, actor.Name, now), committees, cancellationToken);
            return CommentOutcome.Saved(comment);
        }

        return CommentOutcome.Busy();
    }

    /// <summary>Finds the comment and its item and checks the comment may still be changed by the actor; then lets <paramref name="change"/> change it.</summary>
    private async Task<CommentStep> ChangeCommentAsync(
        PlanDbContext db, Actor actor, int commentId, Guid expectedVersion, DateTime now, Func<ItemComment, PlanItem, CommentStep> change, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == commentId, cancellationToken);
        var item = comment is null ? null : await ItemAsync(db, comment.ItemId, cancellationToken);
        if (comment is null || item is null)
        {
            return CommentStep.Answer(CommentOutcome.NotFound(CommentOutcome.CommentNotFound));
        }

        if (await ReadOnlyReasonAsync(db, item, cancellationToken) is { } readOnly)
        {
            return CommentStep.Answer(CommentOutcome.Refused(readOnly));
        }

        if (comment.RefusalToChange(actor.UserId, now) is { } refusal)
        {
            var own = string.Equals(comment.AuthorId, actor.UserId, StringComparison.Ordinal);
            return CommentStep.Answer(own ? CommentOutcome.Refused(refusal) : CommentOutcome.Forbidden(refusal));
        }

        return comment.Version != expectedVersion ? CommentStep.Answer(CommentOutcome.Stale()) : change(comment, item);
    }

    /// <summary>Whether the item's plan is archived, read from the plan row itself (not as this node last heard).</summary>
    private async Task<string?> ReadOnlyReasonAsync(PlanDbContext db, PlanItem item, CancellationToken cancellationToken) =>
        (await PlanAsync(db, item.PlanId, cancellationToken)).ReadOnlyReason;

    private CommentOutcome ForbiddenComment(ClaimsPrincipal user, string action, int id, string reason)
    {
        logger.LogWarning("Forbidden: user {UserId} tried to {Action} {Id}: {Reason}", CurrentUsers.UserId(user), action, id, reason);
        return CommentOutcome.Forbidden(reason);
    }

    /// <summary>One attempt's result: an answer to give at once, or the changed item and comment with what to record.</summary>
    private sealed record CommentStep(CommentOutcome? Outcome, PlanItem? Item, ItemComment? Comment, string Kind, FieldChange? Change)
    {
        public static CommentStep Answer(CommentOutcome outcome) => new(outcome, null, null, string.Empty, null);
    }
}
