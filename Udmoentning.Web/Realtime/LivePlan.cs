using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Realtime;

/// <summary>What a live component does when its plan changes; each runs on the component's dispatcher.</summary>
public sealed record LiveHandlers
{
    /// <summary>Items changed, in the order they were saved.</summary>
    public Func<IReadOnlyList<ItemChange>, Task> Changes { get; init; } = _ => Task.CompletedTask;

    /// <summary>The plan's structure changed (themes, committees, meetings, the plan); null: <see cref="Resync"/>.</summary>
    public Func<StructureChange, Task>? Structure { get; init; }

    /// <summary>The plan's questions changed (<see cref="PlanPart.Questions"/>); null: nothing to do, the plan itself is unchanged.</summary>
    public Func<StructureChange, Task>? Questions { get; init; }

    /// <summary>Read what is shown again: after the connection came back (the node catches up with the database first).</summary>
    public Func<Task>? Resync { get; init; }

    /// <summary>The circuit's user changed (see <c>AccessRevalidation</c>): read the rights anew. Null: the page's cascaded user does it.</summary>
    public Func<ClaimsPrincipal, Task>? AccessChanged { get; init; }

    /// <summary>Renders the component after a failure it is told of (see <see cref="LivePlan.Say"/>).</summary>
    public Action Render { get; init; } = () => { };

    /// <summary>Told when live work found no database; null: the polite region says so and the view keeps what it shows.</summary>
    public Func<string, Task>? Unreadable { get; init; }
}

/// <summary>
/// The one owner of a component's live plan (eShop's <c>OrdersRefreshOnStatusChange</c>): it subscribes to the change feed
/// before the component reads the shared plan (so a change saved meanwhile is in one or the other, see <see cref="PlanCache"/>),
/// runs each change through the component's <c>InvokeAsync</c>, drops work from an earlier subscription that arrives late,
/// routes failures to <c>DispatchExceptionAsync</c> (a database outage only to a polite note), catches up after a reconnect
/// (the node compares its copy with the database at once, see <see cref="PlanResync"/>, then the component reads again),
/// follows access changes, says things in the polite live region (<see cref="Say"/>), and stops when closed.
/// </summary>
public sealed class LivePlan(
    LocalChangeFeed feed,
    CircuitConnection connection,
    PlanResync resync,
    AuthenticationStateProvider authentication,
    ILogger<LivePlan> logger)
{
    private View? _view;
    private IDisposable? _subscription;
    private int _generation;

    /// <summary>The plan followed now; null before <see cref="Follow"/> or after <see cref="Stop"/>.</summary>
    public int? PlanId { get; private set; }

    /// <summary>The text of the component's polite live region.</summary>
    public string? Announcement { get; private set; }

    /// <summary>
    /// Connects the component: its dispatcher, its error route and what it does with changes. Attaching again replaces the
    /// previous component; work for that one still on its way is dropped.
    /// </summary>
    public void Attach(Func<Func<Task>, Task> invokeAsync, Func<Exception, Task> dispatchExceptionAsync, LiveHandlers handlers)
    {
        _view = new View(invokeAsync, dispatchExceptionAsync, handlers);
    }

    /// <summary>
    /// Follows <paramref name="planId"/>; true when it started to (the first time, or another plan): the component reads the
    /// plan after this returns. Call only on a live circuit; prerendering follows nothing.
    /// </summary>
    public bool Follow(int planId)
    {
        if (PlanId == planId && _subscription is not null)
        {
            return false;
        }

        Stop();
        var generation = _generation;
        _subscription = feed.Subscribe(planId,
            changes => RunAsync(generation, h => h.Changes(changes)),
            change => RunAsync(generation, h => change.ChangesPlan
                ? h.Structure?.Invoke(change) ?? h.Resync?.Invoke() ?? Task.CompletedTask
                : h.Questions?.Invoke(change) ?? Task.CompletedTask));
        PlanId = planId;
        connection.Reconnected += OnReconnectedAsync;
        authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
        return true;
    }

    /// <summary>Stops following; work from the subscription still on its way is dropped when it arrives.</summary>
    public void Stop()
    {
        _generation++;
        _subscription?.Dispose();
        _subscription = null;
        PlanId = null;
        connection.Reconnected -= OnReconnectedAsync;
        authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;
    }

    /// <summary>Sets the live region's text for the next render; the same text twice in a row gets a zero-width variation so it is read again.</summary>
    public void Say(string message) => Announcement = Announcement == message ? message + "\u200B" : message;

    /// <summary>Empties the live region (a new page starts silent).</summary>
    public void Hush() => Announcement = null;

    /// <summary>
    /// Runs work from another live source (a meeting's steps, say) as the plan's changes run: on the component's dispatcher,
    /// dropped when the component has followed another plan or closed meanwhile, failures routed the same way.
    /// </summary>
    public Task RunAsync(Func<Task> work) => RunAsync(_generation, _ => work());

    private Task OnReconnectedAsync()
    {
        // Changes this node never heard of while the browser was away (a lost message from another node) come through the
        // feed as soon as the node has compared its copy with the database; the component then reads what it shows again.
        resync.RequestCatchUp();
        return RunAsync(_generation, h => h.Resync?.Invoke() ?? Task.CompletedTask);
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> state) =>
        _ = RunAsync(_generation, async h =>
        {
            if (h.AccessChanged is { } changed)
            {
                await changed((await state).User);
            }
        });

    private Task RunAsync(int generation, Func<LiveHandlers, Task> work)
    {
        var view = _view;
        if (view is null)
        {
            return Task.CompletedTask;
        }

        return view.InvokeAsync(async () =>
        {
            if (_view != view || generation != _generation)
            {
                return;
            }

            try
            {
                await work(view.Handlers);
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                // Reading the plan again found no database: the view keeps what it shows and says so.
                logger.LogWarning(e, "A live view could not read its plan again");
                if (view.Handlers.Unreadable is { } unreadable)
                {
                    await unreadable(StorageFailure.NotRead);
                    return;
                }

                Say(StorageFailure.NotRead);
                view.Handlers.Render();
            }
            catch (Exception e)
            {
                await view.DispatchExceptionAsync(e);
            }
        });
    }

    /// <summary>
    /// The component is gone: stop following and forget it. (Not <see cref="IDisposable"/>: a transient the container
    /// disposed would be kept for the circuit's whole life; the component that injects it closes it in its own Dispose.)
    /// </summary>
    public void Close()
    {
        Stop();
        _view = null;
    }

    private sealed record View(Func<Func<Task>, Task> InvokeAsync, Func<Exception, Task> DispatchExceptionAsync, LiveHandlers Handlers);
}
