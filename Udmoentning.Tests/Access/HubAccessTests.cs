using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Access;

/// <summary>The hub serves signed-in users only, and a move through it passes the same checks as one on the board.</summary>
public sealed class HubAccessTests(LiveApp app) : IClassFixture<LiveApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAnonymousClientCannotConnect()
    {
        await using var hub = new HubConnectionBuilder().WithUrl(app.Url(PlanHub.Path)).Build();

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => hub.StartAsync(Token));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task AReaderWhoForgesAMoveThroughTheHubIsRefusedAndNothingChanges()
    {
        await using var hub = await ConnectAsync(TestUsers.Reader);
        var item = await StoredAsync(AuthorizationMatrixTests.OwnItem);

        var result = await hub.InvokeAsync<HubMoveResult>("Move", item.Id, item.Version, Other(item.Status), Token);

        Assert.Equal("Forbidden", result.Outcome);
        Assert.Equal("Du har kun læseadgang til planen.", result.Message);
        Assert.Equal(item.Version, (await StoredAsync(item.Code)).Version);
    }

    [Fact]
    public async Task AnEditorMovesTheirOwnItemThroughTheHubButNotAnotherCommittees()
    {
        await using var hub = await ConnectAsync(TestUsers.EditorAu);
        var own = await StoredAsync(AuthorizationMatrixTests.OwnItem);
        var other = await StoredAsync(AuthorizationMatrixTests.OtherItem);

        var moved = await hub.InvokeAsync<HubMoveResult>("Move", own.Id, own.Version, Other(own.Status), Token);
        var refused = await hub.InvokeAsync<HubMoveResult>("Move", other.Id, other.Version, Other(other.Status), Token);
        var nonsense = await hub.InvokeAsync<HubMoveResult>("Move", own.Id, Guid.Empty, "<b>Done</b>", Token);

        Assert.Equal("Saved", moved.Outcome);
        Assert.Equal(Other(own.Status), (await StoredAsync(own.Code)).Status.ToString());
        Assert.Equal("Forbidden", refused.Outcome);
        Assert.Equal(other.Version, (await StoredAsync(other.Code)).Version);
        Assert.Equal("Refused", nonsense.Outcome);
        Assert.StartsWith("Ukendt status", nonsense.Message);
    }

    private async Task<HubConnection> ConnectAsync(string user)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        await TestUsers.SignInAsync(http, user);
        var hub = new HubConnectionBuilder().WithUrl(app.Url(PlanHub.Path), options => options.Cookies = cookies).Build();
        await hub.StartAsync(Token);
        return hub;
    }

    private static string Other(ItemStatus status) => (status == ItemStatus.InProgress ? ItemStatus.NotStarted : ItemStatus.InProgress).ToString();

    private async Task<PlanItem> StoredAsync(string code)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().SingleAsync(i => i.Code == code, Token);
    }
}
