using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>"Fortryd" on the live board, as two people at two laptops see it: the undo reaches both, and a change by the other stops it.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class UndoTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    private static readonly string Karin = Viewer.DisplayName(TestUsers.Coordinator);
    private static readonly string Anders = Viewer.DisplayName(TestUsers.Administrator);

    [Fact]
    public async Task TheFortrydButtonAndCtrlZPutAMovedCardBackForBothViewers()
    {
        const string code = "KUU-D4";
        await using var a = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        await using var b = await browser.OpenAsync(app, "/", TestUsers.Administrator);
        var laneA = a.LaneOf(code);
        var laneB = b.LaneOf(code);
        // The app is shared with other test classes: a user may already be offered to undo a change of their own made there.
        await Expect(UndoButton(a, code)).ToHaveCountAsync(0);

        await MoveRightAsync(a, laneA, ItemStatus.NotStarted, code);
        await Expect(b.CardIn(laneB, ItemStatus.InProgress, code)).ToBeVisibleAsync();

        var undo = UndoButton(a);
        await Expect(undo).ToHaveTextAsync($"Fortryd: {code} flyttet til I gang");
        await Expect(undo).ToHaveAttributeAsync("aria-keyshortcuts", "Control+Z");
        await Expect(undo).ToHaveAttributeAsync("title", $"Flyt {code} tilbage til Ikke påbegyndt (Ctrl+Z)");
        await Expect(UndoButton(b, code)).ToHaveCountAsync(0);
        await undo.ClickAsync();

        await Expect(a.CardIn(laneA, ItemStatus.NotStarted, code)).ToBeVisibleAsync();
        await Expect(b.CardIn(laneB, ItemStatus.NotStarted, code)).ToBeVisibleAsync();
        await Expect(b.CardIn(laneB, ItemStatus.InProgress, code)).ToHaveCountAsync(0);
        await Expect(a.Announcer).ToHaveTextAsync($"Fortrudt: {code} er flyttet tilbage til Ikke påbegyndt.");
        await Expect(a.Snackbar).ToContainTextAsync($"Fortrudt: {code} er flyttet tilbage til Ikke påbegyndt.");
        await Expect(b.Heard).ToHaveTextAsync($"{code}: {Karin} fortrød sin ændring; punktet er nu i Ikke påbegyndt.");
        await Expect(UndoButton(a)).ToHaveCountAsync(0);
        await Expect(a.CardIn(laneA, ItemStatus.NotStarted, code).Locator("button.card-title")).ToBeFocusedAsync();

        // Ctrl+Z, with the focus on the card (not in a text field), does the same.
        await MoveRightAsync(a, laneA, ItemStatus.NotStarted, code);
        await Expect(b.CardIn(laneB, ItemStatus.InProgress, code)).ToBeVisibleAsync();
        await Expect(UndoButton(a)).ToBeVisibleAsync();
        await a.Page.Keyboard.PressAsync("Control+z");

        await Expect(b.CardIn(laneB, ItemStatus.NotStarted, code)).ToBeVisibleAsync();
        await Expect(a.CardIn(laneA, ItemStatus.NotStarted, code)).ToBeVisibleAsync();
        await Expect(UndoButton(a)).ToHaveCountAsync(0);
        Assert.Equal(2, await HistoryCountAsync(code, PlanItemService.UndoneKind));
    }

    [Fact]
    public async Task AnUndoIsRefusedAfterTheOtherViewerMovedTheCardAndNamesThem()
    {
        const string code = "MTU-D4";
        await using var a = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        await using var b = await browser.OpenAsync(app, "/", TestUsers.Administrator);
        var laneA = a.LaneOf(code);
        var laneB = b.LaneOf(code);

        await MoveRightAsync(a, laneA, ItemStatus.NotStarted, code);
        await Expect(UndoButton(a)).ToHaveTextAsync($"Fortryd: {code} flyttet til I gang");
        await Expect(b.CardIn(laneB, ItemStatus.InProgress, code)).ToBeVisibleAsync();

        // B finishes the item: it is now B's change, not A's.
        await b.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Flyt {code} til…", Exact = true }).ClickAsync();
        await b.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Afsluttet", Exact = true }).ClickAsync();
        await Expect(a.CardIn(laneA, ItemStatus.Completed, code)).ToBeVisibleAsync();

        await UndoButton(a).ClickAsync();

        var refusal = $"{code} er ændret af {Anders} siden din ændring, så den kan ikke fortrydes.";
        await Expect(a.Snackbar).ToContainTextAsync(refusal);
        await Expect(a.Announcer).ToHaveTextAsync(refusal);
        await Expect(UndoButton(a)).ToHaveCountAsync(0);
        await Expect(a.CardIn(laneA, ItemStatus.Completed, code)).ToBeVisibleAsync();
        await Expect(b.CardIn(laneB, ItemStatus.Completed, code)).ToBeVisibleAsync();
        Assert.Equal(0, await HistoryCountAsync(code, PlanItemService.UndoneKind));
        Assert.Equal(ItemStatus.Completed, await StatusAsync(code));
    }

    private static ILocator UndoButton(Viewer viewer) => viewer.Page.Locator("button.undo-button");

    private static ILocator UndoButton(Viewer viewer, string code) => viewer.Page.Locator("button.undo-button", new() { HasText = code });

    private static async Task MoveRightAsync(Viewer viewer, ILocator lane, ItemStatus from, string code)
    {
        await viewer.CardIn(lane, from, code).Locator("button.card-title").FocusAsync();
        await viewer.Page.Keyboard.PressAsync("Control+ArrowRight");
        await Expect(viewer.CardIn(lane, from + 1, code)).ToBeVisibleAsync();
    }

    private async Task<int> HistoryCountAsync(string code, string kind)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.History.CountAsync(h => h.ItemCode == code && h.Kind == kind, TestContext.Current.CancellationToken);
    }

    private async Task<ItemStatus> StatusAsync(string code)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Items.Where(i => i.Code == code).Select(i => i.Status).SingleAsync(TestContext.Current.CancellationToken);
    }
}
