using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// A log line written while the app works for a browser's circuit or a hub connection says which circuit or connection and which
/// user (by the account's stable id, not its name), so operations can follow one person's trouble through the logs.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LogScopeTests(BrowserFixture browser, LoggedApp app) : IClassFixture<LoggedApp>
{
    private const string NotSavedLog = "The database could not be reached; the change was not saved";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWarningFromAMoveOnTheBoardCarriesTheCircuitAndTheUsersId()
    {
        const string code = "MTU-D4";
        await using var a = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        var lane = a.LaneOf(code);

        using (DatabaseOutage.Begin(app))
        {
            await a.CardIn(lane, ItemStatus.NotStarted, code).Locator("button.card-title").FocusAsync();
            await a.Page.Keyboard.PressAsync("Control+ArrowRight");
            await Expect(a.Announcer).ToContainTextAsync(StorageFailure.NotSaved);
        }

        var warning = Assert.Single(app.Logs.Entries, e => e.Message == NotSavedLog);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(await UserIdAsync(TestUsers.Coordinator), warning.Scope["UserId"]);
        Assert.False(string.IsNullOrEmpty(warning.Scope["CircuitId"] as string), "The warning names no circuit.");
    }

    [Fact]
    public async Task AWarningFromAHubCallCarriesTheConnectionAndTheUsersId()
    {
        var cookies = new System.Net.CookieContainer();
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress })
        {
            await TestUsers.SignInAsync(http, TestUsers.Reader);
        }

        await using var hub = new HubConnectionBuilder().WithUrl(app.Url(PlanHub.Path), options => options.Cookies = cookies).Build();
        await hub.StartAsync(Token);
        var plan = await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token);
        var target = plan!.Items.First(i => i.Status == ItemStatus.NotStarted);

        var refused = await hub.InvokeAsync<HubMoveResult>("Move", target.Id, target.Version, ItemStatus.InProgress.ToString(), Token);

        Assert.Equal("Forbidden", refused.Outcome);
        var warning = Assert.Single(app.Logs.Entries, e => e.Message.StartsWith("Forbidden: user", StringComparison.Ordinal) && e.Message.Contains($"item {target.Id}", StringComparison.Ordinal));
        Assert.Equal(await UserIdAsync(TestUsers.Reader), warning.Scope["UserId"]);
        Assert.Equal(hub.ConnectionId, warning.Scope["ConnectionId"]);
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>().FindByNameAsync(userName);
        return user!.Id;
    }
}
