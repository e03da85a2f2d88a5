namespace Udmoentning.Web.Realtime.Presence;

/// <summary>
/// <c>Presence:*</c>: with several nodes, how often each node tells the others who looks at what (<see cref="Heartbeat"/>),
/// and how long a node's viewers stay listed after its last word (<see cref="Expiry"/>), so a node that died takes its
/// viewers with it. <see cref="NotifyDelay"/> gathers the joins of a room filling up into one update per viewer.
/// </summary>
public sealed record PresenceSettings(TimeSpan Heartbeat, TimeSpan Expiry, TimeSpan NotifyDelay)
{
    public const string Section = "Presence";

    public static PresenceSettings Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));

    /// <summary>How often expired viewers of other nodes are removed: often enough that they go soon after their expiry.</summary>
    public TimeSpan Sweep => TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, Expiry.Ticks / 5));

    public static PresenceSettings From(IConfiguration configuration)
    {
        var heartbeat = configuration.GetValue($"{Section}:HeartbeatSeconds", Default.Heartbeat.TotalSeconds);
        var expiry = configuration.GetValue($"{Section}:ExpirySeconds", Default.Expiry.TotalSeconds);
        var notify = configuration.GetValue($"{Section}:NotifyDelayMilliseconds", Default.NotifyDelay.TotalMilliseconds);
        if (heartbeat <= 0 || expiry < 2 * heartbeat || notify is < 0 or > 5000)
        {
            throw new StartupException(
                $"{Section}:HeartbeatSeconds must be above 0, {Section}:ExpirySeconds at least twice the heartbeat (one lost heartbeat must not " +
                $"remove anyone), and {Section}:NotifyDelayMilliseconds from 0 to 5000.");
        }

        return new PresenceSettings(TimeSpan.FromSeconds(heartbeat), TimeSpan.FromSeconds(expiry), TimeSpan.FromMilliseconds(notify));
    }
}
