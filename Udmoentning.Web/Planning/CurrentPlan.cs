using Udmoentning.Domain.Items;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Planning;

/// <summary>
/// The current plan in memory, one copy per node shared by every viewer, kept up to date by the change
/// feed. Items are immutable once read or published, so viewers hold references, not copies.
/// </summary>
/// <remarks>
/// Every change passes through <see cref="PlanItemService"/>, which publishes it, so the copy cannot miss one.
/// A viewer subscribes to the feed first and reads this copy second: each change then reaches it one way or the other.
/// </remarks>
public sealed class CurrentPlan : IDisposable
{
    private readonly PlanReader _reader;
    private readonly LocalChangeFeed _feed;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<ItemChange> _pending = [];
    private Dictionary<int, PlanItem>? _items;
    private PlanSnapshot? _snapshot;
    private bool _isLoading;

    public CurrentPlan(PlanReader reader, LocalChangeFeed feed)
    {
        _reader = reader;
        _feed = feed;
        _feed.Dispatching += Apply;
    }

    /// <summary>The current plan, read from the database the first time; null while there is none.</summary>
    public async Task<PlanSnapshot?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _snapshot) is { } ready)
        {
            return ready;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is not null)
            {
                return _snapshot;
            }

            lock (_lock)
            {
                _isLoading = true;
            }

            var loaded = await _reader.CurrentAsync(cancellationToken);
            lock (_lock)
            {
                _isLoading = false;
                if (loaded is null)
                {
                    _pending.Clear();
                    return null;
                }

                _items = loaded.Items.ToDictionary(i => i.Id);
                Merge(_pending.Where(c => c.PlanId == loaded.Plan.Id));
                _pending.Clear();
                _snapshot = loaded with { Items = [.. _items.Values] };
                return _snapshot;
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    private void Apply(ItemChange change)
    {
        lock (_lock)
        {
            if (_isLoading)
            {
                _pending.Add(change);
            }
            else if (_snapshot is not null && change.PlanId == _snapshot.Plan.Id)
            {
                Merge([change]);
                _snapshot = _snapshot with { Items = [.. _items!.Values] };
            }
        }
    }

    private void Merge(IEnumerable<ItemChange> changes)
    {
        foreach (var change in changes)
        {
            if (!_items!.TryGetValue(change.Item.Id, out var known) || known.Revision < change.Item.Revision)
            {
                _items[change.Item.Id] = change.Item;
            }
        }
    }

    public void Dispose()
    {
        _feed.Dispatching -= Apply;
        _loading.Dispose();
    }
}
