using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Udmoentning.Benchmarks.Circuits;
using Udmoentning.Benchmarks.Harness;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// The app on two web nodes, each its own process, on one PostgreSQL database and one Redis server: what a municipality
/// runs behind a load balancer. Each pair of nodes is started at the same moment on an empty database. The tests that
/// leave both nodes and Redis running share one pair (<see cref="SharedTwoNodes"/>): starting a pair is most of such a
/// test's time. The tests that stop a node or Redis start their own.
/// </summary>
[Collection(MultiNodeCollection.Name)]
public sealed partial class MultiNodeTests(BrowserFixture browsers, SharedTwoNodes shared) : IClassFixture<SharedTwoNodes>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Two_nodes_started_at_once_on_an_empty_database_both_serve_one_plan_seeded_once()
    {
        var nodes = shared.Nodes;

        await using var db = nodes.OpenDatabase();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(1, await db.Plans.CountAsync(ct));
        Assert.Equal(87, await db.Items.CountAsync(ct));
        Assert.Equal(4, await db.Roles.CountAsync(ct));
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            using var http = new HttpClient { BaseAddress = node.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("konto/log-ind", ct)).StatusCode);
        }
    }

    [Fact]
    public async Task A_move_on_one_node_reaches_a_browser_and_a_hub_client_on_the_other()
    {
        var nodes = shared.Nodes;
        var (planId, itemId, code) = await nodes.PlanAndItemAsync();
        await using var viewerOnB = await browsers.OpenAsync(nodes.B.BaseAddress, "/");
        await using var hubClientOnB = await HubListener.FollowAsync(nodes.B.BaseAddress, planId, committee: null);
        await using var moverOnA = await PlanMover.ConnectAsync(nodes.A.BaseAddress, await DemoSignIn.SignInAsync(nodes.A.BaseAddress, TestUsers.Coordinator, CancellationToken.None));
        var lane = viewerOnB.LaneOf(code);

        // Several moves one after another: the other node's viewers must see each, in order, and end where A left the item.
        var (version, status) = await moverOnA.CurrentAsync(itemId);
        for (var move = 0; move < 4; move++)
        {
            var moved = await moverOnA.ToggleAsync(itemId, version, status);
            Assert.Equal("Saved", moved.Outcome);
            (version, status) = (moved.Version!.Value, moved.Status!);
            var shown = Stopwatch.StartNew();
            await Expect(viewerOnB.CardIn(lane, Enum.Parse<ItemStatus>(status), code)).ToBeVisibleAsync(new() { Timeout = (float)Soon.TotalMilliseconds });
            TestContext.Current.TestOutputHelper?.WriteLine($"Move {move + 1} shown on node B after {shown.ElapsedMilliseconds} ms (after the save answered).");
            var message = await hubClientOnB.WaitForAsync(code, Soon);
            Assert.Equal(status, message.GetProperty("status").GetString());
        }

        // A page opened on B afterwards shows the same state (B's copy of the plan followed A's changes).
        await using var lateViewerOnB = await browsers.OpenAsync(nodes.B.BaseAddress, "/", TestUsers.Reader);
        await Expect(lateViewerOnB.CardIn(lateViewerOnB.LaneOf(code), Enum.Parse<ItemStatus>(status), code)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_sign_in_and_a_form_from_one_node_are_valid_on_the_other()
    {
        var nodes = shared.Nodes;
        var ct = TestContext.Current.CancellationToken;
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler);

        // The sign-in form comes from A, is posted to B (antiforgery across nodes), and the sign-in cookie B issues is valid on A.
        var form = await http.GetStringAsync(nodes.A.Url("konto/log-ind"), ct);
        var token = TokenPattern().Match(form).Groups[1].Value;
        // Cookies are per host, not per port: both nodes are 127.0.0.1, as both servers are one site behind a balancer.
        using var post = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["user"] = TestUsers.Coordinator,
            ["returnUrl"] = "/aendringer",
        });
        var signIn = await http.PostAsync(nodes.B.Url("konto/demo"), post, ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var page = await http.GetAsync(nodes.A.Url("aendringer"), ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(Viewer.DisplayName(TestUsers.Coordinator), await page.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task When_a_node_dies_its_browser_continues_on_the_other_with_changes_made_meanwhile()
    {
        await using var nodes = await TwoAppNodes.StartAsync(await RedisServer.SharedAsync());
        await using var balancer = new TcpProxy([nodes.A.BaseAddress, nodes.B.BaseAddress]);
        var (_, itemId, code) = await nodes.PlanAndItemAsync();
        await using var viewerOnA = await browsers.OpenAsync(balancer.BaseAddress, "/");
        await using var viewerOnB = await browsers.OpenAsync(nodes.B.BaseAddress, "/");
        await using var moverOnB = await PlanMover.ConnectAsync(nodes.B.BaseAddress, await DemoSignIn.SignInAsync(nodes.B.BaseAddress, TestUsers.Coordinator, CancellationToken.None));
        var (version, status) = await moverOnB.CurrentAsync(itemId);
        await Expect(viewerOnA.CardIn(viewerOnA.LaneOf(code), Enum.Parse<ItemStatus>(status), code)).ToBeVisibleAsync();

        await nodes.A.KillAsync();
        var moved = await moverOnB.ToggleAsync(itemId, version, status);
        Assert.Equal("Saved", moved.Outcome);

        // The browser that was on A reconnects through the balancer to B, which has no circuit of it, so the page reloads
        // there: still signed in (the keys are shared), showing the change made while A was gone.
        var target = Enum.Parse<ItemStatus>(moved.Status!);
        await Expect(viewerOnA.CardIn(viewerOnA.LaneOf(code), target, code)).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(viewerOnA.Page.Locator("[data-interactive=true]")).ToHaveCountAsync(1);
        await Expect(viewerOnB.CardIn(viewerOnB.LaneOf(code), target, code)).ToBeVisibleAsync();
        Assert.DoesNotContain("log-ind", viewerOnA.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_Redis_is_down_changes_still_reach_every_viewer_and_the_pages_say_so()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var nodes = await TwoAppNodes.StartAsync(redis.ConnectionString);
        var (_, itemId, code) = await nodes.PlanAndItemAsync();
        await using var viewerOnA = await browsers.OpenAsync(nodes.A.BaseAddress, "/");
        await using var viewerOnB = await browsers.OpenAsync(nodes.B.BaseAddress, "/", TestUsers.Reader);
        await using var moverOnA = await PlanMover.ConnectAsync(nodes.A.BaseAddress, await DemoSignIn.SignInAsync(nodes.A.BaseAddress, TestUsers.Coordinator, CancellationToken.None));
        var bannerOnA = Banner(viewerOnA);
        var bannerOnB = Banner(viewerOnB);
        await Expect(bannerOnB).ToHaveCountAsync(0);

        await redis.StopAsync();
        await Expect(bannerOnA).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(bannerOnB).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // A's own viewer sees A's change at once; B's viewer gets it from B's comparison with the database.
        var (version, status) = await moverOnA.CurrentAsync(itemId);
        var moved = await moverOnA.ToggleAsync(itemId, version, status);
        Assert.Equal("Saved", moved.Outcome);
        var target = Enum.Parse<ItemStatus>(moved.Status!);
        await Expect(viewerOnA.CardIn(viewerOnA.LaneOf(code), target, code)).ToBeVisibleAsync();
        await Expect(viewerOnB.CardIn(viewerOnB.LaneOf(code), target, code)).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Redis back: the banners go by themselves, and changes travel through Redis again.
        await redis.StartAsync();
        await Expect(bannerOnA).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Expect(bannerOnB).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        // The mover's hub connection (a test client without a browser's reconnect) may have been closed while Redis was
        // away, as the full run of 2026-12-06 21:52 showed once; a person's page reconnects by itself, so this one connects anew.
        await using var moverAfter = await PlanMover.ConnectAsync(nodes.A.BaseAddress, await DemoSignIn.SignInAsync(nodes.A.BaseAddress, TestUsers.Coordinator, CancellationToken.None));
        var back = await moverAfter.ToggleAsync(itemId, moved.Version!.Value, moved.Status!);
        Assert.Equal("Saved", back.Outcome);
        await Expect(viewerOnB.CardIn(viewerOnB.LaneOf(code), Enum.Parse<ItemStatus>(back.Status!), code)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_meeting_presented_on_one_node_is_followed_and_taken_over_on_the_other()
    {
        var nodes = shared.Nodes;
        await using var presenterOnA = await browsers.OpenAsync(nodes.A.BaseAddress, "/moede/au", TestUsers.Coordinator, board: false);
        await using var readerOnB = await browsers.OpenAsync(nodes.B.BaseAddress, "/moede/au", TestUsers.Reader, board: false);
        await using var editorOnB = await browsers.OpenAsync(nodes.B.BaseAddress, "/moede/au", TestUsers.EditorAu, board: false);
        await Button(presenterOnA, "Start mødet").ClickAsync();
        await Expect(MeetingStatus(readerOnB)).ToContainTextAsync($"Du følger præsentationen. {Viewer.DisplayName(TestUsers.Coordinator)} præsenterer.");
        await Expect(CurrentCode(readerOnB)).ToHaveTextAsync(await CurrentCode(presenterOnA).InnerTextAsync());

        var first = await CurrentCode(presenterOnA).InnerTextAsync();
        await Button(presenterOnA, "Næste →").ClickAsync();
        await Expect(CurrentCode(presenterOnA)).Not.ToHaveTextAsync(first);
        await Expect(CurrentCode(readerOnB)).ToHaveTextAsync(await CurrentCode(presenterOnA).InnerTextAsync());

        // Node B knows who presents, so an editor there takes over explicitly, and then A's page follows B.
        await Button(editorOnB, "Overtag præsentationen").ClickAsync();
        await Expect(MeetingStatus(editorOnB)).ToContainTextAsync("Du præsenterer mødet");
        await Expect(MeetingStatus(presenterOnA)).ToContainTextAsync($"Du følger præsentationen. {Viewer.DisplayName(TestUsers.EditorAu)} præsenterer.");
        var second = await CurrentCode(editorOnB).InnerTextAsync();
        await Button(editorOnB, "Næste →").ClickAsync();
        await Expect(CurrentCode(editorOnB)).Not.ToHaveTextAsync(second);
        await Expect(CurrentCode(presenterOnA)).ToHaveTextAsync(await CurrentCode(editorOnB).InnerTextAsync());
        await Expect(CurrentCode(readerOnB)).ToHaveTextAsync(await CurrentCode(editorOnB).InnerTextAsync());
    }

    private static ILocator Button(Viewer viewer, string name) =>
        viewer.Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static ILocator MeetingStatus(Viewer viewer) => viewer.Page.Locator(".meeting-status");

    private static ILocator CurrentCode(Viewer viewer) => viewer.Page.Locator(".meeting-item-head .meeting-code");

    private static ILocator Banner(Viewer viewer) =>
        viewer.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "andre servere" });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>One pair of nodes for the two-node tests that leave both nodes and Redis running, started as every pair is.</summary>
public sealed class SharedTwoNodes : IAsyncLifetime
{
    public TwoAppNodes Nodes { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Nodes = await TwoAppNodes.StartAsync(await RedisServer.SharedAsync());

    public async ValueTask DisposeAsync()
    {
        if (Nodes is not null)
        {
            await Nodes.DisposeAsync();
        }
    }
}
