using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Tests.Support;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Access;

/// <summary>What one hub connection may ask to follow: plans that exist, committees they have, and not without bound.</summary>
public sealed class HubFollowTests(LiveApp app) : IClassFixture<LiveApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FollowingAPlanThatDoesNotExistIsRefusedInDanish()
    {
        await using var hub = await ConnectAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Follow", 987654, (string?)null, Token));

        Assert.Contains("Plan 987654 findes ikke.", error.Message);
    }

    [Fact]
    public async Task FollowingAnUnknownOrHugeCommitteeIsRefusedInDanish()
    {
        await using var hub = await ConnectAsync();
        var plan = await DefaultPlanAsync();

        var unknown = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Follow", plan.Plan.Id, "findes-ikke", Token));
        var huge = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Follow", plan.Plan.Id, new string('a', 32_000), Token));
        var extract = await hub.InvokeAsync<ItemChangedMessage[]>("Follow", plan.Plan.Id, plan.Committees[0].Slug.ToUpperInvariant(), Token);

        Assert.Contains("\"findes-ikke\" er ikke et udvalgs kortnavn i planen.", unknown.Message);
        Assert.Contains("højst 20 tegn", huge.Message);
        // The answer is the committee's extract as it is now, the way a client catches up after any (re)connect.
        Assert.Equal(plan.Items.Where(i => CommitteeExtract.Includes(plan.Committees[0], i)).Select(i => (i.Code, i.Status.ToString(), i.Revision, "Current")).Order(),
            extract.Select(m => (m.Code, m.Status, m.Revision, m.Change)).Order());
    }

    [Fact]
    public async Task FollowingAPlanAnswersWithEveryItemAsItIsNowAndAChangeAfterItCarriesAHigherRevision()
    {
        await using var hub = await ConnectAsync();
        var changed = new TaskCompletionSource<ItemChangedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<ItemChangedMessage>("ItemChanged", message => changed.TrySetResult(message));
        var plan = await DefaultPlanAsync();

        var current = (await hub.InvokeAsync<ItemChangedMessage[]>("Follow", plan.Plan.Id, (string?)null, Token)).ToDictionary(m => m.ItemId);
        var item = plan.Items.First(i => i.Status == ItemStatus.NotStarted);
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var moved = await app.Services.GetRequiredService<PlanItemService>().MoveAsync(coordinator,
            new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);

        Assert.Equal(plan.Items.Select(i => i.Id).Order(), current.Keys.Order());
        Assert.Equal((item.Version, item.Revision), (current[item.Id].Version, current[item.Id].Revision));
        var message = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.Equal((item.Id, "Moved", moved.Value!.Revision), (message.ItemId, message.Change, message.Revision));
        Assert.True(message.Revision > current[item.Id].Revision);
    }

    [Fact]
    public async Task AConnectionFollowsAtMostTenPlansOrCommitteesAndMayFollowAnotherAfterUnfollowing()
    {
        await using var hub = await ConnectAsync();
        var groups = await ElevenGroupsAsync();

        foreach (var (planId, slug) in groups.Take(PlanHub.MaxFollowed))
        {
            await hub.InvokeAsync("Follow", planId, slug, Token);
        }

        await hub.InvokeAsync("Follow", groups[0].PlanId, groups[0].Slug, Token);
        var eleventh = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Follow", groups[10].PlanId, groups[10].Slug, Token));
        await hub.InvokeAsync("Unfollow", groups[0].PlanId, groups[0].Slug, Token);
        await hub.InvokeAsync("Follow", groups[10].PlanId, groups[10].Slug, Token);

        Assert.Contains("højst 10 planer eller udvalg", eleventh.Message);
    }

    /// <summary>The sample plan and its committees, topped up with new plans until there are eleven things to follow.</summary>
    private async Task<List<(int PlanId, string? Slug)>> ElevenGroupsAsync()
    {
        var plan = await DefaultPlanAsync();
        var groups = new List<(int PlanId, string? Slug)> { (plan.Plan.Id, null) };
        groups.AddRange(plan.Committees.Select(c => (plan.Plan.Id, (string?)c.Slug)));
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var administration = app.Services.GetRequiredService<PlanAdministration>();
        for (var n = groups.Count; n <= PlanHub.MaxFollowed; n++)
        {
            var created = await administration.CreatePlanAsync(coordinator, new PlanForm($"Følgeplan {n}", 2031, 2034, new DateOnly(2030, 10, 1)), cancellationToken: Token);
            Assert.True(created.Succeeded, created.Message);
            groups.Add((created.Value, null));
        }

        return groups;
    }

    private async Task<PlanSnapshot> DefaultPlanAsync() =>
        await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token) ?? throw new InvalidOperationException("No plan.");

    private async Task<HubConnection> ConnectAsync()
    {
        var cookies = new CookieContainer();
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress })
        {
            await TestUsers.SignInAsync(http, TestUsers.Reader);
        }

        var hub = new HubConnectionBuilder().WithUrl(app.Url(PlanHub.Path), options => options.Cookies = cookies).Build();
        await hub.StartAsync(Token);
        return hub;
    }
}
