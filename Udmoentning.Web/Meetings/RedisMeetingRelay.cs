using System.Text.Json;
using System.Threading.Channels;
using StackExchange.Redis;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Meetings;

/// <summary>
/// Carries meeting mode between web nodes through Redis: each state a presenter makes on this node goes to every other
/// node, and theirs come here (<see cref="MeetingRegistry.Apply"/>). A node that starts, or that was cut off from Redis,
/// asks the others for the meetings they know; a node that hears an older state than its own answers with its own.
/// So a follower sees the presenter's steps whichever node each of them is on.
/// </summary>
public sealed class RedisMeetingRelay(IConnectionMultiplexer redis, MeetingRegistry meetings, PlanCache plans, ILogger<RedisMeetingRelay> logger)
    : BackgroundService
{
    private static readonly RedisChannel Topic = RedisChannel.Literal("udmoentning:meetings");
    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly Channel<Message> _outgoing = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });

    private sealed record Message(string Node, MeetingState? State);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        meetings.Published += Share;
        redis.ConnectionRestored += AskOthers;
        try
        {
            (await SubscribeAsync(stoppingToken)).OnMessage(ReceiveAsync);
            AskOthers();
            await foreach (var message in _outgoing.Reader.ReadAllAsync(stoppingToken))
            {
                await SendAsync(message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            meetings.Published -= Share;
            redis.ConnectionRestored -= AskOthers;
        }
    }

    /// <summary>Subscribes, waiting for Redis if it is away (the node serves its own meetings meanwhile); Redis restores it after an outage.</summary>
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
                logger.LogWarning("Meeting mode cannot reach Redis yet ({Reason}); meetings are shared with other web nodes once it can", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private void Share(MeetingState state) => _outgoing.Writer.TryWrite(new Message(_node, state));

    /// <summary>A message without a state asks every node for the meetings it knows.</summary>
    private void AskOthers(object? sender = null, ConnectionFailedEventArgs? e = null) => _outgoing.Writer.TryWrite(new Message(_node, null));

    private async Task SendAsync(Message message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Topic, JsonSerializer.Serialize(message));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Redis is away: the others ask again when it is back (ConnectionRestored), and get this node's newest state.
            logger.LogWarning(e, "A meeting step could not be sent to the other web nodes");
        }
    }

    private async Task ReceiveAsync(ChannelMessage received)
    {
        try
        {
            if (JsonSerializer.Deserialize<Message>(received.Message.ToString()) is not { } message || message.Node == _node)
            {
                return;
            }

            if (message.State is null)
            {
                foreach (var state in meetings.Known())
                {
                    Share(state);
                }

                return;
            }

            var snapshot = await plans.GetAsync(message.State.Key.PlanId);
            if (snapshot is null || MeetingScope.For(snapshot, message.State.Key.Slug) is not { } scope)
            {
                return;
            }

            if (!meetings.Apply(message.State, scope) && meetings.Known().FirstOrDefault(s => s.Key == message.State.Key) is { } newer)
            {
                Share(newer);
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            logger.LogWarning(e, "A meeting message from another web node could not be read");
        }
    }
}
