using System.Text.Json;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Board.Views;

/// <summary>A change a view's viewers hear of, and the page it was made from (that page does not hear it again).</summary>
public sealed record HeardChange(string Text, string? Origin);

/// <summary>
/// What a board shows as numbers, for one view at one moment (ADR 0025): the count of every cell (<see cref="Counts"/>, in
/// the order of <see cref="Themes"/>, then of <see cref="Statuses"/>), the totals of the items shown per year, and what the view's
/// viewers hear of the changes that led to it. The board's script writes every count and total on the page from these,
/// and says <see cref="Heard"/> in the board's live region; Blazor renders the cards only. <see cref="Sequence"/> orders a
/// view's figures on one node: a page takes figures newer than those it has.
/// </summary>
public sealed record BoardFigures(
    string View, long Sequence, int[] Themes, int[] Statuses, int[] Counts, int[] Years, string[] Totals, IReadOnlyList<HeardChange> Heard)
{
    public static BoardFigures Of(string view, long sequence, BoardState state, IReadOnlyList<HeardChange> heard)
    {
        var themes = state.Snapshot.Themes;
        var statuses = Enum.GetValues<ItemStatus>();
        var counts = new int[themes.Count * statuses.Length];
        for (var t = 0; t < themes.Count; t++)
        {
            for (var s = 0; s < statuses.Length; s++)
            {
                counts[(t * statuses.Length) + s] = state.Cell(new CellKey(themes[t].Id, statuses[s])).Count;
            }
        }

        return new BoardFigures(view, sequence, [.. themes.Select(t => t.Id)], [.. statuses.Select(s => (int)s)], counts, [.. state.Years],
            [.. state.Years.Select(y => Amounts.Format(state.TotalIn(y)))], heard);
    }

    /// <summary>As the page reads it from the board's <c>data-figures</c>: the same names as on the hub.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    /// <summary>
    /// What a viewer of <paramref name="state"/> hears of <paramref name="changes"/> just applied to it: the last three that
    /// touched a card it shows or showed. A committee's view is not told of another committee's cards, nor a filtered board
    /// of the cards its filter hides, any more than a sighted viewer sees them change.
    /// </summary>
    public static IReadOnlyList<HeardChange> HeardOf(BoardState state, IEnumerable<ItemChange> changes) =>
        [.. changes.Where(c => c.Kind != ChangeKind.Reordered && state.AppliedInView.Contains(c.Item.Id)).TakeLast(3)
            .Select(c => new HeardChange(Describe(c), c.Origin))];

    private static string Describe(ItemChange change) => change.Kind switch
    {
        ChangeKind.Moved when change.PreviousStatus != change.Item.Status => $"{change.Item.Code} flyttet til {change.Item.Status.Name()} af {change.ChangedBy}.",
        ChangeKind.Moved => $"{change.Item.Code} flyttet inden for {change.Item.Status.Name()} af {change.ChangedBy}.",
        // One kind for a comment written, edited or deleted: the words fit all three.
        ChangeKind.Commented => $"{change.Item.Code}: kommentar fra {change.ChangedBy}.",
        ChangeKind.Checkpoint => $"Kontrolpunkter for {change.Item.Code} opdateret af {change.ChangedBy}.",
        ChangeKind.Reported => $"{change.Item.Code}: opfølgning fra {change.ChangedBy}.",
        ChangeKind.Accounts => $"Konti for {change.Item.Code} opdateret af {change.ChangedBy}.",
        ChangeKind.Undone => $"{change.Item.Code}: {change.ChangedBy} fortrød sin ændring; punktet er nu i {change.Item.Status.Name()}.",
        _ => $"{change.Item.Code} opdateret af {change.ChangedBy}.",
    };
}
