using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Udmoentning.Domain.Ledger;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Ledger;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Board.Views;

/// <summary>
/// One view of a board on this node, shared by every page that shows it (ADR 0025): its own <see cref="BoardState"/>, fed by
/// one subscription to the change feed, and after each change one <see cref="BoardFigures"/> message to the view's group on
/// <see cref="BoardHub"/>, serialised once for all its viewers. The subscription delivers changes one batch at a time, so
/// the messages leave in order, each with the next <see cref="BoardFigures.Sequence"/>.
/// </summary>
internal sealed class BoardView : IDisposable
{
    private readonly BoardViewKey _key;
    private readonly PlanCache _plans;
    private readonly AccountLineReader _accounts;
    private readonly IHubContext<BoardHub> _hub;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly IDisposable _subscription;
    private Task _loaded;
    private BoardState? _state;
    private long _sequence;

    public BoardView(BoardViewKey key, LocalChangeFeed feed, PlanCache plans, AccountLineReader accounts, IHubContext<BoardHub> hub,
        TimeProvider clock, ILogger logger)
    {
        _key = key;
        View = key.ToString();
        Group = BoardViews.GroupOf(View);
        _plans = plans;
        _accounts = accounts;
        _hub = hub;
        _clock = clock;
        _logger = logger;
        // Followed before the plan is read, as a board does (see PlanCache): a change saved meanwhile is in one or the other.
        // Every plan's feed, of which it takes its own plan's: a view is not a viewer (LocalChangeFeed counts viewers).
        _subscription = feed.SubscribeAll(
            changes => changes.Any(c => c.PlanId == key.PlanId) ? OnChangesAsync([.. changes.Where(c => c.PlanId == key.PlanId)]) : Task.CompletedTask,
            change => change.Concerns(key.PlanId) && change.ChangesPlan ? OnStructureChangedAsync(change) : Task.CompletedTask);
        _loaded = LoadAsync();
    }

    /// <summary>The view's key as the board writes it.</summary>
    public string View { get; }

    public string Group { get; }

    /// <summary>The pages joined to the view on this node (guarded by <see cref="BoardViews"/>).</summary>
    public HashSet<string> Connections { get; } = [];

    /// <summary>The view's figures now, once it has read its plan; null when it could not (the page keeps what it rendered).</summary>
    public BoardFigures? Current { get; private set; }

    public async Task<BoardFigures?> CurrentAsync()
    {
        await _loaded;
        return Current;
    }

    private async Task LoadAsync()
    {
        using var culture = new CultureScope(_key.Culture);
        try
        {
            var snapshot = await _plans.GetAsync(_key.PlanId);
            var committee = _key.Committee is { } slug ? snapshot?.CommitteeBySlug(slug) : null;
            if (snapshot is null || (_key.Committee is not null && committee is null))
            {
                _state = null;
                Current = null;
                return;
            }

            var lines = _key.Filter.UnplacedOnly ? await _accounts.PlanAsync(_key.PlanId) : null;
            _state = new BoardState(snapshot, _key.Filter, committee, lines);
            Current = BoardFigures.Of(View, ++_sequence, _state, []);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            _logger.LogWarning(e, "The board's view {View} could not read its plan", View);
            _state = null;
            Current = null;
        }
    }

    private async Task OnChangesAsync(IReadOnlyList<ItemChange> changes)
    {
        await _loaded;
        if (_state is null)
        {
            // The plan could not be read when the view opened (no database): read it again, now with these changes in it.
            await ReloadAsync();
            return;
        }

        var state = _state;

        using var culture = new CultureScope(_key.Culture);
        var placed = false;
        if (_key.Filter.RereadsAccountsFor(changes))
        {
            IReadOnlyDictionary<int, IReadOnlyList<AccountLine>>? lines = null;
            try
            {
                lines = await _accounts.PlanAsync(_key.PlanId);
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                _logger.LogWarning(e, "The board's view {View} could not read the plan's kontering again", View);
            }

            placed = lines is not null && state.PlaceOnAccounts(lines);
        }

        if (state.Apply(changes.Select(c => c.Item), _clock.GetUtcNow()).Count == 0 && !placed)
        {
            return;
        }

        await SendAsync(BoardFigures.Of(View, ++_sequence, state, BoardFigures.HeardOf(state, changes)));
    }

    /// <summary>The plan's structure changed: the view reads it again, and its pages get the figures of the board they rebuild.</summary>
    private async Task OnStructureChangedAsync(StructureChange change)
    {
        await _loaded;
        await ReloadAsync();
    }

    /// <summary>Reads the plan again and sends the view's figures from it, if it could.</summary>
    private async Task ReloadAsync()
    {
        _loaded = LoadAsync();
        await _loaded;
        if (Current is { } figures)
        {
            await SendAsync(figures);
        }
    }

    private async Task SendAsync(BoardFigures figures)
    {
        Current = figures;
        await _hub.Clients.Group(Group).SendAsync("Figures", figures);
    }

    public void Dispose() => _subscription.Dispose();

    /// <summary>The view's language for the length of a piece of work: a text filter matches in it.</summary>
    private readonly struct CultureScope : IDisposable
    {
        private readonly CultureInfo _previous;

        public CultureScope(string name)
        {
            _previous = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        }

        public void Dispose() => CultureInfo.CurrentCulture = _previous;
    }
}
