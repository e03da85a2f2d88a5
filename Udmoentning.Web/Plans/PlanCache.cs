using System.Collections.Concurrent;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Plans;

/// <summary>
/// The plans in memory, one copy of each per node shared by every viewer, kept up to date by the change feed.
/// Items are immutable once read or published, so viewers hold references, not copies. A change to a plan's
/// structure (themes, committees, meetings, the plan itself) drops the copy; the next reader loads it again.
/// </summary>
/// <remarks>
/// Every item change passes through <see cref="PlanItemService"/>, which publishes it; a change whose publishing failed
/// is found and dispatched by <see cref="PlanResync"/>. A viewer subscribes to the feed first and reads the copy second: each change then reaches it one way or the other.
/// </remarks>
public sealed class PlanCache : IDisposable
{
    private readonly PlanReader _reader;
    private readonly LocalChangeFeed _feed;
    private readonly ConcurrentDictionary<int, Entry> _plans = new();
    private volatile IReadOnlyList<PlanSummary>? _list;

    public PlanCache(PlanReader reader, LocalChangeFeed feed)
    {
        _reader = reader;
        _feed = feed;
        _feed.Dispatching += Apply;
        _feed.DispatchingStructure += Drop;
    }

    /// <summary>Every plan, newest first.</summary>
    public async Task<IReadOnlyList<PlanSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        _list ??= await _reader.ListAsync(cancellationToken);

    /// <summary>The plan the board opens when no plan is named (see <see cref="PlanSummary.Default"/>).</summary>
    public async Task<PlanSummary?> DefaultAsync(CancellationToken cancellationToken = default) =>
        PlanSummary.Default(await ListAsync(cancellationToken));

    /// <summary>The named plan, or the default plan when <paramref name="planId"/> is null; null when there is no such plan.</summary>
    public async Task<PlanSnapshot?> GetAsync(int? planId = null, CancellationToken cancellationToken = default)
    {
        var id = planId ?? (await DefaultAsync(cancellationToken))?.Id;
        // Only plans that exist get an entry: a made-up id in an address must not grow the cache.
        if (id is not { } key || (await ListAsync(cancellationToken)).All(p => p.Id != key))
        {
            return null;
        }

        return await _plans.GetOrAdd(key, k => new Entry(_reader, k)).GetAsync(cancellationToken);
    }

    /// <summary>The plans this node holds in memory now, as it holds them.</summary>
    public IReadOnlyList<PlanSnapshot> Loaded() => [.. _plans.Values.Select(e => e.Snapshot).OfType<PlanSnapshot>()];

    private void Apply(ItemChange change)
    {
        if (_plans.TryGetValue(change.PlanId, out var entry))
        {
            entry.Apply(change);
        }
    }

    private void Drop(StructureChange change)
    {
        if (!change.ChangesPlan)
        {
            return;
        }

        _list = null;
        foreach (var id in _plans.Keys)
        {
            if (change.Concerns(id))
            {
                _plans.TryRemove(id, out _);
            }
        }
    }

    public void Dispose()
    {
        _feed.Dispatching -= Apply;
        _feed.DispatchingStructure -= Drop;
    }

    /// <summary>One plan's copy: loaded once; changes that arrive while it loads are merged when it is ready.</summary>
    private sealed class Entry(PlanReader reader, int planId)
    {
        private readonly SemaphoreSlim _loading = new(1, 1);
        private readonly Lock _lock = new();
        private readonly List<ItemChange> _pending = [];
        private Dictionary<int, PlanItem>? _items;
        private PlanSnapshot? _snapshot;
        private bool _isLoading;

        public PlanSnapshot? Snapshot => Volatile.Read(ref _snapshot);

        public async Task<PlanSnapshot?> GetAsync(CancellationToken cancellationToken)
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

                var loaded = await reader.ReadAsync(planId, cancellationToken);
                lock (_lock)
                {
                    _isLoading = false;
                    if (loaded is null)
                    {
                        _pending.Clear();
                        return null;
                    }

                    _items = loaded.Items.ToDictionary(i => i.Id);
                    Merge(_pending);
                    _pending.Clear();
                    _snapshot = loaded with { Items = InCellOrder(_items.Values) };
                    return _snapshot;
                }
            }
            finally
            {
                _loading.Release();
            }
        }

        /// <summary>Items in board order (position, then id), as the reader gives them, so a moved card is where it was put.</summary>
        private static List<PlanItem> InCellOrder(IEnumerable<PlanItem> items) => [.. items.OrderBy(i => i.Position).ThenBy(i => i.Id)];

        public void Apply(ItemChange change)
        {
            lock (_lock)
            {
                if (_isLoading)
                {
                    _pending.Add(change);
                }
                else if (_snapshot is not null)
                {
                    Merge([change]);
                    _snapshot = _snapshot with { Items = InCellOrder(_items!.Values) };
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
    }
}
