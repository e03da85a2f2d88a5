using System.Net;
using System.Text.RegularExpressions;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Board;

namespace Udmoentning.Tests.Integration;

/// <summary>A plan of 2,000 items: the board opens, and each long cell renders a bounded window of its cards.</summary>
public sealed partial class LargeBoardTests : IAsyncLifetime
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
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<strong>2000</strong> af 2000 punkter vist", html);
        var cells = CellPattern().Matches(html);
        Assert.Equal(7 * 4, cells.Count);
        var total = 0;
        foreach (var (cell, index) in cells.Select((c, i) => (c, i)))
        {
            var count = int.Parse(cell.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var cards = CardPattern().Matches(cell.Value).Count;
            total += count;
            // A long cell scrolls, with a spacer standing in for the cards not rendered yet. Prerendered, the first lane's
            // (in view on opening) shows its first cards as the live board does; a lower lane's is blank cards of its full
            // height until the board is live (the live board's cards: LargeBoardInBrowserTests).
            var isLong = count > BoardState.LongCellFrom;
            var firstLane = index < 4;
            Assert.Equal(isLong ? (firstLane ? BoardState.InitialWindow : 0) : count, cards);
            Assert.Equal(isLong, cell.Value.Contains("class=\"cards long\"", StringComparison.Ordinal));
            if (isLong && firstLane)
            {
                Assert.Contains($"<li class=\"spacer\" aria-hidden=\"true\" style=\"height: calc({count - BoardState.InitialWindow} * var(--card-pitch))\">", cell.Value);
            }
            else if (isLong)
            {
                Assert.Contains($"<li class=\"spacer pending\" aria-hidden=\"true\" style=\"height: calc({count} * var(--card-pitch))\">", cell.Value);
            }
        }

        Assert.Equal(2000, total);
    }

    [GeneratedRegex("<ul class=\"cards[^\"]*\"[^>]*data-count=\"(?<count>\\d+)\"[^>]*>.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<li class=\"card ")]
    private static partial Regex CardPattern();
}
