using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Board;
using Udmoentning.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// A 2,000-item board: a long cell scrolls and renders only the cards in view, yet every card can be reached by
/// scrolling and from the keyboard, and moved, and the move reaches the other viewers.
/// </summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class LargeBoardInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly LiveApp _app = new() { ItemCount = 2000 };

    public ValueTask InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public async ValueTask DisposeAsync() => await ((IAsyncDisposable)_app).DisposeAsync();

    [Fact]
    public async Task ACardFarDownALongCellIsReachedByScrollingAndByKeyboardMovedAndSeenInAnotherBrowser()
    {
        var codes = await FirstLaneAsync(ItemStatus.NotStarted);
        Assert.True(codes.Count > 3 * BoardState.InitialWindow, $"the first lane has only {codes.Count} cards not started");
        var far = codes[^2];
        await using var mover = await browser.OpenAsync(_app, "/", TestUsers.Coordinator);
        await using var watcher = await browser.OpenAsync(_app, "/", TestUsers.Reader);
        var lane = mover.Page.Locator("section.lane").First;
        var notStarted = mover.Cell(lane, ItemStatus.NotStarted).Locator("ul.cards.long");
        await Expect(notStarted.Locator("li.card")).ToHaveCountAsync(BoardState.InitialWindow);
        await Expect(mover.Card(far)).ToHaveCountAsync(0);

        // Scrolling with the mouse wheel over the cell brings the cards at its end.
        await notStarted.HoverAsync();
        for (var turn = 0; turn < 100 && !await notStarted.EvaluateAsync<bool>(ShowsCard, far); turn++)
        {
            await mover.Page.Mouse.WheelAsync(0, 300);
            await mover.Page.WaitForFunctionAsync(CardsInView, await notStarted.ElementHandleAsync());
        }

        await Expect(mover.Card(far)).ToBeInViewportAsync();
        Assert.True(await notStarted.Locator("li.card").CountAsync() <= BoardState.MaxWindow + (2 * BoardState.Overscan));

        // From the keyboard, in the other browser: arrow down from the first card reaches every card in turn.
        var watcherLane = watcher.Page.Locator("section.lane").First;
        await watcher.CardIn(watcherLane, ItemStatus.NotStarted, codes[0]).Locator("button.card-title").FocusAsync();
        foreach (var code in codes.Skip(1).TakeWhile(c => c != codes[^1]))
        {
            await watcher.Page.Keyboard.PressAsync("ArrowDown");
            await Expect(watcher.TitleOf(code)).ToBeFocusedAsync();
        }

        await Expect(watcher.TitleOf(far)).ToBeInViewportAsync();

        // The mover moves it from the keyboard; the card keeps the focus at the end of the next column, scrolled to.
        await mover.TitleOf(far).FocusAsync();
        await mover.Page.Keyboard.PressAsync("Control+ArrowRight");
        await Expect(mover.CardIn(lane, ItemStatus.InProgress, far).Locator("button.card-title")).ToBeFocusedAsync();
        await Expect(mover.CardIn(lane, ItemStatus.InProgress, far)).ToBeInViewportAsync();
        Assert.Equal(ItemStatus.InProgress, await _app.StatusOfAsync(far));

        // The watcher sees it leave the cell it was focused in, and finds it at the end of the next.
        await Expect(watcher.CardIn(watcherLane, ItemStatus.NotStarted, far)).ToHaveCountAsync(0);
        await Expect(watcher.Heard).ToContainTextAsync($"{far} flyttet til I gang af");
        var inProgress = watcher.Cell(watcherLane, ItemStatus.InProgress).Locator("ul.cards");
        for (var turn = 0; turn < 20 && !await inProgress.EvaluateAsync<bool>(ShowsCard, far); turn++)
        {
            // The end of the cell: once the cards there are rendered at their real heights, the end may be a little further.
            await inProgress.EvaluateAsync("list => list.scrollTop = list.scrollHeight");
            await watcher.Page.WaitForFunctionAsync(CardsInView, await inProgress.ElementHandleAsync());
        }

        await Expect(watcher.CardIn(watcherLane, ItemStatus.InProgress, far)).ToBeInViewportAsync();
    }

    /// <summary>Whether a scrolled cell shows cards where it is scrolled to, rather than only the spacers that stand in for them.</summary>
    private const string CardsInView = """
        list => {
            const view = list.getBoundingClientRect();
            return [...list.querySelectorAll(':scope > li.card')].some(card => {
                const box = card.getBoundingClientRect();
                return box.bottom > view.top && box.top < view.bottom;
            });
        }
        """;

    /// <summary>Whether the card with the code is rendered and wholly in the cell's view.</summary>
    private const string ShowsCard = """
        (list, code) => {
            const card = [...list.querySelectorAll(':scope > li.card')].find(c => c.dataset.code === code);
            const view = list.getBoundingClientRect();
            const box = card?.getBoundingClientRect();
            return box !== undefined && box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
        }
        """;

    /// <summary>The codes of the first lane's cards with <paramref name="status"/>, in board order.</summary>
    private async Task<List<string>> FirstLaneAsync(ItemStatus status)
    {
        var contexts = _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var theme = await db.Themes.OrderBy(t => t.Position).Select(t => t.Id).FirstAsync(TestContext.Current.CancellationToken);
        return await db.Items.Where(i => i.ThemeId == theme && i.Status == status)
            .OrderBy(i => i.Position).ThenBy(i => i.Id).Select(i => i.Code).ToListAsync(TestContext.Current.CancellationToken);
    }
}
