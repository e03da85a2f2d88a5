using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;

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
        var figures = FiguresOf(html);
        var cells = CellPattern().Matches(html).Select(m => new Cell(
            Number(m.Groups["theme"].Value), Number(m.Groups["status"].Value),
            figures.Cell(Number(m.Groups["theme"].Value), (ItemStatus)Number(m.Groups["status"].Value)),
            [.. CardPattern().Matches(m.Value).Select(c => Number(c.Groups["id"].Value))])).ToList();
        return cells.Count > 0 ? new BoardLayout(cells) : throw new InvalidDataException("The prerendered board has no cells.");
    }

    /// <summary>The cell of <paramref name="status"/> (ItemStatus as a number: 1 = not started, 2 = in progress) in the board's first lane.</summary>
    public Cell FirstLane(int status) => Cells.First(c => c.ThemeId == Cells[0].ThemeId && c.Status == status);

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Every cell's count, from the figures the board rendered for its script (<c>data-figures</c>, ADR 0025).</summary>
    private static ShownFigures FiguresOf(string html)
    {
        var figures = FiguresPattern().Match(html);
        return figures.Success
            ? ShownFigures.Parse(WebUtility.HtmlDecode(figures.Groups[1].Value))
            : throw new InvalidDataException("The prerendered board has no figures (data-figures).");
    }

    [GeneratedRegex(@"class=""live-board""[^>]*?data-figures=""([^""]*)""")]
    private static partial Regex FiguresPattern();

    [GeneratedRegex("""<div class="cell" data-theme-id="(?<theme>\d+)" data-status="(?<status>\d+)">.*?</ul>""", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<li class=\"card[^\"]*\"[^>]*data-item-id=\"(?<id>\\d+)\"")]
    private static partial Regex CardPattern();

    /// <summary>A cell: its theme, status (as a number), how many cards it has, and the ids of those rendered on opening.</summary>
    public sealed record Cell(int ThemeId, int Status, int Count, IReadOnlyList<int> Rendered);
}
