using System.Net;
using System.Text.RegularExpressions;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Components.Pages.Board;

namespace Udmoentning.Tests.Integration;

/// <summary>A plan of 2,000 items: the board opens, and each cell shows a bounded page of light cards.</summary>
public sealed partial class LargeBoardTests : IAsyncLifetime
{
    private readonly AppFactory _app = new() { ItemCount = 2000 };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TwoThousandItemsOpenWithEveryItemCountedAndCellsPaged()
    {
        var client = _app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Reader);

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<strong>2000</strong> af 2000 punkter vist", html);
        var cards = CardPattern().Matches(html).Count;
        var pagedCells = ShowAllPattern().Matches(html).Count;
        Assert.True(pagedCells > 0, "With 2,000 items some cells should offer 'Vis alle'.");
        Assert.True(cards <= 7 * 4 * BoardState.CardsPerCellOnLargeBoards, $"{cards} cards rendered");
        Assert.True(cards >= pagedCells * BoardState.CardsPerCellOnLargeBoards, $"{cards} cards rendered for {pagedCells} paged cells");
    }

    [GeneratedRegex("<li class=\"card ")]
    private static partial Regex CardPattern();

    [GeneratedRegex("Vis alle \\d+")]
    private static partial Regex ShowAllPattern();
}
