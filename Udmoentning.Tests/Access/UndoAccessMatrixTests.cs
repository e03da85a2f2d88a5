using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;

namespace Udmoentning.Tests.Access;

/// <summary>
/// "Fortryd" for every role, through the one service: each user undoes only their own last change, with the rights they have
/// now. What is refused changes nothing and records nothing. Each case has a user of its own, so no case sees another's change.
/// </summary>
public sealed class UndoAccessMatrixTests(AppFactory app) : AccessMatrix<AppFactory>(app), IClassFixture<AppFactory>
{
    public enum Action
    {
        /// <summary>Undo the user's own move of an item they may change (a reader has none to undo).</summary>
        UndoOwnMove,

        /// <summary>Undo the user's own edit of an item they may change.</summary>
        UndoOwnEdit,

        /// <summary>Undo when the last change is another user's: nothing of theirs can be undone.</summary>
        UndoAnotherUsersMove,

        /// <summary>Undo the user's own move after an administrator made them a reader.</summary>
        UndoAfterRightsRevoked,
    }

    /// <summary>Every role but the reader undoes its own move and edit; nobody undoes another's change, or with rights taken away.</summary>
    public static TheoryData<Role, Action, bool> Matrix() =>
        Cases(Enum.GetValues<Role>().ToDictionary(role => role, role => role == Role.Reader ? [] : new[] { Action.UndoOwnMove, Action.UndoOwnEdit }));

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleUndoesOnlyItsOwnChangeWithTheRightsItHasNow(Role role, Action action, bool allowed)
    {
        var userName = $"undo-{role}-{action}".ToLowerInvariant();
        var user = await TestUsers.CreateAsync(App.Services, userName, role, role == Role.Editor ? "AU" : null);
        var coordinator = await PrincipalAsync(TestUsers.Coordinator);
        var item = await NextItemAsync();

        // The change to undo: the user's own when they may make it; otherwise (a reader, or the other user's case) the coordinator's.
        var changer = role == Role.Reader || action == Action.UndoAnotherUsersMove ? coordinator : user;
        var change = action == Action.UndoOwnEdit
            ? await Items.UpdateAsync(changer, item.Id, item.Version, item.ToDetails() with { Notes = $"Note {Guid.NewGuid():N}" }, Token)
            : await Items.MoveAsync(changer, new MoveRequest(item.Id, item.Version, Other(item.Status)), Token);
        var changed = change.Succeeded ? change.Value! : item;
        if (action == Action.UndoAfterRightsRevoked)
        {
            await using var scope = App.Services.CreateAsyncScope();
            var administrator = await PrincipalAsync(TestUsers.Administrator);
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserAdministration>().AssignAsync(administrator, userName, Role.Reader, []));
        }

        var histories = await HistoryCountAsync(item.Id);

        var outcome = await Items.UndoAsync(user, cancellationToken: Token);

        var stored = await StoredAsync(item.Id);
        if (allowed)
        {
            Assert.Equal(ChangeStatus.Saved, outcome.Status);
            Assert.Equal((item.Status, item.Notes), (stored.Status, stored.Notes));
            Assert.Equal(histories + 1, await HistoryCountAsync(item.Id));
        }
        else
        {
            Assert.NotEqual(ChangeStatus.Saved, outcome.Status);
            Assert.False(string.IsNullOrWhiteSpace(outcome.Message));
            Assert.Equal(changed.Version, stored.Version);
            Assert.Equal(histories, await HistoryCountAsync(item.Id));
        }

        if (action == Action.UndoAfterRightsRevoked && role != Role.Reader)
        {
            Assert.Equal((ChangeStatus.Forbidden, AccessRules.ReadOnly), (outcome.Status, outcome.Message));
        }
    }

    [Fact]
    public async Task ASignedOutPrincipalIsRefused()
    {
        var outcome = await Items.UndoAsync(new ClaimsPrincipal(new ClaimsIdentity()), cancellationToken: Token);

        Assert.Equal((ChangeStatus.Forbidden, AccessRules.NotSignedIn), (outcome.Status, outcome.Message));
    }

    private static ItemStatus Other(ItemStatus status) => status == ItemStatus.InProgress ? ItemStatus.NotStarted : ItemStatus.InProgress;

    private static readonly SemaphoreSlim _picking = new(1, 1);
    private static int _next;

    /// <summary>An AU item every role but the reader may change, taken in turn, as it is stored now.</summary>
    private async Task<PlanItem> NextItemAsync()
    {
        await _picking.WaitAsync(Token);
        try
        {
            await using var db = await Contexts.CreateDbContextAsync(Token);
            var au = await db.Committees.Where(c => c.ShortCode == "AU").Select(c => c.Id).SingleAsync(Token);
            var items = await db.Items.AsNoTracking()
                .Where(i => i.CommitteeId == au && !i.IsCrossCutting && i.Kind != ItemKind.FiscalLeewayProposal && (i.Status == ItemStatus.NotStarted || i.Status == ItemStatus.InProgress))
                .OrderBy(i => i.Id).ToListAsync(Token);
            return items[_next++ % items.Count];
        }
        finally
        {
            _picking.Release();
        }
    }
}
