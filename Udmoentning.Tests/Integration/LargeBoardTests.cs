using System.Net;
using System.Text.RegularExpressions;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Components.Pages.Board;

namespace Udmoentning.Tests.Integration;

/// <summary>A plan of 2,000 items: the board opens, and each long cell renders a bounded window of its cards.</summary>
public sealed partial class LargeBoardTests : IAsyncLifetime
{
    private readonly AppFactory _app = new() { ItemCount = 2000 };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TwoThousandItemsOpenWithEveryItemCountedAndLongCellsPrerenderedAsBlankCardsOfTheirHeight()
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
        foreach (Match cell in cells)
        {
            var count = int.Parse(cell.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var cards = CardPattern().Matches(cell.Value).Count;
            total += count;
            // The prerendered page: a long cell scrolls, and blank cards of its full height stand in for its cards until the
            // board is live (the live board renders the cards in view: LargeBoardInBrowserTests).
            Assert.Equal(count > BoardState.LongCellFrom ? 0 : count, cards);
            Assert.Equal(count > BoardState.LongCellFrom, cell.Value.Contains("class=\"cards long\"", StringComparison.Ordinal));
            if (count > BoardState.LongCellFrom)
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
