using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;

namespace Udmoentning.Web.Board;

/// <summary>The commands a card gives: drop, keyboard moves, the move dialog, the item dialog, focus.</summary>
public sealed partial class BoardSession
{
    /// <summary>What the viewer did to a card, as the board's script reports it; an unknown card, cell or action does nothing.</summary>
    public async Task OnCardActionAsync(CardActionEventArgs action)
    {
        if (action.Action == "undo")
        {
            await UndoAsync();
            return;
        }

        if (State?.Item(action.ItemId) is not { } item)
        {
            return;
        }

        switch (action.Action)
        {
            case "open":
                await OpenDetailsAsync(item);
                break;
            case "move":
                await OpenMoveMenuAsync(item);
                break;
            case "key":
                await MoveByKeyAsync(item, new KeyboardEventArgs { Key = action.Key ?? string.Empty, CtrlKey = true });
                break;
            case "drop" when Enum.IsDefined((ItemStatus)action.Status):
                await DropAsync(item, new CellKey(action.ThemeId, (ItemStatus)action.Status), action.BeforeItemId);
                break;
            case "focus":
                FocusNeighbour(item, action.Key == "ArrowUp" ? -1 : 1);
                break;
        }
    }

    /// <summary>The viewer scrolled a long cell; it renders the cards now in view.</summary>
    public void OnCellWindow(CellWindowEventArgs window)
    {
        if (Enum.IsDefined((ItemStatus)window.Status))
        {
            State?.SetWindow(new CellKey(window.ThemeId, (ItemStatus)window.Status), window.First, window.Count);
        }
    }

    /// <summary>A card was dropped in a cell, above <paramref name="beforeItemId"/> or at the bottom.</summary>
    private async Task DropAsync(PlanItem item, CellKey target, int? beforeItemId)
    {
        if (State is null)
        {
            return;
        }

        if (target.ThemeId != item.ThemeId)
        {
            var theme = State.Snapshot.Theme(item.ThemeId)?.Name;
            Tell($"{item.Code} hører under hovedpunktet \"{theme}\". Træk det inden for sin egen række; hovedpunktet ændres i punktets detaljer.", Severity.Warning);
            return;
        }

        if (beforeItemId == item.Id)
        {
            return;
        }

        await MoveAsync(item, new CardMove(target.Status, beforeItemId), keepFocus: false);
    }

    /// <summary>Arrow down or up past the cards a long cell has rendered: the next or previous card takes the focus.</summary>
    private void FocusNeighbour(PlanItem item, int step)
    {
        var cell = CellOf(item);
        var at = CardMoves.IndexOf(cell, item.Id);
        if (at >= 0 && at + step >= 0 && at + step < cell.Count)
        {
            Focus(cell[at + step].Id);
        }
    }

    /// <summary>Ctrl+arrow on a card: the next or previous status, or one place up or down; other keys are ignored.</summary>
    public async Task MoveByKeyAsync(PlanItem item, KeyboardEventArgs key)
    {
        if (CardMoves.FromKey(key) is not { } step || State is null || !CanMove)
        {
            return;
        }

        var current = State.Item(item.Id) ?? item;
        if (!CanChange(current))
        {
            Tell(AccessRules.RefusalToChange(_actor, current) ?? AccessRules.ReadOnly, Severity.Info);
            return;
        }

        if (CardMoves.Plan(current, CellOf(current), step) is { } move)
        {
            await MoveAsync(current, move, keepFocus: true);
        }
    }

    /// <summary>"Flyt til…": every move a mouse can make, in a dialog; the focus returns to the card.</summary>
    public async Task OpenMoveMenuAsync(PlanItem item)
    {
        if (State is null)
        {
            return;
        }

        var current = State.Item(item.Id) ?? item;
        var cell = CellOf(current);
        var parameters = new DialogParameters<MoveDialog>
        {
            { d => d.Item, current },
            { d => d.IsFirst, CardMoves.Plan(current, cell, CardStep.Up) is null },
            { d => d.IsLast, CardMoves.Plan(current, cell, CardStep.Down) is null },
        };
        var dialog = await dialogs.ShowAsync<MoveDialog>($"Flyt {current.Code}", parameters, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        var result = await dialog.Result;
        if (State is null)
        {
            return;
        }

        // The cell as it is now: others may have moved cards while the dialog was open.
        var move = result is { Canceled: false, Data: MoveChoice choice }
            ? choice.To is { } to ? new CardMove(to, null) : choice.Step is { } step ? CardMoves.Plan(current, CellOf(current), step) : null
            : null;
        if (move is { } chosen)
        {
            await MoveAsync(current, chosen, keepFocus: true);
        }
        else
        {
            Focus(current.Id);
        }
    }

    public async Task OpenDetailsAsync(PlanItem item)
    {
        if (State is null)
        {
            return;
        }

        var current = State.Item(item.Id) ?? item;
        var parameters = new DialogParameters<ItemDetailsDialog>
        {
            { d => d.Item, current },
            { d => d.Snapshot, State.Snapshot },
            { d => d.CanEdit, CanChange(current) },
            { d => d.User, _user },
        };
        var dialog = await dialogs.ShowAsync<ItemDetailsDialog>(item.Code, parameters,
            new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Medium, FullWidth = true });
        var result = await dialog.Result;
        if (State is null)
        {
            return;
        }

        if (result is { Canceled: false, Data: PlanItem saved })
        {
            State.Apply([saved], clock.GetUtcNow());
            State.RequestFocus(saved.Id);
            OfferUndo();
            Say($"{saved.Code} er gemt.");
        }
        else
        {
            State.RequestFocus(item.Id);
        }

        Render();
    }

    /// <summary>Puts the focus on a card, if it is shown.</summary>
    public void Focus(int itemId)
    {
        State?.RequestFocus(itemId);
        Render();
    }

    /// <summary>Says <paramref name="message"/> in the polite live region.</summary>
    public void Announce(string message)
    {
        Say(message);
        Render();
    }

    private async Task MoveAsync(PlanItem item, CardMove move, bool keepFocus)
    {
        var outcome = await items.MoveAsync(_user, new MoveRequest(item.Id, item.Version, move.To, move.BeforeItemId));
        if (State is null)
        {
            return;
        }

        if (outcome.Value is not null)
        {
            State.Apply([outcome.Value], clock.GetUtcNow());
        }

        if (keepFocus)
        {
            State.RequestFocus(item.Id);
        }

        if (outcome.Succeeded)
        {
            OfferUndo();
            var place = CardMoves.IndexOf(State.Cell(new CellKey(item.ThemeId, move.To)), item.Id) + 1;
            Say(move.To == item.Status ? $"{item.Code} er nu nr. {place} i {move.To.Name()}." : $"{item.Code} flyttet til {move.To.Name()}.");
        }
        else
        {
            Tell(outcome.Message ?? "Flytningen blev ikke gemt.", Severity.Warning);
        }

        Render();
    }

    private IReadOnlyList<PlanItem> CellOf(PlanItem item) => State?.Cell(new CellKey(item.ThemeId, item.Status)) ?? [];
}
