using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Collaboration;

namespace Udmoentning.Tests.Access;

/// <summary>Every role against every comment action, through the one service: what is refused changes nothing and records nothing.</summary>
public sealed class CommentAccessMatrixTests(AppFactory app) : AccessMatrix<AppFactory>(app), IClassFixture<AppFactory>
{
    public enum Action
    {
        /// <summary>On an item of another committee than the editor's: comments cross committees on purpose.</summary>
        AddOnAnyItem,
        EditOwn,
        EditOthers,
        DeleteOwn,
        DeleteOthers,
        Read,
    }

    public static TheoryData<string, Action, bool> Matrix() => Cases(new Dictionary<string, Action[]>
    {
        [TestUsers.Reader] = [Action.Read],
        [TestUsers.EditorAu] = Writer,
        [TestUsers.Coordinator] = Writer,
        [TestUsers.Administrator] = Writer,
    });

    /// <summary>Whoever may write adds on any item, and edits and deletes their own comments, never someone else's.</summary>
    private static readonly Action[] Writer = [Action.AddOnAnyItem, Action.EditOwn, Action.DeleteOwn, Action.Read];

    // Another committee's item than the AU editor's.
    private static readonly string _item = AuthorizationMatrixTests.OtherItem;

    private const string OthersAuthor = "matrix-comment-author";

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleMayDoExactlyWhatItsRoleAllowsWithComments(string userName, Action action, bool allowed)
    {
        var user = await PrincipalAsync(userName);
        var userId = CurrentUsers.UserId(user)!;
        var item = await StoredAsync();

        // A comment written a moment ago, by this user (even a reader: written while they were an editor) or by someone else.
        var comment = action switch
        {
            Action.EditOwn or Action.DeleteOwn or Action.Read => await SeedAsync(item.Id, userId),
            Action.EditOthers or Action.DeleteOthers => await SeedAsync(item.Id, OthersAuthor),
            _ => null,
        };
        item = await StoredAsync();
        var recordsBefore = await HistoryCountAsync(item.Id);

        if (action == Action.Read)
        {
            var thread = await App.Services.GetRequiredService<CommentReader>().ThreadAsync(user, item.Id, Token);
            Assert.Null(thread.Problem);
            Assert.Contains(thread.Comments, c => c.Id == comment!.Id && c.Text == comment.Text);
            Assert.Equal(userName == TestUsers.Reader ? AccessRules.ReadOnly : null, thread.RefusalToWrite);
            return;
        }

        var text = $"Matrix {Guid.NewGuid():N}";
        var outcome = action switch
        {
            Action.AddOnAnyItem => await Items.AddCommentAsync(user, item.Id, text, Token),
            Action.EditOwn or Action.EditOthers => await Items.EditCommentAsync(user, comment!.Id, comment.Version, text, Token),
            _ => await Items.DeleteCommentAsync(user, comment!.Id, comment.Version, Token),
        };

        var after = await StoredAsync();
        if (allowed)
        {
            Assert.Equal(ChangeStatus.Saved, outcome.Status);
            Assert.Equal(recordsBefore + 1, await HistoryCountAsync(item.Id));
            var expectedCount = item.CommentCount + action switch { Action.AddOnAnyItem => 1, Action.DeleteOwn => -1, _ => 0 };
            Assert.Equal(expectedCount, after.CommentCount);
        }
        else
        {
            Assert.Equal(ChangeStatus.Forbidden, outcome.Status);
            Assert.Equal(userName == TestUsers.Reader ? AccessRules.ReadOnly : "Du kan kun rette og slette dine egne kommentarer.", outcome.Message);
            Assert.Equal((item.CommentCount, item.Revision), (after.CommentCount, after.Revision));
            Assert.Equal(recordsBefore, await HistoryCountAsync(item.Id));
            await using var db = await Contexts.CreateDbContextAsync(Token);
            Assert.False(await db.Comments.AnyAsync(c => c.Text == text, Token));
            if (comment is not null)
            {
                var stored = await db.Comments.AsNoTracking().SingleAsync(c => c.Id == comment.Id, Token);
                Assert.Equal((comment.Version, false), (stored.Version, stored.IsDeleted));
            }
        }
    }

    [Fact]
    public async Task SomeoneNotSignedInNeitherReadsNorWrites()
    {
        var item = await StoredAsync();
        var anonymous = new ClaimsPrincipal();

        var thread = await App.Services.GetRequiredService<CommentReader>().ThreadAsync(anonymous, item.Id, Token);
        var added = await Items.AddCommentAsync(anonymous, item.Id, "Anonym", Token);

        Assert.Equal((AccessRules.NotSignedIn, 0), (thread.Problem, thread.Comments.Count));
        Assert.Equal((ChangeStatus.Forbidden, AccessRules.NotSignedIn), (added.Status, added.Message));
    }

    private async Task<ItemComment> SeedAsync(int itemId, string authorId)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        var item = await db.Items.SingleAsync(i => i.Id == itemId, Token);
        var comment = new ItemComment(item.PlanId, item.Id, authorId, "Matrixforfatter", $"Frø {Guid.NewGuid():N}", DateTime.UtcNow);
        db.Comments.Add(comment);
        item.CountComments(1);
        await db.SaveChangesAsync(Token);
        return comment;
    }

    private Task<PlanItem> StoredAsync() => StoredAsync(_item);
}
