using Microsoft.AspNetCore.Components;

namespace Udmoentning.Web.Components.Pages.Board;

/// <summary>
/// A part of the board that renders again when changes touch it. The page replaces its
/// <see cref="BoardState"/> when filters, the committee or the connection change, so the
/// subscription follows the parameter rather than being made once.
/// </summary>
public abstract class BoardStateListener : ComponentBase, IDisposable
{
    private BoardState? _subscribed;

    [Parameter, EditorRequired] public required BoardState State { get; set; }

    /// <summary>Whether changes to these cells concern this component.</summary>
    protected abstract bool Affects(IReadOnlySet<CellKey> cells);

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_subscribed, State))
        {
            Unsubscribe();
            _subscribed = State;
            _subscribed.Changed += OnChanged;
        }
    }

    private void OnChanged(IReadOnlySet<CellKey> cells)
    {
        if (Affects(cells))
        {
            StateHasChanged();
        }
    }

    private void Unsubscribe()
    {
        if (_subscribed is not null)
        {
            _subscribed.Changed -= OnChanged;
        }
    }

    public void Dispose()
    {
        Unsubscribe();
        GC.SuppressFinalize(this);
    }
}
