using System.Text.Json;
using System.Threading.Channels;
using StackExchange.Redis;

namespace Udmoentning.Web.Realtime.Presence;

/// <summary>
/// Presence between web nodes through Redis. Each node sends everyone it shows as looking, whole, at once when it changes
/// and every <see cref="PresenceSettings.Heartbeat"/> besides; every other node keeps that list until
/// <see cref="PresenceSettings.Expiry"/> passes without a word from the node (it died, or lost Redis), and drops it at once
/// when the node says it stops. A node that starts, or gets Redis back, asks the others for their lists.
/// </summary>
public sealed class RedisPresenceRelay(
    IConnectionMultiplexer redis, PresenceRegistry registry, PresenceSettings settings, TimeProvider clock, ILogger<RedisPresenceRelay> logger)
    : BackgroundService
{
    public static readonly RedisChannel Topic = RedisChannel.Literal("udmoentning:presence");

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _sequence;
    private volatile bool _ask = true;
    private bool _warned;

    /// <summary>This process; a restarted node is another node.</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        registry.LocalChanged += Wake;
        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            (await SubscribeAsync(stoppingToken)).OnMessage(Receive);
            Wake();
            var sent = DateTimeOffset.MinValue;
            while (!stoppingToken.IsCancellationRequested)
            {
                var woke = await WaitAsync(stoppingToken);
                registry.RemoveExpired();
                if (woke || _ask || clock.GetUtcNow() - sent >= settings.Heartbeat)
                {
                    sent = clock.GetUtcNow();
                    await SendAsync(Next(leaving: false));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            registry.LocalChanged -= Wake;
            redis.ConnectionRestored -= OnConnectionRestored;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (redis.IsConnected)
        {
            // A node that stops in good order takes its viewers with it at once; one that dies loses them after the expiry.
            await SendAsync(Next(leaving: true));
        }
    }

    private PresenceMessage Next(bool leaving)
    {
        var ask = _ask;
        _ask = false;
        return new PresenceMessage(NodeId, Interlocked.Increment(ref _sequence), leaving ? [] : registry.LocalRecords(), ask, leaving);
    }

    /// <summary>True when woken by a change here; false when the sweep interval passed.</summary>
    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        tick.CancelAfter(settings.Sweep);
        try
        {
            return await _wake.Reader.WaitToReadAsync(tick.Token) && _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        _ask = true;
        Wake();
    }

    /// <summary>Subscribes, waiting for Redis if it is away (this node shows its own viewers meanwhile); Redis restores it after an outage.</summary>
    private async Task<ChannelMessageQueue> SubscribeAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                return await redis.GetSubscriber().SubscribeAsync(Topic);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                logger.LogWarning("Presence cannot reach Redis yet ({Reason}); viewers on other web nodes are shown once it can", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task SendAsync(PresenceMessage message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Topic, JsonSerializer.Serialize(message));
            _warned = false;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The others drop this node's viewers after the expiry, and ask again when Redis is back.
            if (!_warned)
            {
                _warned = true;
                logger.LogWarning(e, "Presence could not reach the other web nodes");
            }
        }
    }

    private void Receive(ChannelMessage received)
    {
        try
        {
            if (JsonSerializer.Deserialize<PresenceMessage>(received.Message.ToString()) is not { Node: { } node } message || node == NodeId)
            {
                return;
            }

            if (message.Leaving)
            {
                registry.ForgetNode(node);
                return;
            }

            registry.ApplyRemote(node, message.Sequence, message.Viewers ?? []);
            if (message.Ask)
            {
                Wake();
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            logger.LogWarning(e, "A presence message from another web node could not be read");
        }
    }
}

/// <summary>What a node tells the others: everyone it shows as looking (whole, not a change), whether it asks for their lists, whether it stops.</summary>
public sealed record PresenceMessage(string Node, long Sequence, IReadOnlyList<PresenceRecord>? Viewers, bool Ask, bool Leaving);
