namespace Udmoentning.Domain.Rules;

/// <summary>
/// Order of cards within a column. A moved card takes a position between its new neighbours,
/// so a move or a reorder changes only the moved item.
/// </summary>
public static class BoardOrder
{
    public const double Step = 1024;

    /// <summary>
    /// Whether card a stands above card b in a cell: by position, then by id. Two concurrent drops can take the same
    /// position, and halving a gap again and again ends in equal numbers; the id keeps one order for every viewer.
    /// </summary>
    public static bool IsBefore(double positionA, int idA, double positionB, int idB) =>
        positionA < positionB || (positionA == positionB && idA < idB);

    /// <summary>
    /// The smallest gap kept between a placed card and its neighbours. About 40 inserts into the same gap reach it;
    /// then the cell is renumbered (<see cref="Renumbered"/>), long before two positions become the same number.
    /// </summary>
    public const double MinimumGap = 1e-9;

    /// <summary>Whether <paramref name="position"/> stands clearly between its neighbours (either may be missing).</summary>
    public static bool FitsBetween(double? above, double position, double? below) =>
        (above is not { } a || position - a >= MinimumGap) && (below is not { } b || b - position >= MinimumGap);

    /// <summary>Evenly spaced positions for a cell's cards in the order given: the first at <see cref="Step"/>, then one step apart.</summary>
    public static IReadOnlyList<double> Renumbered(int count) => [.. Enumerable.Range(1, count).Select(i => i * Step)];

    /// <summary>A position between two neighbours; either may be missing (top or bottom of the column).</summary>
    public static double Between(double? above, double? below) => (above, below) switch
    {
        (null, null) => Step,
        (null, { } b) => b - Step,
        ({ } a, null) => a + Step,
        ({ } a, { } b) => a + ((b - a) / 2),
    };
}
