using Microsoft.Playwright;
using Udmoentning.Domain;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// The board stays live after the viewer changes what it shows without reloading: a filter, or another committee from the menu.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LiveAfterNavigationTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task AfterAFilterChangeAMoveStillMovesTheCard()
    {
        const string code = "MTU-A603";
        await using var a = await browser.OpenAsync(app, "/");

        await a.Page.GetByLabel("Søg", new PageGetByLabelOptions { Exact = true }).FillAsync("MTU");
        await a.Page.WaitForURLAsync("**/?q=MTU");
        await Expect(a.Card("AU-D1")).ToHaveCountAsync(0);
        var lane = a.LaneOf(code);
        await a.CardIn(lane, ItemStatus.NotStarted, code).Locator("button.card-title").FocusAsync();
        await a.Page.Keyboard.PressAsync("Control+ArrowRight");

        await Expect(a.Announcer).ToHaveTextAsync($"{code} flyttet til I gang.");
        await Expect(a.CardIn(lane, ItemStatus.InProgress, code)).ToBeVisibleAsync();
        await Expect(a.CardIn(lane, ItemStatus.NotStarted, code)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AfterSwitchingCommitteeInTheMenuAnotherUsersMoveStillShows()
    {
        const string code = "KUU-A501";
        await using var a = await browser.OpenAsync(app, "/udvalg/au", TestUsers.Reader);
        await using var b = await browser.OpenAsync(app, "/", TestUsers.Coordinator);

        await a.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Vælg udvalg" }).ClickAsync();
        await a.Page.GetByText("Kultur- og udviklingsudvalget (KUU)").ClickAsync();
        await a.Page.WaitForURLAsync("**/udvalg/kuu");
        await Expect(a.Page.Locator("h1")).ToHaveTextAsync(CompoundWords.Hyphenate("Kultur- og udviklingsudvalget"));
        var laneA = a.LaneOf(code);
        await Expect(a.CardIn(laneA, ItemStatus.NotStarted, code)).ToBeVisibleAsync();

        var laneB = b.LaneOf(code);
        await b.CardIn(laneB, ItemStatus.NotStarted, code).Locator("button.card-title").FocusAsync();
        await b.Page.Keyboard.PressAsync("Control+ArrowRight");
        await Expect(b.CardIn(laneB, ItemStatus.InProgress, code)).ToBeVisibleAsync();

        await Expect(a.Heard).ToContainTextAsync($"{code} flyttet til I gang af {Viewer.DisplayName(TestUsers.Coordinator)}.");
        await Expect(a.CardIn(laneA, ItemStatus.InProgress, code)).ToBeVisibleAsync();
        await Expect(a.CardIn(laneA, ItemStatus.NotStarted, code)).ToHaveCountAsync(0);
    }
}
