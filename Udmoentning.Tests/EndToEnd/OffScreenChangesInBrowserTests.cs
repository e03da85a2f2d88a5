using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// A change to a card no viewer has rendered (far down a long cell, moved to the bottom of another) still reaches every
/// viewer's counts and live region, and a committee's view keeps its own counts. However off-screen changes travel
/// (ADR 0025), this is what a viewer must see and hear.
/// </summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class OffScreenChangesInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly LiveApp _app = new() { ItemCount = 2000 };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public async ValueTask DisposeAsync() => await ((IAsyncDisposable)_app).DisposeAsync();

    [Fact]
    public async Task AnotherUsersChangeOffScreenUpdatesTheCountsAndTheLiveRegionAndACommitteesViewKeepsItsOwn()
    {
        var (lane, notStarted, inProgress, committees) = await FirstLaneAsync();
        // A card far down the cell, and a committee whose extract does not hold it.
        var (far, outsider) = notStarted.TakeLast(10).Reverse()
            .SelectMany(i => committees.Where(c => !CommitteeExtract.Includes(c, i)).Select(c => (Item: i, Committee: c)))
            .First();
        var marker = notStarted.Skip(notStarted.Count / 2).First(i => i.Id != far.Id && CommitteeExtract.Includes(outsider, i));
        Assert.True(inProgress > 12, $"the first lane's \"I gang\" has only {inProgress} cards: a move to its bottom would be on screen");

        await using var board = await browser.OpenAsync(_app, "/", TestUsers.Reader);
        await using var committee = await browser.OpenAsync(_app, $"/udvalg/{outsider.Slug}", TestUsers.Reader);
        var boardLane = board.Page.Locator($"section.lane:has(h2#lane-{lane})");
        await Expect(board.Cell(boardLane, ItemStatus.NotStarted).Locator("ul.cards.long")).ToBeVisibleAsync();
        await Expect(board.Card(far.Code)).ToHaveCountAsync(0);
        var before = await CountsAsync(board, boardLane);
        var committeeBefore = await CountsAsync(committee, null);
        // Every text the committee's live region holds from now on.
        await committee.Page.EvaluateAsync("""
            () => {
              const region = document.getElementById('board-heard');
              window.udmSaid = [];
              new MutationObserver(() => window.udmSaid.push(region.textContent))
                .observe(region, { subtree: true, childList: true, characterData: true });
            }
            """);

        // Another user moves the far card to the bottom of "I gang": no viewer has it on screen, before or after.
        await MoveAsync(far, ItemStatus.InProgress);

        await Expect(board.Heard).ToContainTextAsync($"{far.Code} flyttet til I gang af {Viewer.DisplayName(TestUsers.Coordinator)}.");
        await Expect(board.Card(far.Code)).ToHaveCountAsync(0);
        var after = await CountsAsync(board, boardLane);
        Assert.Equal(before with
        {
            NotStartedColumn = before.NotStartedColumn - 1,
            InProgressColumn = before.InProgressColumn + 1,
            NotStartedCell = before.NotStartedCell - 1,
            InProgressCell = before.InProgressCell + 1,
        }, after);
        await Expect(board.Cell(boardLane, ItemStatus.NotStarted).Locator("ul.cards"))
            .ToHaveAttributeAsync("aria-label", $"Ikke påbegyndt ({after.NotStartedCell})");

        // The committee's view counts and announces a change in its extract (the marker), and nothing of the far card's,
        // which is not in it: it reached the view first, so it had been handled when the marker's announcement shows.
        await MoveAsync(marker, ItemStatus.InProgress);
        await Expect(committee.Heard).ToContainTextAsync($"{marker.Code} flyttet til I gang af");
        var said = await committee.Page.EvaluateAsync<string[]>("() => window.udmSaid");
        Assert.DoesNotContain(said, text => text.Contains($"{far.Code} flyttet", StringComparison.Ordinal));
        var committeeAfter = await CountsAsync(committee, null);
        Assert.Equal(committeeBefore with
        {
            NotStartedColumn = committeeBefore.NotStartedColumn - 1,
            InProgressColumn = committeeBefore.InProgressColumn + 1,
        }, committeeAfter);
    }

    /// <summary>What a viewer reads: the number shown, the column counts of the sticky header, and a lane's two cells.</summary>
    private sealed record Counts(int Shown, int NotStartedColumn, int InProgressColumn, int NotStartedCell, int InProgressCell);

    private static async Task<Counts> CountsAsync(Viewer viewer, ILocator? lane)
    {
        var columns = viewer.Page.Locator(".board-columns .column-heading .count");
        async Task<int> Column(ItemStatus status) => Number(await columns.Nth(Viewer.ColumnIndex(status)).TextContentAsync());
        async Task<int> CellCount(ItemStatus status) =>
            lane is null ? 0 : Number(await viewer.Cell(lane, status).Locator(".cell-heading .count").TextContentAsync());
        return new Counts(
            Number(await viewer.Page.Locator(".board-summary strong").TextContentAsync()),
            await Column(ItemStatus.NotStarted), await Column(ItemStatus.InProgress),
            await CellCount(ItemStatus.NotStarted), await CellCount(ItemStatus.InProgress));
    }

    /// <summary>A Danish count ("2.000").</summary>
    private static int Number(string? text) => int.Parse(text!.Trim(), NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("da-DK"));

    private async Task MoveAsync(PlanItem item, ItemStatus to)
    {
        var contexts = _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Token);
        var version = await db.Items.Where(i => i.Id == item.Id).Select(i => i.Version).SingleAsync(Token);
        var coordinator = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Coordinator);
        var outcome = await _app.Services.GetRequiredService<PlanItemService>().MoveAsync(coordinator, new MoveRequest(item.Id, version, to), Token);
        Assert.True(outcome.Succeeded, outcome.Message);
    }

    /// <summary>The first lane's theme, its cards not started in board order, how many are in progress, and the committees.</summary>
    private async Task<(int Theme, List<PlanItem> NotStarted, int InProgress, List<Committee> Committees)> FirstLaneAsync()
    {
        var contexts = _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Token);
        var theme = await db.Themes.OrderBy(t => t.Position).Select(t => t.Id).FirstAsync(Token);
        var notStarted = await db.Items.AsNoTracking().Where(i => i.ThemeId == theme && i.Status == ItemStatus.NotStarted)
            .OrderBy(i => i.Position).ThenBy(i => i.Id).ToListAsync(Token);
        var inProgress = await db.Items.CountAsync(i => i.ThemeId == theme && i.Status == ItemStatus.InProgress, Token);
        return (theme, notStarted, inProgress, await db.Committees.AsNoTracking().ToListAsync(Token));
    }
}
