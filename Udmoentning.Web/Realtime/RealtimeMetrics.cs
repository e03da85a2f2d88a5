using System.Diagnostics.Metrics;

namespace Udmoentning.Web.Realtime;

/// <summary>
/// The live board's own metrics on the meter <see cref="MeterName"/>: boards open on this node, changes published, how long a
/// change took from its save to a viewer's screen, and changes that could not be sent. Nothing is measured unless an exporter listens.
/// </summary>
public sealed class RealtimeMetrics
{
    public const string MeterName = "Udmoentning";

    private readonly TimeProvider _clock;
    private readonly UpDownCounter<int> _liveBoards;
    private readonly Counter<long> _published;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _publishFailures;

    public RealtimeMetrics(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        var meter = meters.Create(MeterName);
        _liveBoards = meter.CreateUpDownCounter<int>("udmoentning.boards.live", "{board}", "Boards (and other live views) subscribed to changes on this node.");
        _published = meter.CreateCounter<long>("udmoentning.changes.published", "{change}", "Saved changes published by this node.");
        _latency = meter.CreateHistogram<double>("udmoentning.change.latency", "ms", "From a change's save to a viewer on this node having taken it.");
        _publishFailures = meter.CreateCounter<long>("udmoentning.publish.failures", "{failure}", "Saved changes that could not be sent to viewers or hub clients.");
    }

    public void BoardOpened() => _liveBoards.Add(1);

    public void BoardClosed() => _liveBoards.Add(-1);

    /// <summary><paramref name="kind"/>: moved, edited, created, reordered or structure.</summary>
    public void Published(string kind) => _published.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Delivered(IReadOnlyList<ItemChange> changes)
    {
        if (!_latency.Enabled)
        {
            return;
        }

        var now = _clock.GetUtcNow();
        foreach (var change in changes)
        {
            _latency.Record((now - change.ChangedAt).TotalMilliseconds);
        }
    }

    /// <summary><paramref name="audience"/>: "viewers" or "hub clients".</summary>
    public void PublishFailed(string audience) => _publishFailures.Add(1, new KeyValuePair<string, object?>("audience", audience));

    public static string KindOf(ChangeKind kind) => kind switch
    {
        ChangeKind.Moved => "moved",
        ChangeKind.Edited => "edited",
        ChangeKind.Created => "created",
        ChangeKind.Reordered => "reordered",
        ChangeKind.Commented => "commented",
        ChangeKind.Checkpoint => "checkpoint",
        ChangeKind.Undone => "undone",
        ChangeKind.Reported => "reported",
        ChangeKind.Accounts => "accounts",
        _ => "other",
    };
}
