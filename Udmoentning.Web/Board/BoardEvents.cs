using Microsoft.AspNetCore.Components;

namespace Udmoentning.Web.Board;

/// <summary>
/// What a viewer did to a card, as <c>js/board.js</c> reports it for the whole board: cards are shared HTML without
/// handlers of their own (<see cref="CardMarkup"/>). Everything here comes from the browser and is checked again on the
/// server: an unknown item, cell or action does nothing.
/// </summary>
public sealed class CardActionEventArgs : EventArgs
{
    /// <summary>
    /// "open" (the title), "move" (the "Flyt til…" button), "key" (Ctrl+arrow), "drop", "focus" (arrow up or down to a card not
    /// shown yet) or "undo" (Ctrl+Z outside a text field; no item).
    /// </summary>
    public string? Action { get; set; }

    public int ItemId { get; set; }

    /// <summary>For "key" and "focus": the key, e.g. "ArrowRight".</summary>
    public string? Key { get; set; }

    /// <summary>For "drop": the cell the card was dropped in, and the card it was dropped on (null: the bottom of the cell).</summary>
    public int ThemeId { get; set; }

    /// <inheritdoc cref="ThemeId"/>
    public int Status { get; set; }

    /// <inheritdoc cref="ThemeId"/>
    public int? BeforeItemId { get; set; }
}

/// <summary>Which cards of a long cell the viewer can see now: the first by index, and how many fit (from <c>js/board.js</c>).</summary>
public sealed class CellWindowEventArgs : EventArgs
{
    public int ThemeId { get; set; }

    public int Status { get; set; }

    public int First { get; set; }

    public int Count { get; set; }
}

/// <summary>The board's two custom events, registered in the browser by <c>Udmoentning.Web.lib.module.js</c>.</summary>
[EventHandler("oncardaction", typeof(CardActionEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
[EventHandler("oncellwindow", typeof(CellWindowEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers;
