using System.Diagnostics;
using Microsoft.Playwright;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// Moving cards on the live board, as people at two laptops see it. The tests share one app and
/// database, so each moves cards of its own (all "Ikke påbegyndt" in the sample plan).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BoardTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task ADragInOneBrowserAppearsInTheOtherWithoutReload()
    {
        const string code = "KUU-D4";
        await using var a = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        await using var b = await browser.OpenAsync(app, "/", TestUsers.Reader);
        var laneA = a.LaneOf(code);
        var laneB = b.LaneOf(code);
        await Expect(b.CardIn(laneB, ItemStatus.NotStarted, code)).ToBeVisibleAsync();
        await b.Page.EvaluateAsync("() => { window.__marker = 1; }");
        var navigationsInB = 0;
        b.Page.FrameNavigated += (_, frame) => navigationsInB += frame == b.Page.MainFrame ? 1 : 0;

        await a.CardIn(laneA, ItemStatus.NotStarted, code).DragToAsync(a.Cell(laneA, ItemStatus.InProgress),
            new LocatorDragToOptions { TargetPosition = new TargetPosition { X = 8, Y = 8 } });
        var clock = Stopwatch.StartNew();

        await Expect(b.CardIn(laneB, ItemStatus.InProgress, code)).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 5_000 });
        TestContext.Current.TestOutputHelper?.WriteLine($"{code} appeared in the other browser {clock.ElapsedMilliseconds} ms after the drop.");
        await Expect(b.CardIn(laneB, ItemStatus.NotStarted, code)).ToHaveCountAsync(0);
        await Expect(b.Heard).ToContainTextAsync($"{code} flyttet til I gang af {Viewer.DisplayName(TestUsers.Coordinator)}.");
        Assert.Equal(1, await b.Page.EvaluateAsync<int?>("() => window.__marker ?? null"));
        Assert.Equal(0, navigationsInB);

        await Expect(a.CardIn(laneA, ItemStatus.InProgress, code)).ToBeVisibleAsync();
        await Expect(a.Announcer).ToHaveTextAsync($"{code} flyttet til I gang.");
    }

    [Fact]
    public async Task KeyboardMoveWorksAndIsAnnounced()
    {
        const string code = "MTU-D4";
        await using var a = await browser.OpenAsync(app, "/");
        var lane = a.LaneOf(code);
        await a.RecordAnnouncementsAsync();

        await a.CardIn(lane, ItemStatus.NotStarted, code).Locator("button.card-title").FocusAsync();
        await a.Page.Keyboard.PressAsync("Control+ArrowRight");

        var moved = a.CardIn(lane, ItemStatus.InProgress, code);
        await Expect(moved).ToBeVisibleAsync();
        await Expect(a.CardIn(lane, ItemStatus.NotStarted, code)).ToHaveCountAsync(0);
        await Expect(moved.Locator("button.card-title")).ToBeFocusedAsync();
        await Expect(a.Announcer).ToHaveTextAsync($"{code} flyttet til I gang.");
        Assert.DoesNotContain(await a.AnnouncementsAsync(), text => text.Contains($" af {Viewer.DisplayName(TestUsers.Coordinator)}", StringComparison.Ordinal));

        // Ctrl+ArrowLeft takes it back, and focus stays with it.
        await a.Page.Keyboard.PressAsync("Control+ArrowLeft");
        await Expect(a.CardIn(lane, ItemStatus.NotStarted, code).Locator("button.card-title")).ToBeFocusedAsync();
        await Expect(a.Announcer).ToHaveTextAsync($"{code} flyttet til Ikke påbegyndt.");
    }

    [Fact]
    public async Task TheMoveMenuMovesTheCardAndExplainsWhatItRefuses()
    {
        const string code = "MTU-D6";
        await using var a = await browser.OpenAsync(app, "/");
        var lane = a.LaneOf(code);

        await a.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Flyt {code} til…", Exact = true }).ClickAsync();

        await Expect(a.Dialog).ToBeVisibleAsync();
        await Expect(a.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Afsluttet", Exact = true })).ToBeDisabledAsync();
        await Expect(a.Dialog).ToContainTextAsync($"{code} er ikke påbegyndt.");
        await a.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "I gang", Exact = true }).ClickAsync();

        await Expect(a.Dialog).ToHaveCountAsync(0);
        var moved = a.CardIn(lane, ItemStatus.InProgress, code);
        await Expect(moved).ToBeVisibleAsync();
        await Expect(a.CardIn(lane, ItemStatus.NotStarted, code)).ToHaveCountAsync(0);
        await Expect(a.Announcer).ToHaveTextAsync($"{code} flyttet til I gang.");
        await Expect(moved.Locator("button.card-title")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task ADropOnACardPlacesTheDraggedCardAboveIt()
    {
        // Lane 2 ("Politiske visioner"): KB-H4 is not started; ØU-D5 and KB-H3 are in progress, in that order.
        await using var a = await browser.OpenAsync(app, "/");
        var lane = a.LaneOf("KB-H4");
        var inProgress = a.Cell(lane, ItemStatus.InProgress).Locator(".card-code");
        await Expect(inProgress).ToHaveTextAsync(["ØU-D5", "KB-H3"]);

        await a.CardIn(lane, ItemStatus.NotStarted, "KB-H4").DragToAsync(a.CardIn(lane, ItemStatus.InProgress, "KB-H3"));

        await Expect(inProgress).ToHaveTextAsync(["ØU-D5", "KB-H4", "KB-H3"]);
        await a.ReloadAsync();
        await Expect(a.Cell(a.LaneOf("KB-H4"), ItemStatus.InProgress).Locator(".card-code")).ToHaveTextAsync(["ØU-D5", "KB-H4", "KB-H3"]);
    }

    [Fact]
    public async Task KeyboardReorderWithinAColumnKeepsTheFocusAndIsSaved()
    {
        // Lane 7's completed column: MTU-R1, MTU-D3, MTU-A605.
        const string code = "MTU-D3";
        await using var a = await browser.OpenAsync(app, "/");
        var completed = a.Cell(a.LaneOf(code), ItemStatus.Completed);
        var title = completed.Locator($"li.card[data-code='{code}'] button.card-title");
        await Expect(completed.Locator(".card-code")).ToHaveTextAsync(["MTU-R1", code, "MTU-A605"]);

        await title.FocusAsync();
        await a.Page.Keyboard.PressAsync("Control+ArrowUp");

        await Expect(completed.Locator(".card-code")).ToHaveTextAsync([code, "MTU-R1", "MTU-A605"]);
        await Expect(a.Announcer).ToHaveTextAsync($"{code} er nu nr. 1 i Afsluttet.");
        await Expect(title).ToBeFocusedAsync();

        await a.Page.Keyboard.PressAsync("Control+ArrowDown");
        await Expect(a.Announcer).ToHaveTextAsync($"{code} er nu nr. 2 i Afsluttet.");
        await a.Page.Keyboard.PressAsync("Control+ArrowDown");
        await Expect(a.Announcer).ToHaveTextAsync($"{code} er nu nr. 3 i Afsluttet.");
        await Expect(completed.Locator(".card-code")).ToHaveTextAsync(["MTU-R1", "MTU-A605", code]);
        await Expect(title).ToBeFocusedAsync();

        await a.ReloadAsync();
        await Expect(a.Cell(a.LaneOf(code), ItemStatus.Completed).Locator(".card-code")).ToHaveTextAsync(["MTU-R1", "MTU-A605", code]);
    }

    [Fact]
    public async Task ARefusedMovePutsTheCardBackWithAMessage()
    {
        const string code = "SSU-D7";
        await using var a = await browser.OpenAsync(app, "/");
        var lane = a.LaneOf(code);

        await a.CardIn(lane, ItemStatus.NotStarted, code).DragToAsync(a.Cell(lane, ItemStatus.Completed),
            new LocatorDragToOptions { TargetPosition = new TargetPosition { X = 8, Y = 8 } });

        await Expect(a.Snackbar).ToContainTextAsync($"{code} er ikke påbegyndt.");
        await Expect(a.CardIn(lane, ItemStatus.NotStarted, code)).ToBeVisibleAsync();
        await Expect(a.CardIn(lane, ItemStatus.Completed, code)).ToHaveCountAsync(0);

        await a.ReloadAsync();
        await Expect(a.CardIn(a.LaneOf(code), ItemStatus.NotStarted, code)).ToBeVisibleAsync();
        Assert.Equal(ItemStatus.NotStarted, await app.StatusOfAsync(code));
    }
}
