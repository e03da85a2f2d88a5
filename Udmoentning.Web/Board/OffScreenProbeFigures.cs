using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Board;

/// <summary>One view's counts after a change, as ADR 0025's message per view would carry them.</summary>
public sealed record ProbeFigures(int PlanId, long Sequence, int[] Counts, long[] Totals, string? Announcement);

/// <summary>
/// <c>/hubs/board-probe</c>, mapped only with <c>Board:OffScreenProbe=skip</c> (ADR 0025): the benchmark's viewers join
/// the whole board's view of a plan here and receive <see cref="OffScreenProbeFigures"/>' one message per change.
/// </summary>
[Authorize]
public sealed class OffScreenProbeHub(OffScreenProbeFigures figures) : Hub
{
    public const string Path = "/hubs/board-probe";

    public async Task Join(int planId)
    {
        await figures.StartAsync(planId);
        await Groups.AddToGroupAsync(Context.ConnectionId, OffScreenProbeFigures.Group(planId));
    }
}

/// <summary>
/// The server's side of ADR 0025's design, for measuring only: one <see cref="BoardState"/> per view (here the whole
/// board of a plan, no filter), fed by one subscription to the change feed, whose counts, totals and announcement are
/// sent once per change to the view's group, serialised once for all its viewers.
/// </summary>
public sealed class OffScreenProbeFigures(LocalChangeFeed feed, PlanCache plans, IHubContext<OffScreenProbeHub> hub, TimeProvider clock)
    : IHostedService
{
    private readonly ConcurrentDictionary<int, BoardState> _views = new();
    private IDisposable? _subscription;
    private long _sequence;

    public static string Group(int planId) => $"board-probe:{planId}";

    public async Task StartAsync(int planId)
    {
        if (!_views.ContainsKey(planId) && await plans.GetAsync(planId) is { } snapshot)
        {
            _views.TryAdd(planId, new BoardState(snapshot, BoardFilter.None, committee: null));
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.SubscribeAll(SendAsync, _ => Task.CompletedTask);
        return Task.CompletedTask;
    }

    Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private async Task SendAsync(IReadOnlyList<ItemChange> changes)
    {
        foreach (var plan in changes.GroupBy(c => c.PlanId))
        {
            if (!_views.TryGetValue(plan.Key, out var state))
            {
                continue;
            }

            state.Apply(plan.Select(c => c.Item), clock.GetUtcNow());
            var (counts, totals) = state.Figures();
            var message = new ProbeFigures(plan.Key, Interlocked.Increment(ref _sequence), counts, totals, BoardSession.Heard(state, plan));
            await hub.Clients.Group(Group(plan.Key)).SendAsync("Figures", message);
        }
    }
}
