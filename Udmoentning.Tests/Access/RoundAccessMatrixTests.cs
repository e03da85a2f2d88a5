using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rounds;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Planning;

namespace Udmoentning.Tests.Access;

/// <summary>
/// Every role against every follow-up round action, through the two services: coordinators and administrators run rounds
/// and may report on any item; an editor reports on the items of their own committee; readers and the anonymous nothing.
/// What is refused changes nothing and records nothing. Every signed-in reader may read the rounds, closed ones included.
/// </summary>
[Collection(RoundsCollection.Name)]
public sealed class RoundAccessMatrixTests(RoundApp app)
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

    public const string Anonymous = "anonym";
    public const string EditorBuu = "redaktoer-buu-runder";

    // AU-D4 is the AU editor's (own), BUU-D1 another committee's; ØU-D3 is cross-cutting and answered by ØU's editors.
    private const string OwnItem = "AU-D4";
    private const string OtherItem = "BUU-D1";
    private const string CrossCuttingItem = "ØU-D3";

    public static TheoryData<string, Action, bool> Matrix()
    {
        var allowed = new Dictionary<string, Action[]>
        {
            [Anonymous] = [],
            [TestUsers.Reader] = [],
            [TestUsers.EditorAu] = [Action.ReportOnOwnCommitteeItem, Action.MarkReady],
            [EditorBuu] = [Action.ReportOnOtherCommitteeItem],
            [TestUsers.Coordinator] = Enum.GetValues<Action>(),
            [TestUsers.Administrator] = Enum.GetValues<Action>(),
        };
        var data = new TheoryData<string, Action, bool>();
        foreach (var (user, actions) in allowed)
        {
            foreach (var action in Enum.GetValues<Action>())
            {
                data.Add(user, action, actions.Contains(action));
            }
        }

        return data;
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleMayDoExactlyTheRoundStepsItsRoleAllows(string userName, Action action, bool allowed)
    {
        var user = await PrincipalAsync(userName);
        var coordinator = await app.UserAsync(TestUsers.Coordinator);
        var code = action switch
        {
            Action.ReportOnOtherCommitteeItem => OtherItem,
            Action.ReportOnCrossCuttingItem => CrossCuttingItem,
            _ => OwnItem,
        };
        var round = await app.OpenAsync(code == OtherItem ? "BUU" : "AU");
        var item = await app.ItemAsync(code);
        var entry = await app.EntryAsync(round.Id, code);
        if (action == Action.MarkReady)
        {
            var written = await app.Items.ReportInRoundAsync(coordinator, new RoundReportRequest(round.Id, item.Id, entry.Version, "Skrevet af koordinatoren.", item.Health, item.Timing), Token);
            Assert.True(written.Succeeded, written.Message);
            entry = written.Value!.Entry!;
            item = await app.ItemAsync(code);
        }

        var (records, rounds) = (await app.RecordsAsync(), await app.CountRoundsAsync());
        var before = await app.RoundAsync(round.Id);

        (ChangeStatus Status, string? Message) outcome = action switch
        {
            Action.Open => Of(await app.Administration.OpenRoundAsync(user, 1, new RoundForm("Matrixrunde", new DateOnly(2026, 12, 15), null), Token)),
            Action.ChangeDeadline => Of(await app.Administration.ChangeRoundDeadlineAsync(user, round.Id, round.Version, new DateOnly(2027, 1, 10), Token)),
            Action.Assign => Of(await app.Administration.AssignInRoundAsync(user, round.Id, item.Id, entry.Version, CurrentUsers.UserId(coordinator), Token)),
            Action.Close => Of(await app.Administration.CloseRoundAsync(user, round.Id, round.Version, Token)),
            Action.MarkReady => Of(await app.Items.MarkReadyInRoundAsync(user, round.Id, item.Id, entry.Version, ready: true, Token)),
            _ => Of(await app.Items.ReportInRoundAsync(user, new RoundReportRequest(round.Id, item.Id, entry.Version, "Status fra matricen.", item.Health, item.Timing), Token)),
        };

        var after = await app.RoundAsync(round.Id);
        var afterEntry = await app.EntryAsync(round.Id, code);
        if (allowed)
        {
            Assert.True(outcome.Status == ChangeStatus.Saved, outcome.Message);
            var administrative = action is Action.Open or Action.ChangeDeadline or Action.Assign or Action.Close;
            Assert.Equal((records.Reports + (administrative ? 0 : 1), records.Administration + (administrative ? 1 : 0)), await app.RecordsAsync());
            Assert.Equal(rounds + (action == Action.Open ? 1 : 0), await app.CountRoundsAsync());
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

            Assert.Equal(records, await app.RecordsAsync());
            Assert.Equal(rounds, await app.CountRoundsAsync());
            Assert.Equal((before.Version, before.Deadline, before.IsClosed), (after.Version, after.Deadline, after.IsClosed));
            Assert.Equal((entry.Version, entry.StatusText, entry.IsReady, entry.AssigneeId), (afterEntry.Version, afterEntry.StatusText, afterEntry.IsReady, afterEntry.AssigneeId));
            Assert.Equal(item.Revision, (await app.ItemAsync(code)).Revision);
        }
    }

    [Fact]
    public async Task AnEditorOfAnotherCommitteeIsToldWhoAnswersForTheItem()
    {
        var round = await app.OpenAsync();
        var editor = await app.UserAsync(TestUsers.EditorAu);
        var other = await app.ItemAsync(OtherItem);
        var crossCutting = await app.ItemAsync(CrossCuttingItem);

        var onOther = await app.Items.ReportInRoundAsync(editor, new RoundReportRequest(round.Id, other.Id, (await app.EntryAsync(round.Id, OtherItem)).Version, "Tekst", other.Health, other.Timing), Token);
        var onCrossCutting = await app.Items.ReportInRoundAsync(editor, new RoundReportRequest(round.Id, crossCutting.Id, (await app.EntryAsync(round.Id, CrossCuttingItem)).Version, "Tekst", crossCutting.Health, crossCutting.Timing), Token);

        Assert.Equal((ChangeStatus.Forbidden, "BUU-D1 besvares i runden af redaktørerne for Børne- og ungdomsudvalget."), (onOther.Status, onOther.Message));
        Assert.Equal((ChangeStatus.Forbidden, "ØU-D3 besvares i runden af redaktørerne for Økonomiudvalget."), (onCrossCutting.Status, onCrossCutting.Message));
    }

    [Fact]
    public async Task ReadersReadTheRoundsClosedOnesWithTheirTextsIncludedButAnswerForNothing()
    {
        var coordinator = await app.UserAsync(TestUsers.Coordinator);
        var round = await app.OpenAsync("AU");
        var item = await app.ItemAsync(OwnItem);
        var entry = await app.EntryAsync(round.Id, OwnItem);
        var written = await app.Items.ReportInRoundAsync(coordinator, new RoundReportRequest(round.Id, item.Id, entry.Version, "Læsbar efter lukning.", item.Health, item.Timing), Token);
        Assert.True(written.Succeeded, written.Message);
        Assert.True((await app.Administration.CloseRoundAsync(coordinator, round.Id, (await app.RoundAsync(round.Id)).Version, Token)).Succeeded);
        var reader = await app.UserAsync(TestUsers.Reader);
        var actor = await app.Services.GetRequiredService<CurrentUsers>().ActorAsync(reader, Token);
        Assert.True(AccessRules.CanView(actor));

        var listed = Assert.Single(await app.Reader.ListAsync(1, Token), r => r.Id == round.Id);
        var closed = await app.Reader.GetAsync(1, round.Id, Token);

        Assert.True(listed.IsClosed);
        Assert.Equal(("Arbejdsmarkedsudvalget", round.Items.Count), (listed.Scope, listed.Items));
        Assert.NotNull(closed);
        Assert.True(closed.IsClosed);
        Assert.Equal("Læsbar efter lukning.", closed.ItemFor(item.Id)!.StatusText);
        Assert.Contains(await app.Reader.ForItemAsync(item.Id, Token), t => t.RoundId == round.Id && t.IsClosed && t.Entry.StatusText == "Læsbar efter lukning.");
        Assert.Empty(await app.Reader.MineAsync(actor, 1, Token));
        Assert.Equal(0, await app.Reader.MissingCountAsync(reader, 1, Token));
    }

    private async Task<ClaimsPrincipal> PrincipalAsync(string userName) => userName switch
    {
        Anonymous => new ClaimsPrincipal(new ClaimsIdentity()),
        EditorBuu => await TestUsers.CreateAsync(app.Services, EditorBuu, Role.Editor, "BUU"),
        _ => await app.UserAsync(userName),
    };

    private static (ChangeStatus, string?) Of(ChangeOutcome outcome) => (outcome.Status, outcome.Message);
}
