using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Plans;

/// <summary>
/// Catches this node up with changes it was never told of (a publish that failed after the save, a lost Redis message,
/// Redis down). Every <c>Realtime:ResyncInterval</c> (<c>Realtime:ResyncIntervalWhileDown</c> while the other nodes cannot
/// be heard, see <see cref="RealtimeStatus"/>), and at once when asked (<see cref="RequestCatchUp"/>), it compares the
/// revision of each item of the plans this node holds (<see cref="PlanCache"/>) with the database, and dispatches every
/// newer item to this node's viewers as a change. It also notices a structure change it never heard of by the newest
/// administration history entry. Each node checks itself against the shared database, so it needs no other node.
/// Found changes are sent in the order they were made (by their newest history entry), a status change as a move.
/// A change found here that is also delivered the usual way is handed out once (<see cref="LocalChangeFeed.Dispatch(ItemChange)"/>).
/// </summary>
public sealed class PlanResync : BackgroundService
{
    public const string IntervalSetting = "Realtime:ResyncInterval";

    public const string IntervalWhileDownSetting = "Realtime:ResyncIntervalWhileDown";

    /// <summary>What viewers are told when this node finds a structure change it did not hear of.</summary>
    public const string MissedStructure = "Planens opbygning er ændret på en anden server";

    private readonly PlanCache _plans;
    private readonly LocalChangeFeed _feed;
    private readonly IDbContextFactory<PlanDbContext> _contexts;
    private readonly RealtimeStatus _status;
    private readonly TimeProvider _clock;
    private readonly ILogger<PlanResync> _logger;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _intervalWhileDown;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int? _newestStructure;
    private int _heardStructure;
    private int _lost;

    public PlanResync(PlanCache plans, LocalChangeFeed feed, IDbContextFactory<PlanDbContext> contexts, RealtimeStatus status,
        IConfiguration configuration, TimeProvider clock, ILogger<PlanResync> logger)
    {
        (_plans, _feed, _contexts, _status, _clock, _logger) = (plans, feed, contexts, status, clock, logger);
        _interval = configuration.GetValue(IntervalSetting, TimeSpan.FromSeconds(15));
        _intervalWhileDown = configuration.GetValue(IntervalWhileDownSetting, TimeSpan.FromSeconds(2));
    }

    /// <summary>Catch up now: changes may have been lost (a gap in a sender's sequence, an unreadable message, Redis back after an outage).</summary>
    public void RequestCatchUp()
    {
        Volatile.Write(ref _lost, 1);
        Volatile.Read(ref _wake).TrySetResult();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _feed.DispatchingStructure += OnStructure;
        _status.Changed += OnStatusChanged;
        try
        {
            await TryAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var wake = Volatile.Read(ref _wake);
                await Task.WhenAny(Task.Delay(_status.IsUp ? _interval : _intervalWhileDown, _clock, stoppingToken), wake.Task);
                if (wake.Task.IsCompleted)
                {
                    Volatile.Write(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                await TryAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _feed.DispatchingStructure -= OnStructure;
            _status.Changed -= OnStatusChanged;
        }
    }

    private async Task TryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CatchUpAsync(cancellationToken);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            _logger.LogWarning(e, "Could not compare the plans in memory with the database; trying again later");
        }
    }

    private void OnStructure(StructureChange change) => Volatile.Write(ref _heardStructure, 1);

    /// <summary>Down: check more often from now on. Back: catch up at once.</summary>
    private void OnStatusChanged(bool up) => RequestCatchUp();

    /// <summary>Dispatches every stored item that is newer than this node's copy, and a structure change this node missed; returns how many items.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        // Taken before reading: a loss reported during this pass is looked at again in the next.
        var lost = Interlocked.Exchange(ref _lost, 0) == 1 || !_status.IsUp;
        await CatchUpStructureAsync(lost, cancellationToken);
        var found = 0;
        foreach (var snapshot in _plans.Loaded())
        {
            var planId = snapshot.Plan.Id;
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            var stored = await db.Items.AsNoTracking().Where(i => i.PlanId == planId).Select(i => new { i.Id, i.Revision }).ToListAsync(cancellationToken);
            var known = snapshot.Items.ToDictionary(i => i.Id);
            var missed = stored.Where(s => !known.TryGetValue(s.Id, out var item) || item.Revision < s.Revision).Select(s => s.Id).ToList();
            if (missed.Count == 0)
            {
                continue;
            }

            var items = await db.Items.AsNoTracking().Where(i => missed.Contains(i.Id)).ToListAsync(cancellationToken);
            var newest = (await db.History.AsNoTracking().Where(h => missed.Contains(h.ItemId)).OrderByDescending(h => h.Id)
                    .Select(h => new LastChange(h.Id, h.ItemId, h.UserName)).ToListAsync(cancellationToken))
                .DistinctBy(h => h.ItemId).ToDictionary(h => h.ItemId);

            // The plan as viewers hold it now, which may be newer than when this pass began: what arrived the usual way
            // meanwhile is not sent again (see LocalChangeFeed.Dispatch), and each change is told against what viewers last saw.
            var current = Current(planId) ?? known;
            var now = _clock.GetUtcNow();
            var sent = 0;
            foreach (var item in items.OrderBy(i => newest.GetValueOrDefault(i.Id)?.Id ?? 0))
            {
                var by = newest.GetValueOrDefault(item.Id)?.UserName ?? "en anden";
                sent += _feed.Dispatch(Found(snapshot, current.GetValueOrDefault(item.Id), item, by, now)) ? 1 : 0;
            }

            if (sent > 0)
            {
                _logger.LogWarning("Plan {PlanId}: {Count} changes had not reached this node's viewers; they are sent now", planId, sent);
            }

            found += sent;
        }

        return found;
    }

    /// <summary>The items of the plan as this node holds them now; null when it no longer holds the plan.</summary>
    private Dictionary<int, PlanItem>? Current(int planId) =>
        _plans.Loaded().FirstOrDefault(p => p.Plan.Id == planId)?.Items.ToDictionary(i => i.Id);

    /// <summary>
    /// A change found in the database, told as what viewers see: a new card, a card in another column (so a screen reader
    /// hears where it went), a comment (the count moved and the item's own version did not: a comment leaves it as it is),
    /// or a card that changed in place.
    /// </summary>
    private static ItemChange Found(PlanSnapshot plan, PlanItem? before, PlanItem item, string by, DateTimeOffset at) =>
        new(plan.Plan.Id, Kind(before, item), item,
            before?.Status ?? item.Status,
            before is null ? [] : CommitteeExtract.CommitteesOf(before, plan.Committees),
            by, at);

    private static ChangeKind Kind(PlanItem? before, PlanItem item) => before switch
    {
        null => ChangeKind.Created,
        _ when before.Status != item.Status => ChangeKind.Moved,
        _ when before.Version == item.Version && before.CommentCount != item.CommentCount => ChangeKind.Commented,
        _ => ChangeKind.Edited,
    };

    private sealed record LastChange(long Id, int ItemId, string UserName);

    /// <summary>
    /// Every structure change writes an administration history entry. When the newest entry moved and this node heard of no
    /// structure change since the last look (or changes may have been lost), it tells its viewers to reload every plan.
    /// </summary>
    private async Task CatchUpStructureAsync(bool lost, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var heard = Interlocked.Exchange(ref _heardStructure, 0) == 1;
        var newest = await db.AdministrationHistory.AsNoTracking().MaxAsync(e => (int?)e.Id, cancellationToken) ?? 0;
        if (_newestStructure is { } known && newest > known && (lost || !heard))
        {
            _logger.LogWarning("The plans' structure changed without this node hearing of it; its viewers reload");
            _feed.Dispatch(new StructureChange(null, MissedStructure, "en anden", _clock.GetUtcNow()));
        }

        _newestStructure = newest;
    }
}
