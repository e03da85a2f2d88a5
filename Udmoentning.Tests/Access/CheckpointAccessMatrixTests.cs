using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;

namespace Udmoentning.Tests.Access;

/// <summary>
/// Every role against every checkpoint action, through the one service: the direktion and koncernledelse steps are for
/// coordinators and administrators; MED and the political treatment for whoever may change the item; readers nothing.
/// What is refused changes nothing and records nothing.
/// </summary>
public sealed class CheckpointAccessMatrixTests(AppFactory app) : AccessMatrix<AppFactory>(app), IClassFixture<AppFactory>
{
    public enum Action
    {
        MedOnOwnCommitteeItem,
        MedOnOtherCommitteeItem,
        MedOnCrossCuttingItem,
        ExecutiveBoard,
        GroupManagement,
        PoliticalTreatmentOfOwnCommitteeItem,
    }

    // AU-D4: the AU editor's own MED item, nothing done; BUU-D1: another committee's; ØU-D3: cross-cutting, MED still to come.
    private const string OwnItem = "AU-D4";
    private const string OtherItem = "BUU-D1";
    private const string CrossCuttingItem = "ØU-D3";

    public static TheoryData<string, Action, bool> Matrix() => Cases(new Dictionary<string, Action[]>
    {
        [TestUsers.Reader] = [],
        [TestUsers.EditorAu] = [Action.MedOnOwnCommitteeItem, Action.PoliticalTreatmentOfOwnCommitteeItem],
        [TestUsers.Coordinator] = Enum.GetValues<Action>(),
        [TestUsers.Administrator] = Enum.GetValues<Action>(),
    });

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleMayMarkAndTakeBackExactlyTheStepsItsRoleAllows(string userName, Action action, bool allowed)
    {
        var user = await PrincipalAsync(userName);
        var (code, step) = action switch
        {
            Action.MedOnOwnCommitteeItem => (OwnItem, CheckpointStep.MedInvolved),
            Action.MedOnOtherCommitteeItem => (OtherItem, CheckpointStep.MedInvolved),
            Action.MedOnCrossCuttingItem => (CrossCuttingItem, CheckpointStep.MedInvolved),
            Action.ExecutiveBoard => (OwnItem, CheckpointStep.DiscussedByExecutiveBoard),
            Action.GroupManagement => (OwnItem, CheckpointStep.DiscussedByGroupManagement),
            _ => (OwnItem, CheckpointStep.PoliticallyTreated),
        };
        var before = await StoredAsync(code);
        var historyBefore = await HistoryCountAsync(before.Id);
        int? committee = step == CheckpointStep.PoliticallyTreated ? before.CommitteeId : null;

        var marked = await Items.MarkCheckpointAsync(user, new CheckpointRequest(before.Id, step, committee), Token);
        var markedItem = await StoredAsync(code);
        var cleared = await Items.ClearCheckpointAsync(user, before.Id, step, Token);
        var after = await StoredAsync(code);

        if (allowed)
        {
            Assert.Equal(ChangeStatus.Saved, marked.Status);
            Assert.Contains(markedItem.Checkpoints, c => c.Step == step && c.ByName == DisplayName(userName));
            Assert.Equal(ChangeStatus.Saved, cleared.Status);
            Assert.DoesNotContain(after.Checkpoints, c => c.Step == step);
            Assert.Equal(historyBefore + 2, await HistoryCountAsync(before.Id));
        }
        else
        {
            Assert.All([marked, cleared], outcome =>
            {
                Assert.Equal(ChangeStatus.Forbidden, outcome.Status);
                Assert.False(string.IsNullOrWhiteSpace(outcome.Message));
            });
            if (userName == TestUsers.Reader)
            {
                Assert.Equal(AccessRules.ReadOnly, marked.Message);
            }
            else if (step is CheckpointStep.DiscussedByExecutiveBoard or CheckpointStep.DiscussedByGroupManagement)
            {
                Assert.Equal(AccessRules.NotExecutive, marked.Message);
            }

            Assert.Equal(before.Revision, after.Revision);
            Assert.Equal(before.Checkpoints, after.Checkpoints);
            Assert.Equal(historyBefore, await HistoryCountAsync(before.Id));
        }

        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task SomeoneNotSignedInMayMarkNothing()
    {
        var before = await StoredAsync(OwnItem);

        var outcome = await Items.MarkCheckpointAsync(new ClaimsPrincipal(new ClaimsIdentity()), new CheckpointRequest(before.Id, CheckpointStep.MedInvolved), Token);

        Assert.Equal(ChangeStatus.Forbidden, outcome.Status);
        Assert.Equal(AccessRules.NotSignedIn, outcome.Message);
        Assert.Equal(before.Revision, (await StoredAsync(OwnItem)).Revision);
    }
}
