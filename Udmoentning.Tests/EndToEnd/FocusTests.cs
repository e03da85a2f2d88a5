using Microsoft.Playwright;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>Another user's change never takes the focus away from what this user is doing.</summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class FocusTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task AnotherUsersMoveLeavesTheFocusWhereItIs()
    {
        const string code = "KB-H8";
        await using var a = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        await using var b = await browser.OpenAsync(app, "/", TestUsers.Administrator);
        var search = await FocusSearchAsync(a);

        await MoveBackAsync(b, code);

        await Expect(a.CardIn(a.LaneOf(code), ItemStatus.NotStarted, code)).ToBeVisibleAsync();
        await Expect(search).ToBeFocusedAsync();
    }

    [Fact]
    public async Task AfterARefusedKeyboardMoveAnotherUsersMoveLeavesTheFocusWhereItIs()
    {
        // KB-H7 is in progress and has no treating committee: it cannot be ready for political treatment.
        const string code = "KB-H7";
        await using var a = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        await using var b = await browser.OpenAsync(app, "/", TestUsers.Administrator);
        await a.CardIn(a.LaneOf(code), ItemStatus.InProgress, code).Locator("button.card-title").FocusAsync();
        await a.Page.Keyboard.PressAsync("Control+ArrowRight");
        await Expect(a.Snackbar).ToContainTextAsync($"{code} kan først være klar til politisk behandling");
        var search = await FocusSearchAsync(a);

        await MoveBackAsync(b, code);

        await Expect(a.CardIn(a.LaneOf(code), ItemStatus.NotStarted, code)).ToBeVisibleAsync();
        await Expect(search).ToBeFocusedAsync();
    }

    [Fact]
    public async Task AfterACancelledMoveMenuAnotherUsersMoveLeavesTheFocusWhereItIs()
    {
        const string code = "KUU-A502";
        await using var a = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        await using var b = await browser.OpenAsync(app, "/", TestUsers.Administrator);
        await a.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Flyt {code} til…", Exact = true }).ClickAsync();
        await Expect(a.Dialog).ToBeVisibleAsync();
        await a.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Annullér", Exact = true }).ClickAsync();
        await Expect(a.Dialog).ToHaveCountAsync(0);
        // A cancelled move gives the focus back to the card; only then does the user move on (the focus came back late once,
        // under load, after the test had already moved it to the search field).
        await Expect(a.CardIn(a.LaneOf(code), ItemStatus.InProgress, code).Locator("button.card-title")).ToBeFocusedAsync();
        var search = await FocusSearchAsync(a);

        await MoveBackAsync(b, code);

        await Expect(a.CardIn(a.LaneOf(code), ItemStatus.NotStarted, code)).ToBeVisibleAsync();
        await Expect(search).ToBeFocusedAsync();
    }

    private static async Task<ILocator> FocusSearchAsync(Viewer viewer)
    {
        var search = viewer.Page.GetByLabel("Søg", new PageGetByLabelOptions { Exact = true });
        await search.FocusAsync();
        await Expect(search).ToBeFocusedAsync();
        return search;
    }

    /// <summary>Another user moves the in-progress card back to "Ikke påbegyndt" with the keyboard.</summary>
    private static async Task MoveBackAsync(Viewer other, string code)
    {
        var lane = other.LaneOf(code);
        await other.CardIn(lane, ItemStatus.InProgress, code).Locator("button.card-title").FocusAsync();
        await other.Page.Keyboard.PressAsync("Control+ArrowLeft");
        await Expect(other.CardIn(lane, ItemStatus.NotStarted, code)).ToBeVisibleAsync();
    }
}
