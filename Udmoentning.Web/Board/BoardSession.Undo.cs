using MudBlazor;
using Udmoentning.Web.Changes;

namespace Udmoentning.Web.Board;

/// <summary>"Fortryd" on the board: the viewer's own last move or edit of this plan, offered for a short time (see <see cref="UndoLog"/>).</summary>
public sealed partial class BoardSession
{
    /// <summary>What the viewer can undo on this board, and until when; null when there is nothing.</summary>
    public UndoOffer? UndoOffer { get; private set; }

    /// <summary>The "Fortryd" button or Ctrl+Z: undoes the change the board offers, says how it went, and puts the focus on the card.</summary>
    public async Task UndoAsync()
    {
        if (State is null || !CanMove)
        {
            return;
        }

        if (UndoOffer is not { } offer)
        {
            Tell("Der er ikke noget at fortryde. Du kan fortryde din egen seneste flytning eller ændring på tavlen i et par minutter.", Severity.Info);
            return;
        }

        var outcome = await items.UndoAsync(_user, offer.Id);
        if (State is null)
        {
            return;
        }

        if (outcome.Value is not null)
        {
            State.Apply([outcome.Value], clock.GetUtcNow());
            State.RequestFocus(outcome.Value.Id);
        }

        OfferUndo();
        Tell(outcome.Message ?? "Fortrydelsen blev ikke gemt.", outcome.Succeeded ? Severity.Success : Severity.Warning);
    }

    /// <summary>Reads what the viewer can undo now; a change to another plan is not offered on this plan's board.</summary>
    private void OfferUndo() =>
        UndoOffer = CanMove && items.UndoOfferFor(_user) is { } offer && offer.PlanId == _snapshot?.Plan.Id ? offer : null;
}
