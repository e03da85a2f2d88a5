using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Web.Changes;

/// <summary>Where a card goes in its cell on the board: read by <see cref="PlanItemService.CellsAsync"/>, used by a move and an undo.</summary>
public sealed partial class PlanItemService
{
    private sealed record CellItem(int Id, ItemStatus Status, double Position);

    /// <summary>Where a moved card goes: its position and place (1-based), and new positions for the others when the cell was renumbered.</summary>
    private sealed record Placement(double Position, int Place, IReadOnlyDictionary<int, double> Others);

    private sealed record Cells(IReadOnlyList<CellItem> Items, ItemStatus To)
    {
        public int PlaceOf(int id, ItemStatus status) => Items.Where(i => i.Status == status).ToList().FindIndex(i => i.Id == id) + 1;

        /// <summary>
        /// The position that puts the item above <paramref name="beforeItemId"/> in the target cell, or last. When that
        /// leaves less than <see cref="BoardOrder.MinimumGap"/> to a neighbour, the whole cell is renumbered: the item and
        /// the others (<see cref="Placement.Others"/>, by id) get evenly spaced positions in their order.
        /// </summary>
        public Placement PlacementFor(int id, int? beforeItemId)
        {
            var cell = Items.Where(i => i.Status == To && i.Id != id).ToList();
            var index = beforeItemId is null ? -1 : cell.FindIndex(i => i.Id == beforeItemId);
            index = index < 0 ? cell.Count : index;
            double? above = index > 0 ? cell[index - 1].Position : null;
            double? below = index < cell.Count ? cell[index].Position : null;
            var position = BoardOrder.Between(above, below);
            if (BoardOrder.FitsBetween(above, position, below))
            {
                return new Placement(position, index + 1, new Dictionary<int, double>());
            }

            var positions = BoardOrder.Renumbered(cell.Count + 1);
            var others = new Dictionary<int, double>();
            for (var i = 0; i < cell.Count; i++)
            {
                others[cell[i].Id] = positions[i < index ? i : i + 1];
            }

            return new Placement(positions[index], index + 1, others);
        }

        /// <summary>The card just below <paramref name="id"/> in its cell, or null when it is the last.</summary>
        public int? BelowOf(int id, ItemStatus status)
        {
            var cell = Items.Where(i => i.Status == status).ToList();
            var at = cell.FindIndex(i => i.Id == id);
            return at >= 0 && at + 1 < cell.Count ? cell[at + 1].Id : null;
        }

        public int PlaceAfterMove(PlanItem item) => Items.Count(i => i.Status == To && i.Id != item.Id && BoardOrder.IsBefore(i.Position, i.Id, item.Position, item.Id)) + 1;
    }
}
