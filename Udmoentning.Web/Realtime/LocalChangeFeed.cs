using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Udmoentning.Web.Realtime;

/// <summary>
/// Delivers changes to the viewers (Blazor circuits) on this node. Each subscriber has its own queue
/// and reader, so the saving thread never renders anybody's board, a slow viewer delays no one else,
/// and changes that pile up are delivered to a viewer together, in order.
/// </summary>
public sealed class LocalChangeFeed(ILogger<LocalChangeFeed> logger, RealtimeMetrics metrics)
{
    private readonly ConcurrentDictionary<Subscription, byte> _subscriptions = new();
    private readonly RealtimeMetrics _metrics = metrics;
    private readonly Lock _order = new();

    /// <summary>The newest revision of each item handed out on this node (guarded by <see cref="_order"/>).</summary>
    private readonly Dictionary<int, int> _newest = [];

    /// <summary>Item changes of one plan go to <paramref name="onChanges"/>; changes to its structure to <paramref name="onStructure"/>.</summary>
    public IDisposable Subscribe(int planId, Func<IReadOnlyList<ItemChange>, Task> onChanges, Func<StructureChange, Task>? onStructure = null)
    {
        _metrics.BoardOpened();
        return Add(new Subscription(this, logger, planId, onChanges, onStructure));
    }

    /// <summary>Every plan's changes, in the one order they are handed out (for <see cref="HubRelay"/>; not a viewer).</summary>
    public IDisposable SubscribeAll(Func<IReadOnlyList<ItemChange>, Task> onChanges, Func<StructureChange, Task> onStructure) =>
        Add(new Subscription(this, logger, null, onChanges, onStructure));

    private Subscription Add(Subscription subscription)
    {
        _subscriptions.TryAdd(subscription, 0);
        subscription.Start();
        return subscription;
    }

    /// <summary>How many viewers (plan subscriptions) this node has.</summary>
    public int SubscriberCount => _subscriptions.Keys.Count(s => s.PlanId is not null);

    /// <summary>
    /// Raised synchronously for each change before any viewer's queue has it, so a shared copy of the plan
    /// (<see cref="Planning.PlanCache"/>) is never behind a viewer that subscribed after the change was handed out.
    /// </summary>
    public event Action<ItemChange>? Dispatching;

    /// <summary>Raised synchronously for a structure change before any viewer hears of it, so shared copies are dropped first.</summary>
    public event Action<StructureChange>? DispatchingStructure;

    /// <summary>
    /// Hands a saved change to this node's viewers, unless this node has already handed out that revision of the item or a
    /// newer one, whichever way it came (saved here, from another node, or found in the database by <see cref="Planning.PlanResync"/>);
    /// false when it had. Every save raises the item's revision, so a viewer never gets one change twice. Item changes are
    /// handed out one at a time, so every viewer gets them in one order.
    /// </summary>
    public bool Dispatch(ItemChange change)
    {
        lock (_order)
        {
            if (_newest.TryGetValue(change.Item.Id, out var known) && known >= change.Item.Revision)
            {
                return false;
            }

            _newest[change.Item.Id] = change.Item.Revision;
            Dispatching?.Invoke(change);
            foreach (var subscription in _subscriptions.Keys)
            {
                if (subscription.PlanId is null || subscription.PlanId == change.PlanId)
                {
                    subscription.Enqueue(new Entry(change, null));
                }
            }

            return true;
        }
    }

    public void Dispatch(StructureChange change)
    {
        DispatchingStructure?.Invoke(change);
        foreach (var subscription in _subscriptions.Keys)
        {
            if (subscription.PlanId is not { } planId || change.Concerns(planId))
            {
                subscription.Enqueue(new Entry(null, change));
            }
        }
    }

    private readonly record struct Entry(ItemChange? Item, StructureChange? Structure);

    private sealed class Subscription(
        LocalChangeFeed feed,
        ILogger logger,
        int? planId,
        Func<IReadOnlyList<ItemChange>, Task> onChanges,
        Func<StructureChange, Task>? onStructure) : IDisposable
    {
        private readonly Channel<Entry> _queue = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });

        /// <summary>The plan whose changes it takes; null: every plan's.</summary>
        public int? PlanId => planId;

        public void Enqueue(Entry entry) => _queue.Writer.TryWrite(entry);

        public void Start() => _ = Task.Run(ReadAsync);

        public void Dispose()
        {
            if (feed._subscriptions.TryRemove(this, out _) && planId is not null)
            {
                feed._metrics.BoardClosed();
            }

            _queue.Writer.TryComplete();
        }

        private async Task ReadAsync()
        {
            var batch = new List<ItemChange>();
            while (await _queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (_queue.Reader.TryRead(out var entry))
                {
                    if (entry.Item is { } item)
                    {
                        batch.Add(item);
                        continue;
                    }

                    // A structure change makes the viewer reload; item changes before it are delivered first, in order.
                    await DeliverAsync(batch);
                    batch.Clear();
                    if (onStructure is not null && entry.Structure is { } structure)
                    {
                        await GuardAsync(() => onStructure(structure), 1);
                    }
                }

                await DeliverAsync(batch);
            }
        }

        private Task DeliverAsync(List<ItemChange> batch) =>
            batch.Count == 0 ? Task.CompletedTask : GuardAsync(async () =>
            {
                var changes = batch.ToArray();
                await onChanges(changes);
                feed._metrics.Delivered(changes);
            }, batch.Count);

        private async Task GuardAsync(Func<Task> deliver, int count)
        {
            try
            {
                await deliver();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A viewer failed to take {Count} plan changes", count);
            }
        }
    }
}
