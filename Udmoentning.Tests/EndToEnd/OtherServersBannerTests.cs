using Microsoft.Playwright;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Components.Layout;
using Udmoentning.Web.Realtime;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// With several nodes, the board says plainly (and to screen readers) while Redis is away that changes from other servers
/// may be delayed, and the message goes by itself when Redis is back. A board still opens while Redis is away.
/// </summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class OtherServersBannerTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheBoardSaysChangesFromOtherServersMayBeDelayedWhileRedisIsAwayAndStopsSayingItWhenItIsBack()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var app = new LiveApp { Settings = new Dictionary<string, string> { [RealtimeExtensions.RedisSetting] = redis.ConnectionString } };
        await app.InitializeAsync();
        await using var viewer = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        var banner = viewer.Page.GetByRole(AriaRole.Status).Filter(new LocatorFilterOptions { HasText = OtherServersBanner.Text });
        var region = viewer.Page.Locator(".other-servers[role=status][aria-live=polite]");
        await Expect(region).ToHaveCountAsync(1);
        await Expect(banner).ToHaveCountAsync(0);

        await redis.StopAsync();
        await Expect(banner).ToBeVisibleAsync();
        await viewer.Page.SetViewportSizeAsync(320, 700);
        var (page, window) = await ResponsiveLayoutTests.PageWidthAsync(viewer.Page);
        Assert.True(page <= window, $"The board with the message at 320 px is {page} px wide.");

        // A board opened while Redis is away works, and says so too.
        await using (var late = await browser.OpenAsync(app, "/", TestUsers.Reader))
        {
            await Expect(late.Page.GetByRole(AriaRole.Status).Filter(new LocatorFilterOptions { HasText = OtherServersBanner.Text })).ToBeVisibleAsync();
        }

        await redis.StartAsync();
        await Expect(banner).ToHaveCountAsync(0);
        await Expect(region).ToHaveCountAsync(1);
    }
}
