using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Realtime;

/// <summary>
/// Takes the other nodes' changes from Redis and hands them to this node's viewers, in the order they arrived, by one reader.
/// Messages carry ids; the items are read from the database (the truth), one query per plan for the messages that arrived
/// together, and an item stored at a newer revision than the message's is sent as stored. A gap in a sender's sequence or
/// an unreadable message makes this node catch up from the database at once (<see cref="PlanResync"/>). It also keeps
/// <see cref="RealtimeStatus"/>, whose changes make <see cref="PlanResync"/> check more often, or catch up at once.
/// </summary>
public sealed class RedisChangeReceiver(
    IConnectionMultiplexer redis,
    RedisChangeTransport transport,
    LocalChangeFeed feed,
    RealtimeStatus status,
    PlanResync resync,
    IDbContextFactory<PlanDbContext> contexts,
    ILogger<RedisChangeReceiver> logger) : BackgroundService
{
    private const int MaxBatch = 500;

    private readonly Dictionary<Guid, long> _lastSequence = [];

    /// <summary>What each sender's previous heartbeat said it had numbered.</summary>
    private readonly Dictionary<Guid, long> _claimed = [];

    private readonly Lock _sequences = new();

    private readonly ConcurrentDictionary<ConnectionType, byte> _failed = new();

    private bool _warned;

    /// <summary>Whether the first subscription is made; the connection resubscribes by itself after that.</summary>
    private volatile bool _subscribed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            var queue = await SubscribeAsync(stoppingToken);

            var batch = new List<ChannelMessage>(MaxBatch);
            while (!stoppingToken.IsCancellationRequested)
            {
                batch.Clear();
                batch.Add(await queue.ReadAsync(stoppingToken));
                while (batch.Count < MaxBatch && queue.TryRead(out var more))
                {
                    batch.Add(more);
                }

                await HandleAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            redis.ConnectionFailed -= OnConnectionFailed;
            redis.ConnectionRestored -= OnConnectionRestored;
        }
    }

    /// <summary>Subscribes, waiting for Redis when it is down at start-up; the connection resubscribes by itself after later outages.</summary>
    private async Task<ChannelMessageQueue> SubscribeAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                var queue = await redis.GetSubscriber().SubscribeAsync(RedisChangeTransport.Channel);
                await redis.GetSubscriber().SubscribeAsync(RedisChangeTransport.HeartbeatChannel, (_, value) => OnHeartbeat(((byte[]?)value).AsSpan()));
                _subscribed = true;
                _failed.Clear();
                status.Set(true);
                return queue;
            }
            catch (RedisConnectionException e)
            {
                if (status.IsConfigured && !_warned)
                {
                    _warned = true;
                    logger.LogWarning(e, "Redis ({Setting}) cannot be reached: this node does not hear the other nodes' changes and takes them from the database instead until it can", RealtimeExtensions.RedisSetting);
                }

                status.Set(false);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task HandleAsync(List<ChannelMessage> batch, CancellationToken cancellationToken)
    {
        var messages = new List<RedisChangeMessage>(batch.Count);
        foreach (var received in batch)
        {
            if (RedisChangeMessage.TryRead(((byte[]?)received.Message).AsSpan()) is not { } message)
            {
                logger.LogWarning("A change message from another node could not be read; catching up from the database");
                resync.RequestCatchUp();
                continue;
            }

            if (message.Node == transport.NodeId)
            {
                continue;
            }

            bool gap;
            long last;
            lock (_sequences)
            {
                gap = _lastSequence.TryGetValue(message.Node, out last) && message.Sequence != last + 1;
                _lastSequence[message.Node] = Math.Max(last, message.Sequence);
            }

            if (gap)
            {
                logger.LogWarning("Changes {From}-{To} of node {Node} did not arrive; catching up from the database", last + 1, message.Sequence - 1, message.Node);
                resync.RequestCatchUp();
            }

            messages.Add(message);
        }

        Dictionary<int, PlanItem> stored;
        try
        {
            stored = await ReadItemsAsync(messages, cancellationToken);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            logger.LogWarning(e, "The items of {Count} changes from other nodes could not be read; the database resync sends them later", messages.Count);
            resync.RequestCatchUp();
            return;
        }

        foreach (var message in messages)
        {
            if (message.Structure is { } structure)
            {
                feed.Dispatch(structure);
            }
            else if (message.Item is { } notice && stored.TryGetValue(notice.ItemId, out var item))
            {
                feed.Dispatch(notice.With(item));
            }
        }
    }

    /// <summary>
    /// A sender said a heartbeat ago that it had numbered changes this node has still not heard of: their messages are lost
    /// (a change sent one heartbeat ago has arrived by now), so this node catches up from the database, within two
    /// heartbeats of the loss instead of at the next resync.
    /// </summary>
    private void OnHeartbeat(ReadOnlySpan<byte> bytes)
    {
        if (RedisHeartbeat.TryRead(bytes) is not { } beat || beat.Node == transport.NodeId)
        {
            return;
        }

        long heard, claimed;
        lock (_sequences)
        {
            if (!_lastSequence.ContainsKey(beat.Node) && !_claimed.ContainsKey(beat.Node))
            {
                // The first word from a node that ran before this one: its earlier changes are in the database this node read.
                _lastSequence[beat.Node] = beat.Sequence;
            }

            heard = _lastSequence.GetValueOrDefault(beat.Node);
            var lost = _claimed.TryGetValue(beat.Node, out claimed) && heard < claimed;
            _claimed[beat.Node] = beat.Sequence;
            if (!lost)
            {
                return;
            }

            // The catch-up covers them; a later change continues the sequence from here.
            _lastSequence[beat.Node] = claimed;
        }

        logger.LogWarning("Changes {From}-{To} of node {Node} did not arrive (its heartbeat said so); catching up from the database", heard + 1, claimed, beat.Node);
        resync.RequestCatchUp();
    }

    private async Task<Dictionary<int, PlanItem>> ReadItemsAsync(List<RedisChangeMessage> messages, CancellationToken cancellationToken)
    {
        var byPlan = messages.Select(m => m.Item).OfType<ItemNotice>().GroupBy(n => n.PlanId).ToList();
        if (byPlan.Count == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = new Dictionary<int, PlanItem>();
        foreach (var plan in byPlan)
        {
            var ids = plan.Select(n => n.ItemId).Distinct().ToList();
            foreach (var item in await db.Items.AsNoTracking().Where(i => i.PlanId == plan.Key && ids.Contains(i.Id)).ToListAsync(cancellationToken))
            {
                items[item.Id] = item;
            }
        }

        return items;
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (status.IsUp)
        {
            logger.LogWarning(e.Exception, "Redis ({Setting}) was lost ({Failure}): changes from other nodes now come from the database resync", RealtimeExtensions.RedisSetting, e.FailureType);
        }

        _failed[e.ConnectionType] = 0;
        status.Set(false);
    }

    /// <summary>
    /// Up again once every connection that failed (commands, subscriptions) is back. Before the first subscription is made
    /// (Redis was down at start-up), <see cref="SubscribeAsync"/> says so once it is. Said here, "up" came up to a second
    /// before the subscription: a change published meanwhile was not heard, and the catch-up that "up" starts could read
    /// the database before that change was saved, which left it to the next periodic resync (15 s).
    /// </summary>
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        _failed.TryRemove(e.ConnectionType, out _);
        if (!_subscribed || !_failed.IsEmpty || status.IsUp)
        {
            return;
        }

        // PlanResync hears of it too, and catches up at once.
        logger.LogInformation("Redis is back: catching up from the database");
        status.Set(true);
    }
}
