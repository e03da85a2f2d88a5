using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Web.Access;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Collaboration;

/// <summary>One comment as a viewer sees it; a deleted one keeps its author and time but not its text.</summary>
public sealed record CommentView(int Id, string AuthorId, string AuthorName, DateTime CreatedAt, DateTime? EditedAt, bool IsDeleted, string Text, Guid Version)
{
    public const string DeletedText = "Kommentaren er slettet";

    public static CommentView Of(ItemComment comment) => new(
        comment.Id, comment.AuthorId, comment.AuthorName, comment.CreatedAt, comment.EditedAt, comment.IsDeleted,
        comment.IsDeleted ? DeletedText : comment.Text, comment.Version);

    /// <summary>Whether <paramref name="userId"/> may still edit or delete it at <paramref name="now"/> (the service decides).</summary>
    public bool CanChange(string userId, DateTime now) =>
        !IsDeleted && string.Equals(userId, AuthorId, StringComparison.Ordinal) && now - CreatedAt <= ItemComment.EditWindow;
}

/// <summary>
/// An item's thread for one viewer, oldest first (newest last), and whether they may write in it; <see cref="Problem"/>
/// says in Danish why there is nothing to show. <see cref="Mentions"/> are the names one may mention with "@": committees'
/// short codes and users' names.
/// </summary>
public sealed record CommentThreadView(IReadOnlyList<CommentView> Comments, string UserId, string? RefusalToWrite, string? Problem, IReadOnlyList<string> Mentions)
{
    public static CommentThreadView Nothing(string problem) => new([], string.Empty, problem, problem, []);
}

/// <summary>Reads an item's comments for a signed-in viewer; readers read them too.</summary>
public sealed class CommentReader(IDbContextFactory<PlanDbContext> contexts, CurrentUsers currentUsers)
{
    public async Task<CommentThreadView> ThreadAsync(ClaimsPrincipal user, int itemId, CancellationToken cancellationToken = default)
    {
        var actor = await currentUsers.ActorAsync(user, cancellationToken);
        if (!AccessRules.CanView(actor))
        {
            return CommentThreadView.Nothing(AccessRules.NotSignedIn);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var planId = await db.Items.AsNoTracking().Where(i => i.Id == itemId).Select(i => (int?)i.PlanId).SingleOrDefaultAsync(cancellationToken);
        if (planId is null)
        {
            return CommentThreadView.Nothing("Punktet findes ikke (længere).");
        }

        var readOnly = (await db.Plans.AsNoTracking().SingleAsync(p => p.Id == planId, cancellationToken)).ReadOnlyReason;
        var comments = await db.Comments.AsNoTracking().Where(c => c.ItemId == itemId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var codes = await db.Committees.AsNoTracking().Select(c => c.ShortCode).ToListAsync(cancellationToken);
        var names = await db.Users.AsNoTracking().Where(u => u.DisplayName.Contains(" ")).Select(u => u.DisplayName).ToListAsync(cancellationToken);
        return new CommentThreadView([.. comments.Select(CommentView.Of)], actor.UserId, AccessRules.RefusalToComment(actor) ?? readOnly, null, [.. codes, .. names]);
    }
}
