using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Access.Account;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Access;

/// <summary>
/// Rights are what the database says now: a change of role or a disabled account counts at once, in the service and on
/// hub connections opened before it, without signing in again; the last administrator stays one; and the sign-in form
/// tells a stranger nothing about which accounts exist.
/// </summary>
public sealed class AccessChangeTests(AccessChangeApp app) : IClassFixture<AccessChangeApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEditorDemotedToReaderIsForbiddenToMoveAtOnceWithTheSameSignIn()
    {
        await app.CreateUserAsync("demoted-editor", Role.Editor, "AU");
        var signedIn = await TestUsers.PrincipalAsync(app.Services, "demoted-editor");
        var items = app.Services.GetRequiredService<PlanItemService>();
        var item = await StoredAsync(AuthorizationMatrixTests.OwnItem);
        Assert.Equal(ChangeStatus.Saved, (await items.MoveAsync(signedIn, new MoveRequest(item.Id, item.Version, Other(item.Status)), Token)).Status);
        var moved = await StoredAsync(item.Code);

        await app.AdministerAsync((admin, actor) => admin.AssignAsync(actor, "demoted-editor", Role.Reader, []));
        var refused = await items.MoveAsync(signedIn, new MoveRequest(moved.Id, moved.Version, Other(moved.Status)), Token);

        Assert.Equal(ChangeStatus.Forbidden, refused.Status);
        Assert.Equal(AccessRules.ReadOnly, refused.Message);
        Assert.Equal(moved.Version, (await StoredAsync(item.Code)).Version);
    }

    [Fact]
    public async Task AHubConnectionLosesTheRightsTakenAwayAfterItConnected()
    {
        await app.CreateUserAsync("hub-editor", Role.Editor, "AU");
        await using var hub = await ConnectAsync("hub-editor");
        await hub.InvokeAsync("Follow", 1, "au", Token);
        var item = await StoredAsync(AuthorizationMatrixTests.OwnItem);
        Assert.Equal("Saved", (await hub.InvokeAsync<HubMoveResult>("Move", item.Id, item.Version, Other(item.Status).ToString(), Token)).Outcome);
        var moved = await StoredAsync(item.Code);

        await app.AdministerAsync((admin, actor) => admin.AssignAsync(actor, "hub-editor", Role.Reader, []));
        var demoted = await hub.InvokeAsync<HubMoveResult>("Move", moved.Id, moved.Version, Other(moved.Status).ToString(), Token);

        Assert.Equal("Forbidden", demoted.Outcome);
        Assert.Equal(moved.Version, (await StoredAsync(item.Code)).Version);

        await app.AdministerAsync((admin, actor) => admin.DisableAsync(actor, "hub-editor"));
        var follow = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Follow", 1, "au", Token));
        Assert.Contains(CurrentAccessHubFilter.NoAccess, follow.Message);
    }

    [Fact]
    public async Task TheLastAdministratorCannotDemoteOrDisableThemselves()
    {
        var administrator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator);
        await using var scope = app.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        Assert.Equal(UserAdministration.LastAdministrator, await administration.AssignAsync(administrator, TestUsers.Administrator, Role.Coordinator, []));
        Assert.Equal(UserAdministration.NotYourself, await administration.DisableAsync(administrator, TestUsers.Administrator));

        var users = await administration.ListAsync(administrator);
        var self = users.Single(u => u.UserName == TestUsers.Administrator);
        Assert.Equal(Role.Administrator, self.Role);
        Assert.False(self.IsDisabled);
    }

    [Fact]
    public async Task ADisabledUserCannotSignInAndIsToldWhatAWrongPasswordIsTold()
    {
        await app.CreateUserAsync("to-be-disabled", Role.Reader);
        await app.CreateUserAsync("to-be-locked", Role.Reader);
        await app.CreateUserAsync("mistyped", Role.Reader);
        await app.AdministerAsync((admin, actor) => admin.DisableAsync(actor, "to-be-disabled"));
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SignInAsync("to-be-locked", "forkert-adgangskode");
        }

        var unknown = await SignInAsync("findes-ikke", AccessChangeApp.Password);
        var wrongPassword = await SignInAsync("mistyped", "forkert-adgangskode");
        var locked = await SignInAsync("to-be-locked", AccessChangeApp.Password);
        var disabled = await SignInAsync("to-be-disabled", AccessChangeApp.Password);

        Assert.Equal(Login.Failed, unknown);
        Assert.Equal(Login.Failed, wrongPassword);
        Assert.Equal(Login.Failed, locked);
        Assert.Equal(Login.Failed, disabled);

        await app.AdministerAsync((admin, actor) => admin.EnableAsync(actor, "to-be-disabled"));
        Assert.Null(await SignInAsync("to-be-disabled", AccessChangeApp.Password));
    }

    private async Task<string?> SignInAsync(string userName, string password)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseAddress };
        return await AccessChangeApp.SignInAsync(http, userName, password);
    }

    private async Task<HubConnection> ConnectAsync(string userName)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        Assert.Null(await AccessChangeApp.SignInAsync(http, userName, AccessChangeApp.Password));
        var hub = new HubConnectionBuilder().WithUrl(app.Url(PlanHub.Path), options => options.Cookies = cookies).Build();
        await hub.StartAsync(Token);
        return hub;
    }

    private static ItemStatus Other(ItemStatus status) => status == ItemStatus.InProgress ? ItemStatus.NotStarted : ItemStatus.InProgress;

    private async Task<PlanItem> StoredAsync(string code)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().SingleAsync(i => i.Code == code, Token);
    }
}
