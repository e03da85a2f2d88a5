namespace Udmoentning.Tests.Support;

/// <summary>A clock that moves only when a test says so.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now;

    public ManualClock() => _now = Start;

    /// <summary>Where the clock starts.</summary>
    public DateTimeOffset Start { get; } = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    public void Advance(TimeSpan by) => _now += by;

    public override DateTimeOffset GetUtcNow() => _now;
}
