using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Ledger;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Board;

/// <summary>What a board shows: a plan (null: the default plan), optionally one committee's extract, and the filter from the URL.</summary>
public sealed record BoardRequest(int? PlanId, string? CommitteeSlug, BoardFilter Filter);

/// <summary>
/// One viewer's live board, scoped to the circuit: what it shows (<see cref="State"/>), who is looking, the
/// subscription to the plan's changes, and the commands cards and cells give (move, reorder, open, focus, announce).
/// A page shows it through <see cref="LiveBoard"/>, which loads it for the page's plan, committee and filter and
/// renders once when the session asks; lanes, cells and cards render its state and report back to it. A change by this
/// viewer, or another's change to a card it renders, ends in one render of that view: one render batch. Another's change to a
/// card it does not render renders nothing: the counts and what is announced of it come to the page from the view it shares
/// with every viewer of the same board (<see cref="Views.BoardViews"/>, ADR 0025).
/// </summary>
public sealed partial class BoardSession(
    PlanCache plans,
    PlanItemService items,
    AccountLineReader accounts,
    LivePlan live,
    AuthenticationStateProvider authentication,
    CurrentUsers currentUsers,
    IDialogService dialogs,
    ISnackbar snackbar,
    TimeProvider clock,
    CircuitConnection connection,
    ILogger<BoardSession> logger) : IDisposable
{
    private readonly List<ItemChange> _pending = [];
    private View? _view;
    private Action? _renderBody;
    private BoardRequest _request = new(null, null, BoardFilter.None);
    private PlanSnapshot? _snapshot;
    private int? _planId;
    private ClaimsPrincipal _user = new();
    private Actor _actor = Actor.Anonymous;
    private IReadOnlyDictionary<int, IReadOnlyList<AccountLine>>? _accountLines;
    private int _accountReads;

    /// <summary>The board as this viewer sees it; null while loading, without a plan, or with a <see cref="Problem"/>.</summary>
    public BoardState? State { get; private set; }

    /// <summary>There is no plan at all yet (the first start).</summary>
    public bool NoPlan { get; private set; }

    /// <summary>Why there is no board to show (an unknown plan or committee), in Danish.</summary>
    public string? Problem { get; private set; }

    /// <summary>The text of the polite live region for what this viewer did, or what happened to its own page.</summary>
    public string? Announcement => live.Announcement;

    /// <summary>The page this session runs on, as changes made from it are marked (its script does not announce them).</summary>
    public string Origin => connection.Origin;

    /// <summary>The committee's name, the plan's name, or a general one while neither is known.</summary>
    public string Heading => State?.Committee?.Name ?? _snapshot?.Plan.Name ?? "Udmøntningsplan";

    /// <summary>Moving needs a live connection; the prerendered page is read-only.</summary>
    public bool CanMove => _view?.IsInteractive == true;

    public bool CanManagePlans => AccessRules.CanManagePlans(_actor);

    /// <summary>Whether to offer dragging and moving this card. A convenience only: the service decides.</summary>
    /// <summary>Whether this viewer may move or edit anything on this board now (the move help is for them only).</summary>
    public bool CanChangeItems => CanMove && _snapshot?.Plan.IsArchived == false && AccessRules.MayChangeItems(_actor);

    public bool CanChange(PlanItem item) => CanMove && _snapshot?.Plan.IsArchived == false && AccessRules.CanChange(_actor, item);

    /// <summary>
    /// Connects the component that shows the board: the session's work from the change feed runs through
    /// <paramref name="invokeAsync"/>, and each change ends in one <paramref name="render"/>. Attaching another view
    /// closes the board of the previous one; disposing the returned attachment closes this one, unless another view took over.
    /// </summary>
    public IDisposable Attach(bool interactive, Func<Func<Task>, Task> invokeAsync, Action render, Func<Exception, Task> dispatchExceptionAsync)
    {
        Close();
        _view = new View(this, interactive, render);
        live.Attach(invokeAsync, dispatchExceptionAsync, new LiveHandlers
        {
            Changes = OnChangesAsync,
            Structure = OnStructureChangedAsync,
            Resync = OnReconnectedAsync,
            AccessChanged = OnAccessChangedAsync,
            Render = Render,
            Unreadable = message =>
            {
                Tell(message, Severity.Warning);
                return Task.CompletedTask;
            },
        });
        return _view;
    }

    /// <summary>
    /// Connects the board's changing part (<see cref="BoardBody"/>): another viewer's change renders only it, not the page
    /// around it. Disposing the returned attachment disconnects it, unless another body took over.
    /// </summary>
    public IDisposable AttachBody(Action render)
    {
        _renderBody = render;
        return new BodyAttachment(this, render);
    }

    /// <summary>
    /// Shows <paramref name="request"/>: another plan starts over with a subscription to that plan; another committee or
    /// filter rebuilds the board from the items already known.
    /// </summary>
    public async Task LoadAsync(BoardRequest request)
    {
        try
        {
            await LoadOnceAsync(request);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // The first read of the plan found no database: the page says so and lives; opening it again reads again.
            logger.LogWarning(e, "The board could not load its plan");
            State = null;
            Problem = StorageFailure.NotRead;
        }
    }

    private async Task LoadOnceAsync(BoardRequest request)
    {
        _request = request;
        var planId = request.PlanId ?? (await plans.DefaultAsync())?.Id;
        if (_snapshot is not null && _snapshot.Plan.Id != planId)
        {
            // Another plan: start over, with nothing of the previous plan's board kept.
            _snapshot = null;
            State = null;
            _pending.Clear();
        }

        if (CanMove && live.Follow(planId ?? 0))
        {
            // Followed before reading the shared plan: a change saved meanwhile is then in one or the other (see PlanCache).
            _snapshot = null;
        }

        _planId = planId;

        _snapshot ??= planId is { } id ? await plans.GetAsync(id) : null;
        NoPlan = planId is null;
        _user = (await authentication.GetAuthenticationStateAsync()).User;
        _actor = await currentUsers.ActorAsync(_user);
        OfferUndo();
        await ReadAccountLinesAsync();
        Rebuild(State?.AllItems ?? _snapshot?.Items);
    }

    /// <summary>
    /// Reads the plan's kontering when the filter asks for it (only then: an ordinary board pays nothing), and forgets it
    /// otherwise. A read that a later one overtook is dropped. True when the board showed or hid a card for it.
    /// </summary>
    private async Task<bool> ReadAccountLinesAsync()
    {
        var read = ++_accountReads;
        if (!_request.Filter.UnplacedOnly || _planId is not { } planId)
        {
            _accountLines = null;
            return false;
        }

        var lines = await accounts.PlanAsync(planId);
        if (read != _accountReads || _planId != planId)
        {
            return false;
        }

        _accountLines = lines;
        return State is { Filter.UnplacedOnly: true } state && state.PlaceOnAccounts(lines);
    }

    private void Rebuild(IReadOnlyList<PlanItem>? items)
    {
        Problem = null;
        State = null;
        if (_snapshot is null || items is null)
        {
            Problem = NoPlan ? null : "Planen findes ikke. Vælg en plan i menuen Plan.";
            return;
        }

        Committee? committee = null;
        if (_request.CommitteeSlug is { } slug && (committee = _snapshot.CommitteeBySlug(slug)) is null)
        {
            Problem = $"Der findes ikke et udvalg med kortnavnet \"{slug}\". Vælg et udvalg i menuen.";
            return;
        }

        State = new BoardState(_snapshot with { Items = items }, _request.Filter, committee, _accountLines);
        if (_pending.Count > 0)
        {
            State.Apply(_pending.Select(c => c.Item), clock.GetUtcNow());
            _pending.Clear();
        }
    }

    private async Task OnChangesAsync(IReadOnlyList<ItemChange> changes)
    {
        // With "Ikke fuldt på konti" on (or being loaded), a saved kontering is read before the change is applied.
        var placed = _request.Filter.RereadsAccountsFor(changes) && await RereadAccountLinesAsync();
        if (State is null)
        {
            _pending.AddRange(changes);
            return;
        }

        // Counts and announcements reach the page from the board's view (ADR 0025), so a change that alters no card this
        // viewer renders (one below a long cell's window, say) costs it no render batch.
        var applied = State.Apply(changes.Select(c => c.Item), clock.GetUtcNow());
        if ((applied.Count > 0 && State.ChangedCardsInView) || placed)
        {
            RenderChanges();
        }
    }

    /// <summary>The kontering read again for a change; without a database the board keeps the lines it had and applies the change.</summary>
    private async Task<bool> RereadAccountLinesAsync()
    {
        try
        {
            return await ReadAccountLinesAsync();
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            logger.LogWarning(e, "The board could not read the plan's kontering again");
            return false;
        }
    }

    private async Task OnReconnectedAsync()
    {
        // The circuit lived on while the browser was away and applied every change its node heard of, and what the node
        // missed reaches it through the feed once the node has compared its copy with the database (LivePlan asked for
        // that). So a board it shows is neither read nor rebuilt: when a meeting room's laptops wake at once, a rebuild and a
        // whole board's render for each of them is what would keep them all waiting. Blazor sends what was rendered
        // meanwhile; the note is added to it. Only a board that could not load is read again.
        var shown = State is not null;
        if (!shown)
        {
            _snapshot = await plans.GetAsync(_planId);
            await ReadAccountLinesAsync();
            Rebuild(_snapshot?.Items);
        }

        Say("Forbindelsen er genoprettet. Tavlen viser den aktuelle plan.");
        if (shown)
        {
            RenderChanges();
        }
        else
        {
            Render();
        }
    }

    /// <summary>Themes, committees, meetings or the plan itself changed: read the plan again and rebuild the board, keeping the filters.</summary>
    private async Task OnStructureChangedAsync(StructureChange change)
    {
        _snapshot = await plans.GetAsync(_planId);
        _actor = await currentUsers.ActorAsync(_user);
        Rebuild(_snapshot?.Items);
        Say($"{change.Description} ({change.ChangedBy})");
        Render();
    }

    /// <summary>
    /// The circuit's user changed (see <see cref="AccessRevalidation"/>): their rights are read anew and the board is
    /// rebuilt with them, so a demoted editor's cards stop offering moves. A user who lost access altogether is sent to
    /// sign-in by the router.
    /// </summary>
    private async Task OnAccessChangedAsync(ClaimsPrincipal user)
    {
        _user = user;
        var actor = await currentUsers.ActorAsync(_user);
        var same = _actor is { } shown && actor.HasSameRightsAs(shown);
        _actor = actor;
        if (same)
        {
            // Blazor tells a circuit its user again whenever its browser reconnects. With the same rights every card stays as
            // it is: rebuilding copied the plan's items and rendered every cell again, for each viewer of a room whose
            // Wi-Fi came back at once (issue 37).
            return;
        }

        Rebuild(State?.AllItems ?? _snapshot?.Items);
        Render();
    }

    private void Tell(string message, Severity severity)
    {
        snackbar.Add(message, severity);
        Say(message);
        Render();
    }

    private void Say(string message) => live.Say(message);

    private void Render() => _view?.Render();

    /// <summary>Renders what item changes touch: the board's body when it is shown (one batch with the announcement), else everything.</summary>
    private void RenderChanges()
    {
        if (_renderBody is { } body && State is not null)
        {
            body();
        }
        else
        {
            Render();
        }
    }

    private sealed class BodyAttachment(BoardSession session, Action render) : IDisposable
    {
        public void Dispose()
        {
            if (session._renderBody == render)
            {
                session._renderBody = null;
            }
        }
    }

    /// <summary>No view shows the board any more: stop listening and forget it, so the next view starts clean.</summary>
    private void Close()
    {
        // Work from the old subscription still on its way is dropped when it arrives.
        live.Stop();
        _view = null;
        _planId = null;
        _request = new BoardRequest(null, null, BoardFilter.None);
        _snapshot = null;
        _pending.Clear();
        _accountLines = null;
        _accountReads++;
        _user = new ClaimsPrincipal();
        _actor = Actor.Anonymous;
        UndoOffer = null;
        State = null;
        NoPlan = false;
        Problem = null;
        live.Hush();
    }

    public void Dispose()
    {
        Close();
        live.Close();
    }

    private sealed class View(BoardSession session, bool interactive, Action render) : IDisposable
    {
        public bool IsInteractive => interactive;

        public void Render() => render();

        public void Dispose()
        {
            if (session._view == this)
            {
                session.Close();
            }
        }
    }
}
