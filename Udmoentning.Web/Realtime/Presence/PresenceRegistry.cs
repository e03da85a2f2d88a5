namespace Udmoentning.Web.Realtime.Presence;

/// <summary>Someone looking at a scope: once per user, however many tabs or nodes they look from.</summary>
public sealed record PresenceViewer(string UserId, string Name, DateTimeOffset Since);

/// <summary>One user looking at one scope from one node: what the nodes tell each other (<see cref="RedisPresenceRelay"/>).</summary>
public sealed record PresenceRecord(string Scope, string UserId, string Name, DateTimeOffset Since);

/// <summary>
/// Who looks at what now: a board, a committee's view, a meeting (<see cref="PresenceScopes"/>). A component joins its scope
/// while it shows it and leaves when it goes; <see cref="PresenceCircuit"/> hides a circuit's viewers while its connection
/// is down (a closed tab, a lost network: the circuit itself lives on for minutes) and removes them when it closes. With
/// several nodes each node's viewers come from <see cref="ApplyRemote"/> and go when the node stops telling
/// (<see cref="RemoveExpired"/>). Nothing of this is stored: presence is not a change of the plan.
/// </summary>
public sealed class PresenceRegistry(PresenceSettings settings, TimeProvider clock, ILogger<PresenceRegistry> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Room> _rooms = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Entry> _entries = [];
    private readonly HashSet<string> _down = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RemoteNode> _nodes = new(StringComparer.Ordinal);

    /// <summary>This node's viewers changed (someone joined, left, lost or regained the connection): the other nodes should hear.</summary>
    public event Action? LocalChanged;

    /// <summary><paramref name="userId"/> looks at <paramref name="scope"/> from circuit <paramref name="circuitId"/>; dispose to leave.</summary>
    public IDisposable Join(string scope, string circuitId, string userId, string name)
    {
        var entry = new Entry(this, Guid.NewGuid(), scope, circuitId, userId, name, clock.GetUtcNow());
        lock (_lock)
        {
            _entries.Add(entry.Id, entry);
            var room = RoomFor(scope);
            room.Local.Add(entry);
            Changed(room);
        }

        LocalChanged?.Invoke();
        return entry;
    }

    /// <summary>A circuit's connection went (<paramref name="connected"/> false) or came back: its viewers are hidden meanwhile.</summary>
    public void SetConnected(string circuitId, bool connected)
    {
        lock (_lock)
        {
            if (!(connected ? _down.Remove(circuitId) : _down.Add(circuitId)))
            {
                return;
            }

            foreach (var entry in _entries.Values.Where(e => e.CircuitId == circuitId))
            {
                Changed(_rooms[entry.Scope]);
            }
        }

        LocalChanged?.Invoke();
    }

    /// <summary>The circuit ended: everything it looked at is left.</summary>
    public void CloseCircuit(string circuitId)
    {
        lock (_lock)
        {
            _down.Remove(circuitId);
            foreach (var entry in _entries.Values.Where(e => e.CircuitId == circuitId).ToList())
            {
                Remove(entry);
            }
        }

        LocalChanged?.Invoke();
    }

    /// <summary>Who looks at <paramref name="scope"/> now, on any node, once per user, the longest-looking first.</summary>
    public IReadOnlyList<PresenceViewer> Viewers(string scope)
    {
        lock (_lock)
        {
            if (!_rooms.TryGetValue(scope, out var room))
            {
                return [];
            }

            return room.Viewers ??= Gather(room);
        }
    }

    /// <summary>
    /// <paramref name="onChange"/> is called (on a thread of its own, shortly after, several changes at once) when the viewers of
    /// <paramref name="scope"/> may have changed; read them with <see cref="Viewers"/>. Dispose to stop.
    /// </summary>
    public IDisposable Subscribe(string scope, Func<Task> onChange)
    {
        var subscriber = new Subscriber(this, logger, scope, onChange);
        lock (_lock)
        {
            RoomFor(scope).Subscribers.Add(subscriber);
        }

        return subscriber;
    }

    /// <summary>This node's viewers, connected ones only, once per user and scope: what the other nodes are told.</summary>
    public IReadOnlyList<PresenceRecord> LocalRecords()
    {
        lock (_lock)
        {
            return
            [
                .. _entries.Values.Where(e => !_down.Contains(e.CircuitId))
                    .GroupBy(e => (e.Scope, e.UserId))
                    .Select(g => g.MinBy(e => e.Since)!)
                    .Select(e => new PresenceRecord(e.Scope, e.UserId, e.Name, e.Since)),
            ];
        }
    }

    /// <summary>
    /// Everyone who looks at anything from node <paramref name="node"/>, as it said in its message number <paramref name="sequence"/>:
    /// replaces what it said before, and holds until <see cref="PresenceSettings.Expiry"/> after now. An older message is ignored.
    /// </summary>
    public void ApplyRemote(string node, long sequence, IReadOnlyList<PresenceRecord> records)
    {
        lock (_lock)
        {
            if (!_nodes.TryGetValue(node, out var remote))
            {
                _nodes[node] = remote = new RemoteNode();
            }
            else if (sequence <= remote.Sequence)
            {
                return;
            }

            remote.Sequence = sequence;
            remote.Expires = clock.GetUtcNow() + settings.Expiry;
            var byScope = records.GroupBy(r => r.Scope, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            foreach (var scope in remote.Scopes.Where(s => !byScope.ContainsKey(s)).ToList())
            {
                ForgetRemote(node, scope);
            }

            foreach (var (scope, list) in byScope)
            {
                var room = RoomFor(scope);
                if (!room.Remote.TryGetValue(node, out var known) || !known.SequenceEqual(list))
                {
                    room.Remote[node] = list;
                    Changed(room);
                }
            }

            remote.Scopes = [.. byScope.Keys];
        }
    }

    /// <summary>Node <paramref name="node"/> said it stops: its viewers go now.</summary>
    public void ForgetNode(string node)
    {
        lock (_lock)
        {
            Forget(node);
        }
    }

    /// <summary>Nodes not heard from for <see cref="PresenceSettings.Expiry"/> are gone, and their viewers with them.</summary>
    public void RemoveExpired()
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            foreach (var (node, _) in _nodes.Where(n => n.Value.Expires <= now).ToList())
            {
                logger.LogInformation("Presence: node {Node} has not been heard from for {Expiry}; its viewers are removed", node, settings.Expiry);
                Forget(node);
            }
        }
    }

    private void Forget(string node)
    {
        if (_nodes.Remove(node, out var remote))
        {
            foreach (var scope in remote.Scopes)
            {
                ForgetRemote(node, scope);
            }
        }
    }

    private void ForgetRemote(string node, string scope)
    {
        if (_rooms.TryGetValue(scope, out var room) && room.Remote.Remove(node))
        {
            Changed(room);
            RemoveIfEmpty(room);
        }
    }

    private IReadOnlyList<PresenceViewer> Gather(Room room)
    {
        var local = room.Local.Where(e => !_down.Contains(e.CircuitId)).Select(e => (e.UserId, e.Name, e.Since));
        var remote = room.Remote.Values.SelectMany(list => list).Select(r => (r.UserId, r.Name, r.Since));
        return
        [
            .. local.Concat(remote)
                .GroupBy(v => v.UserId, StringComparer.Ordinal)
                .Select(g => g.MinBy(v => v.Since))
                .OrderBy(v => v.Since).ThenBy(v => v.Name, StringComparer.CurrentCulture)
                .Select(v => new PresenceViewer(v.UserId, v.Name, v.Since)),
        ];
    }

    private void Leave(Entry entry)
    {
        lock (_lock)
        {
            if (!_entries.ContainsKey(entry.Id))
            {
                return;
            }

            Remove(entry);
        }

        LocalChanged?.Invoke();
    }

    private void Remove(Entry entry)
    {
        _entries.Remove(entry.Id);
        var room = _rooms[entry.Scope];
        room.Local.Remove(entry);
        Changed(room);
        RemoveIfEmpty(room);
    }

    private void Unsubscribe(Subscriber subscriber)
    {
        lock (_lock)
        {
            if (_rooms.TryGetValue(subscriber.Scope, out var room) && room.Subscribers.Remove(subscriber))
            {
                RemoveIfEmpty(room);
            }
        }
    }

    private Room RoomFor(string scope)
    {
        if (!_rooms.TryGetValue(scope, out var room))
        {
            _rooms[scope] = room = new Room(scope);
        }

        return room;
    }

    private void RemoveIfEmpty(Room room)
    {
        if (room.Local.Count == 0 && room.Remote.Count == 0 && room.Subscribers.Count == 0)
        {
            _rooms.Remove(room.Scope);
        }
    }

    /// <summary>Under the lock: the viewers are gathered again when next asked, and the subscribers hear once, shortly.</summary>
    private void Changed(Room room)
    {
        room.Viewers = null;
        if (room.NotifyPending || room.Subscribers.Count == 0)
        {
            return;
        }

        room.NotifyPending = true;
        _ = Task.Run(() => NotifyAsync(room));
    }

    private async Task NotifyAsync(Room room)
    {
        if (settings.NotifyDelay > TimeSpan.Zero)
        {
            await Task.Delay(settings.NotifyDelay).ConfigureAwait(false);
        }

        Subscriber[] subscribers;
        lock (_lock)
        {
            room.NotifyPending = false;
            subscribers = [.. room.Subscribers];
        }

        // Each on a thread of its own: a subscriber's render does not wait for the others'.
        foreach (var subscriber in subscribers)
        {
            _ = Task.Run(subscriber.NotifyAsync);
        }
    }

    private sealed class Room(string scope)
    {
        public string Scope { get; } = scope;
        public HashSet<Entry> Local { get; } = [];
        public Dictionary<string, List<PresenceRecord>> Remote { get; } = new(StringComparer.Ordinal);
        public HashSet<Subscriber> Subscribers { get; } = [];
        public IReadOnlyList<PresenceViewer>? Viewers { get; set; }
        public bool NotifyPending { get; set; }
    }

    private sealed class RemoteNode
    {
        public long Sequence { get; set; } = long.MinValue;
        public DateTimeOffset Expires { get; set; }
        public HashSet<string> Scopes { get; set; } = [];
    }

    private sealed class Entry(PresenceRegistry registry, Guid id, string scope, string circuitId, string userId, string name, DateTimeOffset since) : IDisposable
    {
        public Guid Id => id;
        public string Scope => scope;
        public string CircuitId => circuitId;
        public string UserId => userId;
        public string Name => name;
        public DateTimeOffset Since => since;

        public void Dispose() => registry.Leave(this);
    }

    private sealed class Subscriber(PresenceRegistry registry, ILogger logger, string scope, Func<Task> onChange) : IDisposable
    {
        public string Scope => scope;

        public async Task NotifyAsync()
        {
            try
            {
                await onChange();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A presence subscriber of {Scope} failed", scope);
            }
        }

        public void Dispose() => registry.Unsubscribe(this);
    }
}
