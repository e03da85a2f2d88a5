using Microsoft.AspNetCore.SignalR;
using Udmoentning.Web.Ledger;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Board.Views;

/// <summary>
/// The board views that pages on this node have joined (ADR 0025): a <see cref="BoardView"/> lives while one page or more
/// is joined to it, and goes with the last. A page is joined to one view at a time, the one its board shows now.
/// </summary>
public sealed class BoardViews(
    LocalChangeFeed feed,
    PlanCache plans,
    AccountLineReader accounts,
    IHubContext<BoardHub> hub,
    TimeProvider clock,
    ILogger<BoardViews> logger) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BoardView> _views = [];
    private readonly Dictionary<string, BoardView> _joined = [];

    internal static string GroupOf(string view) => "board:" + view;

    /// <summary>How many views this node keeps now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _views.Count;
            }
        }
    }

    /// <summary>
    /// Joins <paramref name="connectionId"/> to the view written as <paramref name="view"/> (leaving the one it had) and
    /// answers with the view's figures now; a change handed out meanwhile comes as a message too, with a higher sequence.
    /// </summary>
    public async Task<BoardFigures?> JoinAsync(string connectionId, string view, CancellationToken cancellationToken = default)
    {
        if (BoardViewKey.Parse(view) is not { } key)
        {
            throw new HubException("Ukendt visning af tavlen. Genindlæs siden.");
        }

        BoardView joined;
        lock (_lock)
        {
            if (_joined.TryGetValue(connectionId, out var current) && current.View == view)
            {
                joined = current;
            }
            else
            {
                LeaveLocked(connectionId);
                if (!_views.TryGetValue(view, out joined!))
                {
                    joined = new BoardView(key, feed, plans, accounts, hub, clock, logger);
                    _views[view] = joined;
                }

                joined.Connections.Add(connectionId);
                _joined[connectionId] = joined;
            }
        }

        await hub.Groups.AddToGroupAsync(connectionId, joined.Group, cancellationToken);
        return await joined.CurrentAsync();
    }

    /// <summary>The page's connection closed: it leaves its view, and a view nobody has joined goes.</summary>
    public async Task LeaveAsync(string connectionId)
    {
        string? group;
        lock (_lock)
        {
            group = LeaveLocked(connectionId);
        }

        if (group is not null)
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, group);
        }
    }

    /// <summary>The figures of a view now, if a page on this node has joined it.</summary>
    public BoardFigures? Current(string view)
    {
        lock (_lock)
        {
            return _views.GetValueOrDefault(view)?.Current;
        }
    }

    private string? LeaveLocked(string connectionId)
    {
        if (!_joined.Remove(connectionId, out var view))
        {
            return null;
        }

        view.Connections.Remove(connectionId);
        if (view.Connections.Count == 0)
        {
            _views.Remove(view.View);
            view.Dispose();
        }

        return view.Group;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var view in _views.Values)
            {
                view.Dispose();
            }

            _views.Clear();
            _joined.Clear();
        }
    }
}
