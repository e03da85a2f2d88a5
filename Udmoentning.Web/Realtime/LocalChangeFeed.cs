using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Udmoentning.Web.Realtime;

/// <summary>
/// Delivers changes to the viewers (Blazor circuits) on this node. Each subscriber has its own queue
/// and reader, so the saving thread never renders anybody's board, a slow viewer delays no one else,
/// and changes that pile up are delivered to a viewer together, in order.
/// </summary>
public sealed class LocalChangeFeed(ILogger<LocalChangeFeed> logger)
{
    private readonly ConcurrentDictionary<Subscription, byte> _subscriptions = new();

    public IDisposable Subscribe(int planId, Func<IReadOnlyList<ItemChange>, Task> onChanges)
    {
        var subscription = new Subscription(this, logger, planId, onChanges);
        _subscriptions.TryAdd(subscription, 0);
        subscription.Start();
        return subscription;
    }

    public int SubscriberCount => _subscriptions.Count;

    /// <summary>
    /// Raised synchronously for each change before any viewer's queue has it, so a shared copy of the plan
    /// (<see cref="Planning.CurrentPlan"/>) is never behind a viewer that subscribed after the change was handed out.
    /// </summary>
    public event Action<ItemChange>? Dispatching;

    public void Dispatch(ItemChange change)
    {
        Dispatching?.Invoke(change);
        foreach (var subscription in _subscriptions.Keys)
        {
            if (subscription.PlanId == change.PlanId)
            {
                subscription.Enqueue(change);
            }
        }
    }

    private sealed class Subscription(LocalChangeFeed feed, ILogger logger, int planId, Func<IReadOnlyList<ItemChange>, Task> onChanges) : IDisposable
    {
        private readonly Channel<ItemChange> _queue = Channel.CreateUnbounded<ItemChange>(new UnboundedChannelOptions { SingleReader = true });

        public int PlanId => planId;

        public void Enqueue(ItemChange change) => _queue.Writer.TryWrite(change);

        public void Start() => _ = Task.Run(ReadAsync);

        public void Dispose()
        {
            feed._subscriptions.TryRemove(this, out _);
            _queue.Writer.TryComplete();
        }

        private async Task ReadAsync()
        {
            var batch = new List<ItemChange>();
            while (await _queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (_queue.Reader.TryRead(out var change))
                {
                    batch.Add(change);
                }

                try
                {
                    await onChanges(batch.ToArray());
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "A viewer failed to take {Count} plan changes", batch.Count);
                }
            }
        }
    }
}
