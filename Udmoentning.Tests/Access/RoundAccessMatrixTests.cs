using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rounds;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;

namespace Udmoentning.Tests.Access;

/// <summary>
/// Every role against every follow-up round action, through the two services: coordinators and administrators run rounds
/// and may report on any item; an editor reports on the items of their own committee; readers and the anonymous nothing.
/// What is refused changes nothing and records nothing. Every signed-in reader may read the rounds, closed ones included.
/// </summary>
[Collection(RoundsCollection.Name)]
public sealed class RoundAccessMatrixTests(RoundApp app) : AccessMatrix<RoundApp>(app)
{
    public enum Action
    {
        Open,
        ChangeDeadline,
        Assign,
        Close,
        ReportOnOwnCommitteeItem,
        ReportOnOtherCommitteeItem,
        ReportOnCrossCuttingItem,
        MarkReady,
    }

    public const string EditorBuu = "redaktoer-buu-runder";

    // AU-D4 is the AU editor's (own), BUU-D1 another committee's; ØU-D3 is cross-cutting and answered by ØU's editors.
    private const string OwnItem = "AU-D4";
    private const string OtherItem = "BUU-D1";
    private const string CrossCuttingItem = "ØU-D3";

    public static TheoryData<string, Action, bool> Matrix() => Cases(new Dictionary<string, Action[]>
    {
        [Anonymous] = [],
        [TestUsers.Reader] = [],
        [TestUsers.EditorAu] = [Action.ReportOnOwnCommitteeItem, Action.MarkReady],
        [EditorBuu] = [Action.ReportOnOtherCommitteeItem],
        [TestUsers.Coordinator] = Enum.GetValues<Action>(),
        [TestUsers.Administrator] = Enum.GetValues<Action>(),
    });

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleMayDoExactlyTheRoundStepsItsRoleAllows(string userName, Action action, bool allowed)
    {
        var user = await UserAsync(userName);
        var coordinator = await App.UserAsync(TestUsers.Coordinator);
        var code = action switch
        {
            Action.ReportOnOtherCommitteeItem => OtherItem,
            Action.ReportOnCrossCuttingItem => CrossCuttingItem,
            _ => OwnItem,
        };
        var round = await App.OpenAsync(code == OtherItem ? "BUU" : "AU");
        var item = await App.ItemAsync(code);
        var entry = await App.EntryAsync(round.Id, code);
        if (action == Action.MarkReady)
        {
            var written = await Items.ReportInRoundAsync(coordinator, new RoundReportRequest(round.Id, item.Id, entry.Version, "Skrevet af koordinatoren.", item.Health, item.Timing), Token);
            Assert.True(written.Succeeded, written.Message);
            entry = written.Value!.Entry!;
            item = await App.ItemAsync(code);
        }

        var (records, rounds) = (await App.RecordsAsync(), await App.CountRoundsAsync());
        var before = await App.RoundAsync(round.Id);

        (ChangeStatus Status, string? Message) outcome = action switch
        {
            Action.Open => Of(await Administration.OpenRoundAsync(user, 1, new RoundForm("Matrixrunde", new DateOnly(2026, 12, 15), null), Token)),
            Action.ChangeDeadline => Of(await Administration.ChangeRoundDeadlineAsync(user, round.Id, round.Version, new DateOnly(2027, 1, 10), Token)),
            Action.Assign => Of(await Administration.AssignInRoundAsync(user, round.Id, item.Id, entry.Version, CurrentUsers.UserId(coordinator), Token)),
            Action.Close => Of(await Administration.CloseRoundAsync(user, round.Id, round.Version, Token)),
            Action.MarkReady => Of(await Items.MarkReadyInRoundAsync(user, round.Id, item.Id, entry.Version, ready: true, Token)),
            _ => Of(await Items.ReportInRoundAsync(user, new RoundReportRequest(round.Id, item.Id, entry.Version, "Status fra matricen.", item.Health, item.Timing), Token)),
        };

        var after = await App.RoundAsync(round.Id);
        var afterEntry = await App.EntryAsync(round.Id, code);
        if (allowed)
        {
            Assert.True(outcome.Status == ChangeStatus.Saved, outcome.Message);
            var administrative = action is Action.Open or Action.ChangeDeadline or Action.Assign or Action.Close;
            Assert.Equal((records.Reports + (administrative ? 0 : 1), records.Administration + (administrative ? 1 : 0)), await App.RecordsAsync());
            Assert.Equal(rounds + (action == Action.Open ? 1 : 0), await App.CountRoundsAsync());
            switch (action)
            {
                case Action.ChangeDeadline:
                    Assert.Equal(new DateOnly(2027, 1, 10), after.Deadline);
                    break;
                case Action.Assign:
                    Assert.Equal(CurrentUsers.UserId(coordinator), afterEntry.AssigneeId);
                    break;
                case Action.Close:
                    Assert.True(after.IsClosed);
                    break;
                case Action.MarkReady:
                    Assert.True(afterEntry.IsReady);
                    break;
                case Action.Open:
                    break;
                default:
                    Assert.Equal("Status fra matricen.", afterEntry.StatusText);
                    break;
            }
        }
        else
        {
            Assert.Equal(ChangeStatus.Forbidden, outcome.Status);
            Assert.False(string.IsNullOrWhiteSpace(outcome.Message));
            var administrative = action is Action.Open or Action.ChangeDeadline or Action.Assign or Action.Close;
            var expected = (userName, administrative) switch
            {
                (Anonymous, _) => AccessRules.NotSignedIn,
                (_, true) => AccessRules.NotPlanManager,
                (TestUsers.Reader, false) => AccessRules.ReadOnly,
                _ => null,
            };
            if (expected is not null)
            {
                Assert.Equal(expected, outcome.Message);
            }

            Assert.Equal(records, await App.RecordsAsync());
            Assert.Equal(rounds, await App.CountRoundsAsync());
            Assert.Equal((before.Version, before.Deadline, before.IsClosed), (after.Version, after.Deadline, after.IsClosed));
            Assert.Equal((entry.Version, entry.StatusText, entry.IsReady, entry.AssigneeId), (afterEntry.Version, afterEntry.StatusText, afterEntry.IsReady, afterEntry.AssigneeId));
            Assert.Equal(item.Revision, (await App.ItemAsync(code)).Revision);
        }
    }

    [Fact]
    public async Task AnEditorOfAnotherCommitteeIsToldWhoAnswersForTheItem()
    {
        var round = await App.OpenAsync();
        var editor = await App.UserAsync(TestUsers.EditorAu);
        var other = await App.ItemAsync(OtherItem);
        var crossCutting = await App.ItemAsync(CrossCuttingItem);

        var onOther = await Items.ReportInRoundAsync(editor, new RoundReportRequest(round.Id, other.Id, (await App.EntryAsync(round.Id, OtherItem)).Version, "Tekst", other.Health, other.Timing), Token);
        var onCrossCutting = await Items.ReportInRoundAsync(editor, new RoundReportRequest(round.Id, crossCutting.Id, (await App.EntryAsync(round.Id, CrossCuttingItem)).Version, "Tekst", crossCutting.Health, crossCutting.Timing), Token);

        Assert.Equal((ChangeStatus.Forbidden, "BUU-D1 besvares i runden af redaktørerne for Børne- og ungdomsudvalget."), (onOther.Status, onOther.Message));
        Assert.Equal((ChangeStatus.Forbidden, "ØU-D3 besvares i runden af redaktørerne for Økonomiudvalget."), (onCrossCutting.Status, onCrossCutting.Message));
    }

    [Fact]
    public async Task ReadersReadTheRoundsClosedOnesWithTheirTextsIncludedButAnswerForNothing()
    {
        var coordinator = await App.UserAsync(TestUsers.Coordinator);
        var round = await App.OpenAsync("AU");
        var item = await App.ItemAsync(OwnItem);
        var entry = await App.EntryAsync(round.Id, OwnItem);
        var written = await Items.ReportInRoundAsync(coordinator, new RoundReportRequest(round.Id, item.Id, entry.Version, "Læsbar efter lukning.", item.Health, item.Timing), Token);
        Assert.True(written.Succeeded, written.Message);
        Assert.True((await Administration.CloseRoundAsync(coordinator, round.Id, (await App.RoundAsync(round.Id)).Version, Token)).Succeeded);
        var reader = await App.UserAsync(TestUsers.Reader);
        var actor = await App.Services.GetRequiredService<CurrentUsers>().ActorAsync(reader, Token);
        Assert.True(AccessRules.CanView(actor));

        var listed = Assert.Single(await App.Reader.ListAsync(1, Token), r => r.Id == round.Id);
        var closed = await App.Reader.GetAsync(1, round.Id, Token);

        Assert.True(listed.IsClosed);
        Assert.Equal(("Arbejdsmarkedsudvalget", round.Items.Count), (listed.Scope, listed.Items));
        Assert.NotNull(closed);
        Assert.True(closed.IsClosed);
        Assert.Equal("Læsbar efter lukning.", closed.ItemFor(item.Id)!.StatusText);
        Assert.Contains(await App.Reader.ForItemAsync(item.Id, Token), t => t.RoundId == round.Id && t.IsClosed && t.Entry.StatusText == "Læsbar efter lukning.");
        Assert.Empty(await App.Reader.MineAsync(actor, 1, Token));
        Assert.Equal(0, await App.Reader.MissingCountAsync(reader, 1, Token));
    }

    private async Task<ClaimsPrincipal> UserAsync(string userName) => userName switch
    {
        Anonymous => await PrincipalAsync(userName),
        EditorBuu => await TestUsers.CreateAsync(App.Services, EditorBuu, Role.Editor, "BUU"),
        _ => await App.UserAsync(userName),
    };

    private static (ChangeStatus, string?) Of(ChangeOutcome outcome) => (outcome.Status, outcome.Message);
}
