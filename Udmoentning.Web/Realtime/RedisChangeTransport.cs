using StackExchange.Redis;

namespace Udmoentning.Web.Realtime;

/// <summary>
/// The transport for several nodes: hands each change to this node's viewers first (they never wait on Redis, and still get
/// this node's changes while Redis is down), then tells the other nodes over a Redis channel, by ids
/// (<see cref="RedisChangeMessage"/>). <see cref="RedisChangeReceiver"/> takes the other nodes' messages.
/// </summary>
public sealed class RedisChangeTransport(IConnectionMultiplexer redis, LocalChangeFeed feed, RealtimeStatus status) : IChangeTransport
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("udmoentning:changes");

    /// <summary>Where each node says how many changes it has numbered (<see cref="RedisHeartbeat"/>); apart, so older nodes never read it.</summary>
    public static readonly RedisChannel HeartbeatChannel = RedisChannel.Literal("udmoentning:changes:heartbeat");

    private readonly Lock _order = new();
    private long _sequence;

    /// <summary>This process; a restarted node is a new sender, so its sequence starting again is no gap.</summary>
    public Guid NodeId { get; } = Guid.NewGuid();

    public Task PublishAsync(ItemChange change, CancellationToken cancellationToken = default)
    {
        feed.Dispatch(change);
        return TellOthersAsync(ItemNotice.Of(change), null);
    }

    public Task PublishAsync(StructureChange change, CancellationToken cancellationToken = default)
    {
        feed.Dispatch(change);
        return TellOthersAsync(null, change);
    }

    /// <summary>
    /// Tells the other nodes the number of this node's newest change. Read under the same lock that numbers and queues the
    /// changes, so every change up to it has left before the heartbeat does.
    /// </summary>
    public async Task SendHeartbeatAsync()
    {
        if (!status.IsUp)
        {
            return;
        }

        Task<long> sent;
        lock (_order)
        {
            sent = redis.GetSubscriber().PublishAsync(HeartbeatChannel, new RedisHeartbeat(NodeId, _sequence).Serialize());
        }

        await sent;
    }

    private async Task TellOthersAsync(ItemNotice? item, StructureChange? structure)
    {
        if (!status.IsUp)
        {
            // The other nodes catch up from the database (the outage is logged once, by RedisChangeReceiver); the sequence
            // still counts, so they also see the gap.
            Interlocked.Increment(ref _sequence);
            return;
        }

        Task<long> sent;
        lock (_order)
        {
            // Numbered and queued on the connection under one lock, so the messages leave in the order of their numbers.
            var message = new RedisChangeMessage(NodeId, ++_sequence, item, structure);
            sent = redis.GetSubscriber().PublishAsync(Channel, message.Serialize());
        }

        await sent;
    }
}
