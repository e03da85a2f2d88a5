using Microsoft.AspNetCore.Components.Web;
using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Board;

/// <summary>One step a card can take: to the next or previous status, or one place up or down in its cell.</summary>
public enum CardStep
{
    Next,
    Previous,
    Up,
    Down,
}

/// <summary>A move to save: the status to move to, and the card to place it above (null: the bottom of the cell).</summary>
public readonly record struct CardMove(ItemStatus To, int? BeforeItemId);

/// <summary>
/// Where one step takes a card. The keyboard (Ctrl+arrows) and the "Flyt til…" menu both ask here,
/// so they agree on which moves exist and what "one up" means.
/// </summary>
public static class CardMoves
{
    private static readonly ItemStatus[] _statuses = Enum.GetValues<ItemStatus>();

    /// <summary>The step Ctrl+arrow asks for; null for every other key.</summary>
    public static CardStep? FromKey(KeyboardEventArgs key) => key.CtrlKey
        ? key.Key switch
        {
            "ArrowRight" => CardStep.Next,
            "ArrowLeft" => CardStep.Previous,
            "ArrowUp" => CardStep.Up,
            "ArrowDown" => CardStep.Down,
            _ => null,
        }
        : null;

    /// <summary>
    /// Where <paramref name="step"/> takes <paramref name="item"/>, given <paramref name="cell"/>: the cards of its
    /// lane and status as shown, in order. Null when it can go no further that way (or is not in the cell).
    /// </summary>
    public static CardMove? Plan(PlanItem item, IReadOnlyList<PlanItem> cell, CardStep step)
    {
        var status = Array.IndexOf(_statuses, item.Status);
        var at = IndexOf(cell, item.Id);
        return step switch
        {
            CardStep.Next when status >= 0 && status < _statuses.Length - 1 => new CardMove(_statuses[status + 1], null),
            CardStep.Previous when status > 0 => new CardMove(_statuses[status - 1], null),
            CardStep.Up when at > 0 => new CardMove(item.Status, cell[at - 1].Id),
            // Above the card after the next one; past the last but one, the bottom.
            CardStep.Down when at >= 0 && at < cell.Count - 1 => new CardMove(item.Status, at + 2 < cell.Count ? cell[at + 2].Id : null),
            _ => null,
        };
    }

    /// <summary>Where the card <paramref name="itemId"/> is in <paramref name="cell"/>; -1 when it is not there.</summary>
    public static int IndexOf(IReadOnlyList<PlanItem> cell, int itemId)
    {
        for (var i = 0; i < cell.Count; i++)
        {
            if (cell[i].Id == itemId)
            {
                return i;
            }
        }

        return -1;
    }
}
