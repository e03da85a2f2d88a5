using System.Net;
using Udmoentning.Tests.Support;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Board;

namespace Udmoentning.Tests.Integration;

/// <summary>A plan of 2,000 items: the board opens, and each long cell renders a bounded window of its cards.</summary>
public sealed class LargeBoardTests : IAsyncLifetime
{
    private readonly AppFactory _app = new() { ItemCount = 2000 };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TwoThousandItemsOpenWithEveryItemCountedAndLongCellsBelowTheFirstLanePrerenderedAsBlankCards()
    {
        var client = _app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Reader);

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Every count is the board script's to write, from the figures the board rendered (ADR 0025).
        var board = page.QuerySelector(".live-board")!;
        var figures = ShownFigures.Parse(board.GetAttribute("data-figures")!);
        Assert.Equal(2000, figures.Shown);
        Assert.Contains("af 2000 punkter vist", page.QuerySelector(".board-summary")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".board-summary strong[data-fig=shown]"));
        var cells = page.QuerySelectorAll("ul.cards[data-cell]");
        Assert.Equal(7 * 4, cells.Length);
        var total = 0;
        foreach (var (cell, index) in cells.Select((c, i) => (c, i)))
        {
            var key = cell.GetAttribute("data-cell")!.Split('-').Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var count = figures.Cell(key[0], (ItemStatus)key[1]);
            var cards = cell.QuerySelectorAll("li.card").Length;
            total += count;
            // A long cell scrolls, with a spacer standing in for the cards not rendered yet. Prerendered, the first lane's
            // (in view on opening) shows its first cards as the live board does; a lower lane's is blank cards of its full
            // height until the board is live (the live board's cards: LargeBoardInBrowserTests). The script gives the last
            // spacer its height from the count.
            var isLong = count > BoardState.LongCellFrom;
            var firstLane = index < 4;
            Assert.Equal(isLong ? (firstLane ? BoardState.InitialWindow : 0) : count, cards);
            Assert.Equal(isLong, cell.ClassList.Contains("long"));
            var tail = cell.QuerySelector("li.spacer.tail");
            Assert.Equal(isLong, tail is not null);
            Assert.Equal(isLong && !firstLane, tail?.ClassList.Contains("pending") == true);
        }

        Assert.Equal(2000, total);
    }
}
