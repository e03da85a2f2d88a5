using Microsoft.AspNetCore.Components;

namespace Udmoentning.Web.Board;

/// <summary>
/// A part of the board that renders again only when a change touches it. Changes mark it; the <see cref="LiveBoard"/>
/// around it then renders once, so a viewer receives one render batch per change however many parts it touched
/// (a StateHasChanged of each part would send a batch each). The <see cref="BoardSession"/> replaces its
/// <see cref="BoardState"/> when filters, the committee or the connection change, so the subscription follows the parameter.
/// </summary>
public abstract class BoardStateListener : ComponentBase, IDisposable
{
    private BoardState? _subscribed;
    private bool _dirty = true;

    [Parameter, EditorRequired] public required BoardState State { get; set; }

    /// <summary>Whether changes to these cells concern this component.</summary>
    protected abstract bool Affects(IReadOnlySet<CellKey> cells);

    /// <summary>For the component's own events (e.g. "Vis alle"): render on the next pass.</summary>
    protected void MarkChanged() => _dirty = true;

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_subscribed, State))
        {
            Unsubscribe();
            _subscribed = State;
            _subscribed.Changed += OnChanged;
            _dirty = true;
        }
    }

    protected override bool ShouldRender() => _dirty;

    protected override void OnAfterRender(bool firstRender) => _dirty = false;

    private void OnChanged(IReadOnlySet<CellKey> cells) => _dirty |= Affects(cells);

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
