using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Notifications;
using Udmoentning.Web.Access;
using Udmoentning.Web.Notifications;
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

    public const string CommentNotFound = "Kommentaren findes ikke (længere).";

    public const string CommentStale = "Kommentaren er ændret, siden du så den (måske i et andet vindue). " + ChangeOutcome.NothingSaved;

    /// <summary>The item kept changing under every attempt to save the comment (many moves at once); nothing was saved.</summary>
    public const string CommentBusy = "Punktet ændres af mange lige nu, så kommentaren blev ikke gemt. Prøv igen om et øjeblik.";

    public Task<ChangeOutcome<ItemComment>> AddCommentAsync(ClaimsPrincipal user, int itemId, string? text, CancellationToken cancellationToken = default) =>
        CommentAsync(user, "comment on", ChangeRun.Item(itemId), async change =>
        {
            var (item, _, refusal) = await LoadAsync(change, itemId, Anyone, withThemes: false, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            ItemComment comment;
            try
            {
                comment = new ItemComment(item!.PlanId, item.Id, change.Actor.UserId, change.Actor.Name, text ?? string.Empty, change.At);
            }
            catch (PlanRuleException e)
            {
                return ChangeOutcome.Invalid(e.Message);
            }

            change.Db.Comments.Add(comment);
            item.CountComments(1);
            await MentionAsync(change, item, comment, null, cancellationToken);
            return await CommentedAsync(change, item, comment, CommentedKind, new FieldChange(CommentField, null, comment.Text), cancellationToken);
        }, cancellationToken);

    public Task<ChangeOutcome<ItemComment>> EditCommentAsync(ClaimsPrincipal user, int commentId, Guid expectedVersion, string? text, CancellationToken cancellationToken = default) =>
        CommentAsync(user, "edit comment", $"comment {commentId}", change =>
            ChangeCommentAsync(change, commentId, expectedVersion, async (comment, item) =>
            {
                var old = comment.Text;
                if (string.Equals(old, text?.Trim(), StringComparison.Ordinal))
                {
                    // Saved as it is: nothing to record.
                    return ChangeOutcome.Saved(comment);
                }

                try
                {
                    comment.Edit(change.Actor.UserId, text ?? string.Empty, change.At);
                }
                catch (PlanRuleException e)
                {
                    return ChangeOutcome.Invalid(e.Message);
                }

                // Not a new comment, but a new revision of the item: viewers with the item open read the thread again.
                item.CountComments(0);
                await MentionAsync(change, item, comment, old, cancellationToken);
                return await CommentedAsync(change, item, comment, CommentEditedKind, new FieldChange(CommentField, old, comment.Text), cancellationToken);
            }, cancellationToken), cancellationToken);

    public Task<ChangeOutcome<ItemComment>> DeleteCommentAsync(ClaimsPrincipal user, int commentId, Guid expectedVersion, CancellationToken cancellationToken = default) =>
        CommentAsync(user, "delete comment", $"comment {commentId}", change =>
            ChangeCommentAsync(change, commentId, expectedVersion, (comment, item) =>
            {
                comment.Delete(change.Actor.UserId, change.At);
                item.CountComments(-1);
                return CommentedAsync(change, item, comment, CommentDeletedKind, new FieldChange(CommentField, comment.Text, null), cancellationToken);
            }, cancellationToken), cancellationToken);

    /// <summary>
    /// A comment through the pipeline: anyone who may comment (<see cref="AccessRules.RefusalToComment"/>) may try. The
    /// comment does not depend on the item's other fields, so when the item row changed under the save (a move, an edit),
    /// the pipeline saves it on a fresh read; a comment that changed meanwhile is found stale by the step itself.
    /// </summary>
    private Task<ChangeOutcome<ItemComment>> CommentAsync(ClaimsPrincipal user, string action, string subject, Func<Change, Task<ChangeOutcome>> step, CancellationToken cancellationToken) =>
        changes.RunAsync<ItemComment>(user, new ChangeRun(action, subject) { Gate = AccessRules.RefusalToComment, Busy = CommentBusy }, step, cancellationToken);

    /// <summary>Records the comment in the item's history and tells its viewers, as <see cref="ChangeKind.Commented"/>.</summary>
    private async Task<ChangeOutcome> CommentedAsync(Change change, PlanItem item, ItemComment comment, string kind, FieldChange recorded, CancellationToken cancellationToken)
    {
        change.Record(item, kind, [recorded]);
        var (committees, _) = await StructureAsync(change.Db, item, cancellationToken);
        change.Publish(ChangeKind.Commented, item, Previous(item, committees));
        return ChangeOutcome.Saved(comment);
    }

    /// <summary>Finds the comment and its item and checks the comment may still be changed by the actor; then lets <paramref name="change"/> change it.</summary>
    private async Task<ChangeOutcome> ChangeCommentAsync(
        Change change, int commentId, Guid expectedVersion, Func<ItemComment, PlanItem, Task<ChangeOutcome>> changeIt, CancellationToken cancellationToken)
    {
        var comment = await change.Db.Comments.SingleOrDefaultAsync(c => c.Id == commentId, cancellationToken);
        if (comment is null)
        {
            return new ChangeOutcome(ChangeStatus.NotFound, CommentNotFound, []);
        }

        var (item, _, refused) = await LoadAsync(change, comment.ItemId, Anyone, withThemes: false, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (comment.RefusalToChange(change.Actor.UserId, change.At) is { } refusal)
        {
            var own = string.Equals(comment.AuthorId, change.Actor.UserId, StringComparison.Ordinal);
            return own ? ChangeOutcome.Refused(refusal) : ChangeOutcome.Forbidden(refusal);
        }

        return comment.Version != expectedVersion ? new ChangeOutcome(ChangeStatus.Stale, CommentStale, []) : await changeIt(comment, item!);
    }

    /// <summary>Mails those the comment mentions (those it mentioned before its edit are not told again), with the comment's save.</summary>
    private async Task MentionAsync(Change change, PlanItem item, ItemComment comment, string? oldText, CancellationToken cancellationToken)
    {
        if (mailer.IsOn)
        {
            await mailer.QueueAsync(change, MailKind.Mention,
                await MentionMails.ForAsync(change.Db, mailer.Options, item, comment.Version, comment.Text, oldText, change.Actor, cancellationToken), cancellationToken);
        }
    }

    /// <summary>Anyone who may comment (the pipeline's gate) may comment on any item: comments cross committees on purpose.</summary>
    private static string? Anyone(Actor actor, PlanItem item) => null;
}
