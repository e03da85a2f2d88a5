using System.Text.Json;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Board.Views;

namespace Udmoentning.Tests.Support;

/// <summary>
/// The numbers a board's script writes on the page from a view's <see cref="BoardFigures"/> (ADR 0025), read the way it
/// reads them: a cell's count, a lane's, a column's, the number shown and a year's total.
/// </summary>
internal sealed class ShownFigures(BoardFigures figures)
{
    public BoardFigures Figures => figures;

    public static ShownFigures Parse(string json) =>
        new(JsonSerializer.Deserialize<BoardFigures>(json, JsonSerializerOptions.Web) ?? throw new InvalidOperationException("no figures"));

    public int Cell(int themeId, ItemStatus status)
    {
        var theme = Array.IndexOf(figures.Themes, themeId);
        var at = Array.IndexOf(figures.Statuses, (int)status);
        return theme < 0 || at < 0 ? 0 : figures.Counts[(theme * figures.Statuses.Length) + at];
    }

    public int Lane(int themeId) => figures.Statuses.Sum(s => Cell(themeId, (ItemStatus)s));

    public int Column(ItemStatus status) => figures.Themes.Sum(t => Cell(t, status));

    public int Shown => figures.Counts.Sum();

    public string Total(int year) => figures.Totals[Array.IndexOf(figures.Years, year)];
}
