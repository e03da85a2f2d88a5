using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Udmoentning.Benchmarks.Harness;

/// <summary>
/// The cards of the prerendered board, per cell and in order. Its first lane shows the same cards as a live viewer's
/// board until the browser scrolls; below it, long cells are blank until the board is live. The timed on-screen moves
/// use the first lane's cards, so each moves a card every viewer has rendered.
/// </summary>
public sealed partial class BoardLayout
{
    private BoardLayout(IReadOnlyList<Cell> cells) => Cells = cells;

    public IReadOnlyList<Cell> Cells { get; }

    /// <summary>Every card of the prerendered board.</summary>
    public IReadOnlySet<int> Rendered => Cells.SelectMany(c => c.Rendered).ToHashSet();

    /// <summary>The board at <paramref name="page"/>: the whole board, or a committee's view.</summary>
    public static async Task<BoardLayout> ReadAsync(Uri baseUri, CookieContainer cookies, string page = "/")
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies }) { BaseAddress = baseUri };
        var html = await http.GetStringAsync(page);
        var cells = CellPattern().Matches(html).Select(m => new Cell(
            Number(m.Groups["theme"].Value), Number(m.Groups["status"].Value), Number(m.Groups["count"].Value),
            [.. CardPattern().Matches(m.Value).Select(c => Number(c.Groups["id"].Value))])).ToList();
        return cells.Count > 0 ? new BoardLayout(cells) : throw new InvalidDataException("The prerendered board has no cells.");
    }

    /// <summary>The cell of <paramref name="status"/> (ItemStatus as a number: 1 = not started, 2 = in progress) in the board's first lane.</summary>
    public Cell FirstLane(int status) => Cells.First(c => c.ThemeId == Cells[0].ThemeId && c.Status == status);

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex("""<div class="cell" data-theme-id="(?<theme>\d+)" data-status="(?<status>\d+)">.*?data-count="(?<count>\d+)".*?</ul>""", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<li class=\"card[^\"]*\"[^>]*data-item-id=\"(?<id>\\d+)\"")]
    private static partial Regex CardPattern();

    /// <summary>A cell: its theme, status (as a number), how many cards it has, and the ids of those rendered on opening.</summary>
    public sealed record Cell(int ThemeId, int Status, int Count, IReadOnlyList<int> Rendered);
}
