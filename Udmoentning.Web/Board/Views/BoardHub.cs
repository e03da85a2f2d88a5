using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Udmoentning.Web.Board.Views;

/// <summary>
/// <c>/hubs/board</c>: the board's own page script joins the view its board shows (ADR 0025) and receives its
/// <see cref="BoardFigures"/> after every change: the counts, the totals and what to announce. Not an API for other systems
/// (that is <c>/hubs/plan</c>); the same users as the board's.
/// </summary>
[Authorize]
public sealed class BoardHub(BoardViews views) : Hub
{
    public const string Path = "/hubs/board";

    /// <summary>Joins the view written in the board's <c>data-view</c>, leaving the previous one; answers its figures now.</summary>
    public Task<BoardFigures?> Join(string view) => views.JoinAsync(Context.ConnectionId, view, Context.ConnectionAborted);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await views.LeaveAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }
}
