namespace Udmoentning.Web.Realtime;

/// <summary>
/// Whether this node hears the other nodes' changes (the Redis connection is up). Always up when <c>Realtime:Redis</c> is
/// not set: one node has no others to hear. While it is down this node's own viewers still get its own changes, and the
/// database resync brings the other nodes' changes.
/// </summary>
public sealed class RealtimeStatus(bool isConfigured)
{
    private int _down = isConfigured ? 1 : 0;

    /// <summary>True when several nodes share changes through Redis.</summary>
    public bool IsConfigured => isConfigured;

    public bool IsUp => Volatile.Read(ref _down) == 0;

    /// <summary>Raised with the new state when the connection to the other nodes goes down or comes back.</summary>
    public event Action<bool>? Changed;

    public void Set(bool up)
    {
        if (!isConfigured || Interlocked.Exchange(ref _down, up ? 0 : 1) == (up ? 0 : 1))
        {
            return;
        }

        Changed?.Invoke(up);
    }
}
