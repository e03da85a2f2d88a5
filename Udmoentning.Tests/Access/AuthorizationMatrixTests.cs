using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data.Sample;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Access;

/// <summary>Every role against every action, through the one service: what is refused changes nothing and records nothing.</summary>
public sealed class AuthorizationMatrixTests(AppFactory app) : AccessMatrix<AppFactory>(app), IClassFixture<AppFactory>
{
    public enum Action
    {
        ViewBoard,
        MoveOwnCommitteeItem,
        MoveOtherCommitteeItem,
        MoveCrossCuttingItem,
        EditFields,
        Administer,
        ManagePlans,
        ImportPlan,
        ManageTargets,
    }

    public static TheoryData<string, Action, bool> Matrix() => Cases(new Dictionary<string, Action[]>
    {
        [TestUsers.Reader] = [Action.ViewBoard],
        [TestUsers.EditorAu] = [Action.ViewBoard, Action.MoveOwnCommitteeItem, Action.EditFields],
        [TestUsers.Coordinator] = [.. Enum.GetValues<Action>().Where(a => a != Action.Administer)],
        [TestUsers.Administrator] = Enum.GetValues<Action>(),
    });

    // The AU editor's own item, another committee's item, and a cross-cutting one; all movable between "Ikke påbegyndt" and "I gang".
    internal static readonly string OwnItem = Pick(i => i.Committee == "AU");
    internal static readonly string OtherItem = Pick(i => i.Committee == "BUU");
    internal static readonly string CrossCuttingItem = SamplePlanData.Items.First(i => i.CrossCutting && i.Status is ItemStatus.InProgress or ItemStatus.NotStarted).Code;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleMayDoExactlyWhatItsRoleAllows(string userName, Action action, bool allowed)
    {
        var user = await PrincipalAsync(userName);

        switch (action)
        {
            case Action.ViewBoard:
                var client = App.CreateClient(new() { AllowAutoRedirect = false });
                await TestUsers.SignInAsync(client, userName);
                var response = await client.GetAsync("/", Token);
                Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Redirect, response.StatusCode);
                break;
            case Action.MoveOwnCommitteeItem:
                await AssertMoveAsync(user, OwnItem, allowed);
                break;
            case Action.MoveOtherCommitteeItem:
                await AssertMoveAsync(user, OtherItem, allowed);
                break;
            case Action.MoveCrossCuttingItem:
                await AssertMoveAsync(user, CrossCuttingItem, allowed);
                break;
            case Action.EditFields:
                await AssertEditAsync(user, OwnItem, allowed);
                break;
            case Action.Administer:
                await AssertAdministerAsync(user, allowed);
                break;
            case Action.ManagePlans:
                await AssertManagePlansAsync(user, allowed);
                break;
            case Action.ImportPlan:
                await AssertImportAsync(user, allowed);
                break;
            case Action.ManageTargets:
                await AssertManageTargetsAsync(user, allowed);
                break;
        }
    }

    [Fact]
    public async Task AnEditorCannotHandTheirItemToAnotherCommitteeOrMakeItCrossCutting()
    {
        var editor = await PrincipalAsync(TestUsers.EditorAu);
        var item = await StoredAsync(OwnItem);
        var buu = await CommitteeIdAsync("BUU");

        var handedOver = await Items.UpdateAsync(editor, item.Id, item.Version, item.ToDetails() with { CommitteeId = buu }, Token);
        var madeCrossCutting = await Items.UpdateAsync(editor, item.Id, item.Version, item.ToDetails() with { IsCrossCutting = true }, Token);

        Assert.Equal(ChangeStatus.Forbidden, handedOver.Status);
        Assert.Equal(ChangeStatus.Forbidden, madeCrossCutting.Status);
        Assert.Equal(item.Version, (await StoredAsync(OwnItem)).Version);
    }

    private async Task AssertMoveAsync(ClaimsPrincipal user, string code, bool allowed)
    {
        var before = await StoredAsync(code);
        var historyBefore = await HistoryCountAsync(before.Id);
        var to = before.Status == ItemStatus.InProgress ? ItemStatus.NotStarted : ItemStatus.InProgress;

        var outcome = await Items.MoveAsync(user, new MoveRequest(before.Id, before.Version, to), Token);

        await AssertOutcomeAsync(outcome, before, historyBefore, allowed);
        if (allowed)
        {
            Assert.Equal(to, (await StoredAsync(code)).Status);
        }
    }

    private async Task AssertEditAsync(ClaimsPrincipal user, string code, bool allowed)
    {
        var before = await StoredAsync(code);
        var historyBefore = await HistoryCountAsync(before.Id);

        var outcome = await Items.UpdateAsync(user, before.Id, before.Version, before.ToDetails() with { Notes = $"Note {Guid.NewGuid():N}" }, Token);

        await AssertOutcomeAsync(outcome, before, historyBefore, allowed);
    }

    private async Task AssertOutcomeAsync(ChangeOutcome outcome, PlanItem before, int historyBefore, bool allowed)
    {
        var after = await StoredAsync(before.Code);
        if (allowed)
        {
            Assert.Equal(ChangeStatus.Saved, outcome.Status);
            Assert.NotEqual(before.Version, after.Version);
            Assert.Equal(historyBefore + 1, await HistoryCountAsync(before.Id));
        }
        else
        {
            Assert.Equal(ChangeStatus.Forbidden, outcome.Status);
            Assert.False(string.IsNullOrWhiteSpace(outcome.Message));
            Assert.Equal(before.Version, after.Version);
            Assert.Equal(historyBefore, await HistoryCountAsync(before.Id));
        }
    }

    private async Task AssertAdministerAsync(ClaimsPrincipal user, bool allowed)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
        await AccessStartup.EnsureUserAsync(users, "matrix-target", "Mål for matricen", null, Role.Reader, null);
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        if (allowed)
        {
            Assert.Null(await administration.AssignAsync(user, "matrix-target", Role.Editor, ["KUU"]));
            Assert.Null(await administration.AssignAsync(user, "matrix-target", Role.Reader, []));
        }
        else
        {
            var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => administration.AssignAsync(user, "matrix-target", Role.Administrator, []));
            Assert.Equal(UserAdministration.NotAdministrator, refused.Message);
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => administration.ListAsync(user));
        }

        var target = await users.FindByNameAsync("matrix-target");
        Assert.Equal(["Reader"], await users.GetRolesAsync(target!));
    }

    private async Task AssertManagePlansAsync(ClaimsPrincipal user, bool allowed)
    {
        var name = $"Tema {Guid.NewGuid():N}"[..20];
        await using var db = await Contexts.CreateDbContextAsync(Token);
        var planId = await db.Plans.Select(p => p.Id).FirstAsync(Token);
        var recordBefore = await db.AdministrationHistory.CountAsync(Token);

        var theme = await Administration.AddThemeAsync(user, planId, name, Token);
        var committee = await Administration.CreateCommitteeAsync(user, $"Udvalg {name}", name[^6..], null, Token);
        var au = await CommitteeIdAsync("AU");
        var latest = await db.Meetings.Where(m => m.CommitteeId == au).MaxAsync(m => (DateOnly?)m.Date, Token) ?? new DateOnly(2026, 1, 1);
        var meetings = await Administration.AddMeetingsAsync(user, au, [latest.AddDays(1)], Token);

        await using var after = await Contexts.CreateDbContextAsync(Token);
        if (allowed)
        {
            Assert.All([theme, committee, meetings], o => Assert.Equal(ChangeStatus.Saved, o.Status));
            Assert.Equal(recordBefore + 3, await after.AdministrationHistory.CountAsync(Token));
        }
        else
        {
            Assert.All([theme, committee, meetings], o =>
            {
                Assert.Equal(ChangeStatus.Forbidden, o.Status);
                Assert.Equal(Udmoentning.Domain.Access.AccessRules.NotPlanManager, o.Message);
            });
            Assert.False(await after.Themes.AnyAsync(t => t.Name == name, Token));
            Assert.Equal(recordBefore, await after.AdministrationHistory.CountAsync(Token));
        }
    }

    private async Task AssertManageTargetsAsync(ClaimsPrincipal user, bool allowed)
    {
        var name = $"Mål {Guid.NewGuid():N}"[..20];
        await using var db = await Contexts.CreateDbContextAsync(Token);
        var sample = await db.Targets.AsNoTracking().Where(t => t.Name == SamplePlanData.TargetName).OrderBy(t => t.Id).FirstAsync(Token);
        var recordBefore = await db.AdministrationHistory.CountAsync(Token);

        var added = await Administration.AddTargetAsync(user, sample.PlanId, name, Token);
        var targetId = added.Succeeded ? added.Value : sample.Id;
        var version = (await db.Targets.AsNoTracking().SingleAsync(t => t.Id == targetId, Token)).Version;
        var form = new TargetForm(name + " ændret", new Dictionary<int, int> { [SamplePlanData.FirstBudgetYear] = -1 }, []);
        var saved = await Administration.SaveTargetAsync(user, sample.PlanId, targetId, version, form, Token);
        version = (await db.Targets.AsNoTracking().SingleAsync(t => t.Id == targetId, Token)).Version;
        var removed = await Administration.RemoveTargetAsync(user, sample.PlanId, targetId, version, Token);

        await using var after = await Contexts.CreateDbContextAsync(Token);
        if (allowed)
        {
            Assert.All([added, saved, removed], o => Assert.Equal(ChangeStatus.Saved, o.Status));
            Assert.Equal(recordBefore + 3, await after.AdministrationHistory.CountAsync(Token));
            Assert.False(await after.Targets.AnyAsync(t => t.Id == targetId, Token));
        }
        else
        {
            Assert.All([added, saved, removed], o =>
            {
                Assert.Equal(ChangeStatus.Forbidden, o.Status);
                Assert.Equal(Udmoentning.Domain.Access.AccessRules.NotPlanManager, o.Message);
            });
            Assert.False(await after.Targets.AnyAsync(t => t.Name.StartsWith(name), Token));
            Assert.Equal(sample.Version, (await after.Targets.AsNoTracking().SingleAsync(t => t.Id == sample.Id, Token)).Version);
            Assert.Equal(recordBefore, await after.AdministrationHistory.CountAsync(Token));
        }
    }

    private async Task AssertImportAsync(ClaimsPrincipal user, bool allowed)
    {
        var snapshot = (await App.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var importer = App.Services.GetRequiredService<Udmoentning.Web.ImportExport.PlanImport>();
        var coordinator = await PrincipalAsync(TestUsers.Coordinator);
        var file = Udmoentning.Web.ImportExport.PlanWorkbook.Export(snapshot);
        var preview = (await importer.PreviewAsync(coordinator, file, null, new(), Token)).Preview!;

        var mine = await importer.PreviewAsync(user, file, snapshot.Plan.Id, new(), Token);
        var asNewPlan = await importer.ImportAsync(user, preview, new PlanForm("Importeret plan", 2025, 2028, new DateOnly(2025, 1, 1)), false, Token);

        await using var db = await Contexts.CreateDbContextAsync(Token);
        if (allowed)
        {
            Assert.Null(mine.Error);
            Assert.Equal(ChangeStatus.Saved, asNewPlan.Status);
            Assert.Equal(snapshot.Items.Count, await db.Items.CountAsync(i => i.PlanId == asNewPlan.Value!.PlanId, Token));
            // Leave the sample plan the default for the other cases.
            var plan = await db.Plans.SingleAsync(p => p.Id == asNewPlan.Value!.PlanId, Token);
            Assert.True((await Administration.SetStageAsync(user, plan.Id, plan.Version, Udmoentning.Domain.Plans.PlanStage.Archived, Token)).Succeeded);
        }
        else
        {
            Assert.Equal(Udmoentning.Domain.Access.AccessRules.NotPlanManager, mine.Error);
            Assert.Equal(ChangeStatus.Forbidden, asNewPlan.Status);
            Assert.False(await db.Plans.AnyAsync(p => p.Name == "Importeret plan" && p.Stage != Udmoentning.Domain.Plans.PlanStage.Archived, Token));
        }
    }

    private static string Pick(Func<SampleItemSpec, bool> committee) => SamplePlanData.Items.First(i =>
        committee(i) && !i.CrossCutting && i.Kind != ItemKind.FiscalLeewayProposal && i.Status is ItemStatus.InProgress or ItemStatus.NotStarted).Code;
}
