namespace Udmoentning.Web.Realtime;

/// <summary>Sends this node's <see cref="RedisHeartbeat"/> every <see cref="IntervalSetting"/> (one second unless set).</summary>
public sealed class RedisHeartbeatSender(RedisChangeTransport transport, IConfiguration configuration, ILogger<RedisHeartbeatSender> logger) : BackgroundService
{
    public const string IntervalSetting = "Realtime:HeartbeatInterval";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue(IntervalSetting, TimeSpan.FromSeconds(1)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await transport.SendHeartbeatAsync();
                }
                catch (StackExchange.Redis.RedisException e)
                {
                    // Redis away: the receivers know (RealtimeStatus) and resync more often; nothing to add.
                    logger.LogDebug(e, "A heartbeat could not be sent");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
