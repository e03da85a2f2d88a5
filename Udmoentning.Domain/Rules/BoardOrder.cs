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

    /// <summary>A position between two neighbours; either may be missing (top or bottom of the column).</summary>
    public static double Between(double? above, double? below) => (above, below) switch
    {
        (null, null) => Step,
        (null, { } b) => b - Step,
        ({ } a, null) => a + Step,
        ({ } a, { } b) => a + ((b - a) / 2),
    };
}
