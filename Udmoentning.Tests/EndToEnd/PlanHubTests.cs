using System.Text.Json;
using Microsoft.Playwright;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>A move made on the board reaches the hub's clients that follow the plan or a committee whose extract holds the item.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PlanHubTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    private const int PlanId = 1;
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AHubClientReceivesTheChange()
    {
        // AU-D6 is Arbejdsmarkedsudvalget's own, not treated elsewhere, not cross-cutting: not in BUU's extract.
        const string auItem = "AU-D6";
        const string buuItem = "BUU-A302";
        await using var wholePlan = await HubListener.FollowAsync(app, PlanId, null);
        await using var au = await HubListener.FollowAsync(app, PlanId, "au");
        await using var buu = await HubListener.FollowAsync(app, PlanId, "buu");
        await using var viewer = await browser.OpenAsync(app, "/", TestUsers.Coordinator);

        await MoveToInProgressAsync(viewer, auItem);

        AssertMovedToInProgress(await wholePlan.WaitForAsync(auItem, _timeout), auItem, "AU");
        AssertMovedToInProgress(await au.WaitForAsync(auItem, _timeout), auItem, "AU");

        // Messages to one connection keep their order: once BUU's client has a later change, the AU one is not coming.
        await MoveToInProgressAsync(viewer, buuItem);
        AssertMovedToInProgress(await buu.WaitForAsync(buuItem, _timeout), buuItem, "BUU");
        Assert.DoesNotContain(buu.Received, message => HubListener.CodeOf(message) == auItem);
        Assert.DoesNotContain(au.Received, message => HubListener.CodeOf(message) == buuItem);
        AssertMovedToInProgress(await wholePlan.WaitForAsync(buuItem, _timeout), buuItem, "BUU");
    }

    private static async Task MoveToInProgressAsync(Viewer viewer, string code)
    {
        var lane = viewer.LaneOf(code);
        await viewer.CardIn(lane, ItemStatus.NotStarted, code).Locator("button.card-title").FocusAsync();
        await viewer.Page.Keyboard.PressAsync("Control+ArrowRight");
        await Expect(viewer.CardIn(lane, ItemStatus.InProgress, code)).ToBeVisibleAsync();
        // The focus follows the moved card; once it is there the board has settled, and the next focus is not taken back.
        await Expect(viewer.CardIn(lane, ItemStatus.InProgress, code).Locator("button.card-title")).ToBeFocusedAsync();
    }

    private static void AssertMovedToInProgress(JsonElement message, string code, string committee)
    {
        Assert.Equal(PlanId, message.GetProperty("planId").GetInt32());
        Assert.Equal(code, message.GetProperty("code").GetString());
        Assert.Equal(nameof(ItemStatus.InProgress), message.GetProperty("status").GetString());
        Assert.Equal(nameof(ItemStatus.NotStarted), message.GetProperty("previousStatus").GetString());
        Assert.Equal(committee, message.GetProperty("committee").GetString());
        Assert.Equal("Moved", message.GetProperty("change").GetString());
        Assert.Equal(Viewer.DisplayName(TestUsers.Coordinator), message.GetProperty("changedBy").GetString());
    }
}
