using Microsoft.AspNetCore.Components;
using Udmoentning.Web.Board.Views;

namespace Udmoentning.Web.Board;

/// <summary>
/// Shows the circuit's <see cref="BoardSession"/> for a plan, optionally one committee's extract, and a filter:
/// loads it when these change, cascades it to the lanes, cells and cards in <see cref="ChildContent"/>, renders once
/// per change, and announces changes in a polite live region. A page that shows a board wraps its board in this:
/// <code>
/// &lt;LiveBoard PlanId="PlanId" Committee="@Slug" Filter="_filter" Context="board"&gt;
///     @foreach (var theme in board.State?.Snapshot.Themes ?? []) { &lt;ThemeLane Theme="theme" State="board.State" /&gt; }
/// &lt;/LiveBoard&gt;
/// </code>
/// </summary>
public sealed partial class LiveBoard : IDisposable
{
    private IDisposable? _attachment;

    [Inject] private BoardSession Session { get; set; } = null!;

    /// <summary>The plan to show; null shows the default plan.</summary>
    [Parameter] public int? PlanId { get; set; }

    /// <summary>A committee's short name (slug) to show only its extract; null shows the whole plan.</summary>
    [Parameter] public string? Committee { get; set; }

    /// <summary>What to show of it, as read from the URL.</summary>
    [Parameter] public BoardFilter Filter { get; set; } = BoardFilter.None;

    /// <summary>
    /// Whether <see cref="ChildContent"/> shows the board through a <see cref="BoardBody"/>: another viewer's change then
    /// renders only the body, which holds the live region. Without one, every change renders all of the content.
    /// </summary>
    [Parameter] public bool HasBody { get; set; }

    /// <summary>The board's parts, given the session; rendered again with every change (or only its body, see <see cref="HasBody"/>).</summary>
    [Parameter, EditorRequired] public required RenderFragment<BoardSession> ChildContent { get; set; }

    protected override void OnInitialized() =>
        _attachment = Session.Attach(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);

    protected override Task OnParametersSetAsync() => Session.LoadAsync(new BoardRequest(PlanId, Committee, Filter));

    /// <summary>
    /// The board's view and its figures as this render shows them (sequence 0): the page's script takes these when the view
    /// is new to it, and newer ones from the view's messages (ADR 0025). Only a whole render (opening, filters, a rebuild)
    /// renders them; a change renders the board's body alone.
    /// </summary>
    private (string? View, string? Figures) Shown()
    {
        if (Session.State is not { } state)
        {
            return (null, null);
        }

        var view = BoardViewKey.Of(state).ToString();
        return (view, BoardFigures.Of(view, 0, state, []).ToJson());
    }

    public void Dispose() => _attachment?.Dispose();
}
