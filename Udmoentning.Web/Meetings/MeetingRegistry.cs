using System.Collections.Concurrent;
using System.Threading.Channels;
using Udmoentning.Domain.Access;

namespace Udmoentning.Web.Meetings;

/// <summary>
/// The meetings being presented on this node: per plan and committee, who presents and what they show, and the
/// circuits that follow along. Every step is checked here against the user's current rights (<see cref="Access.CurrentUsers"/>); the buttons only offer it.
/// </summary>
/// <remarks>
/// In memory on each node. With several nodes, <see cref="RedisMeetingRelay"/> carries each new state to the other nodes
/// (<see cref="Published"/> out, <see cref="Apply"/> in), so a follower on any node sees the presenter's steps. The
/// sequence numbers are a Lamport clock: a node's next state is numbered above every state it has seen, and every node
/// keeps the newest (ties broken the same way everywhere), so all nodes agree. <see cref="MeetingStore"/> keeps each
/// meeting's newest state in the database, so a restarted node (or all of them) takes the meetings up where they were.
/// </remarks>
public sealed class MeetingRegistry(TimeProvider clock, ILogger<MeetingRegistry> logger)
{
    private readonly ConcurrentDictionary<MeetingKey, Room> _rooms = new();

    /// <summary>Raised for every state made on this node (not for those applied from other nodes), in order, under the meeting's lock: keep the handler short.</summary>
    public event Action<MeetingState>? Published;

    /// <summary>Every meeting this node knows, as it knows it.</summary>
    public IReadOnlyList<MeetingState> Known() => [.. _rooms.Values.Select(r => r.State).OfType<MeetingState>()];

    /// <summary>
    /// A state made on another node: taken when it is newer than this node's, and handed to this node's followers.
    /// Returns false when this node knows a newer state (the caller should tell the others).
    /// </summary>
    public bool Apply(MeetingState state, MeetingScope scope)
    {
        var room = RoomFor(state.Key);
        lock (room.Lock)
        {
            room.Observe(state.Sequence);
            if (room.State is { } known && !IsNewer(state, known))
            {
                return known == state;
            }

            room.Scope = scope;
            room.State = state;
            foreach (var follower in room.Followers)
            {
                follower.Enqueue(state);
            }

            return true;
        }
    }

    /// <summary>The higher sequence wins; two nodes that numbered a state alike agree on the same one.</summary>
    private static bool IsNewer(MeetingState candidate, MeetingState known) =>
        candidate.Sequence != known.Sequence
            ? candidate.Sequence > known.Sequence
            : string.CompareOrdinal(TieBreak(candidate), TieBreak(known)) > 0;

    private static string TieBreak(MeetingState state) =>
        $"{state.PresenterId}|{state.StartedAt.UtcTicks}|{state.EndedAt?.UtcTicks}|{state.Position.View}|{state.Position.ItemId}|{state.Position.ThemeId}|{state.ChangesSince.DayNumber}";

    /// <summary>The meeting as it is now: running, ended (its summary stays available), or null when never started.</summary>
    public MeetingState? Current(MeetingKey key) => _rooms.TryGetValue(key, out var room) ? room.State : null;

    /// <summary>Starts (or restarts after it ended) a meeting with <paramref name="actor"/> presenting from <paramref name="position"/>.</summary>
    public MeetingOutcome Start(MeetingKey key, Actor actor, MeetingScope scope, MeetingPosition position, DateOnly changesSince)
    {
        if (!string.Equals(scope.Slug, key.Slug, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The scope {scope.Slug} is not the meeting's ({key.Slug}).", nameof(scope));
        }

        var room = RoomFor(key);
        lock (room.Lock)
        {
            if (!AccessRules.CanPresent(actor, scope.CommitteeId))
            {
                return new MeetingOutcome(MeetingResult.Forbidden, room.State, AccessRules.NotPresenter);
            }

            if (room.State is { IsRunning: true } running && running.PresenterId != actor.UserId)
            {
                return new MeetingOutcome(MeetingResult.NotPresenter, running, Presented(running));
            }

            room.Scope = scope;
            return Publish(room, new MeetingState(key, actor.UserId, actor.Name, clock.GetUtcNow(), position, changesSince, room.NextSequence()));
        }
    }

    /// <summary>Moves the meeting to <paramref name="position"/>; only the presenter may.</summary>
    public MeetingOutcome Step(MeetingKey key, Actor actor, MeetingPosition position) =>
        Change(key, actor, state => state with { Position = position });

    /// <summary>Changes the date the meeting marks changes from (direktion picks it; a committee has its previous meeting).</summary>
    public MeetingOutcome ChangeSince(MeetingKey key, Actor actor, DateOnly changesSince) =>
        Change(key, actor, state => state with { ChangesSince = changesSince });

    /// <summary>Ends the meeting; its state stays, so everyone can read the summary.</summary>
    public MeetingOutcome End(MeetingKey key, Actor actor) =>
        Change(key, actor, state => state with { EndedAt = clock.GetUtcNow(), Position = state.Position with { View = MeetingView.Summary } });

    /// <summary>Makes <paramref name="actor"/> the presenter of a running meeting, from where it is.</summary>
    public MeetingOutcome TakeOver(MeetingKey key, Actor actor)
    {
        if (!_rooms.TryGetValue(key, out var room))
        {
            return new MeetingOutcome(MeetingResult.NotRunning, null, NotRunning);
        }

        lock (room.Lock)
        {
            if (room.State is not { IsRunning: true } running || room.Scope is null)
            {
                return new MeetingOutcome(MeetingResult.NotRunning, room.State, NotRunning);
            }

            if (!AccessRules.CanPresent(actor, room.Scope.CommitteeId))
            {
                return new MeetingOutcome(MeetingResult.Forbidden, running, AccessRules.NotPresenter);
            }

            return running.PresenterId == actor.UserId
                ? new MeetingOutcome(MeetingResult.Done, running)
                : Publish(room, running with { PresenterId = actor.UserId, PresenterName = actor.Name, Sequence = room.NextSequence() });
        }
    }

    /// <summary>
    /// Every new state of the meeting goes to <paramref name="onChange"/>, in order, through a queue of the subscriber's own
    /// (a slow follower delays no one). Dispose to leave; the subscription is also an <see cref="IAsyncDisposable"/>, whose
    /// DisposeAsync returns once the follower has left and taken the last state it was handed.
    /// </summary>
    public IDisposable Subscribe(MeetingKey key, Func<MeetingState, Task> onChange)
    {
        var room = RoomFor(key);
        var follower = new Follower(room, logger, onChange);
        lock (room.Lock)
        {
            room.Followers.Add(follower);
        }

        follower.Start();
        return follower;
    }

    public int FollowerCount(MeetingKey key) => _rooms.TryGetValue(key, out var room) ? room.FollowerCount : 0;

    public const string NotRunning = "Mødet er ikke startet.";

    private static string Presented(MeetingState state) =>
        $"{state.PresenterName} præsenterer mødet. Vælg \"Overtag præsentationen\" for at styre det.";

    private MeetingOutcome Change(MeetingKey key, Actor actor, Func<MeetingState, MeetingState> change)
    {
        if (!_rooms.TryGetValue(key, out var room))
        {
            return new MeetingOutcome(MeetingResult.NotRunning, null, NotRunning);
        }

        lock (room.Lock)
        {
            if (room.State is not { IsRunning: true } running || room.Scope is null)
            {
                return new MeetingOutcome(MeetingResult.NotRunning, room.State, NotRunning);
            }

            if (!AccessRules.CanPresent(actor, room.Scope.CommitteeId))
            {
                return new MeetingOutcome(MeetingResult.Forbidden, running, AccessRules.NotPresenter);
            }

            if (running.PresenterId != actor.UserId)
            {
                return new MeetingOutcome(MeetingResult.NotPresenter, running, Presented(running));
            }

            return Publish(room, change(running) with { Sequence = room.NextSequence() });
        }
    }

    /// <summary>Called under the room's lock, so every follower (and every other node) queues the states in the same order.</summary>
    private MeetingOutcome Publish(Room room, MeetingState state)
    {
        room.State = state;
        foreach (var follower in room.Followers)
        {
            follower.Enqueue(state);
        }

        Published?.Invoke(state);
        return new MeetingOutcome(MeetingResult.Done, state);
    }

    private Room RoomFor(MeetingKey key) => _rooms.GetOrAdd(key, _ => new Room());

    private sealed class Room
    {
        private long _sequence;

        public Lock Lock { get; } = new();
        public HashSet<Follower> Followers { get; } = [];
        public MeetingScope? Scope { get; set; }
        public MeetingState? State { get; set; }

        public int FollowerCount
        {
            get
            {
                lock (Lock)
                {
                    return Followers.Count;
                }
            }
        }

        public long NextSequence() => ++_sequence;

        /// <summary>A state numbered elsewhere: the next one made here is numbered above it.</summary>
        public void Observe(long sequence) => _sequence = Math.Max(_sequence, sequence);
    }

    private sealed class Follower(Room room, ILogger logger, Func<MeetingState, Task> onChange) : IDisposable, IAsyncDisposable
    {
        private readonly Channel<MeetingState> _queue = Channel.CreateUnbounded<MeetingState>(new UnboundedChannelOptions { SingleReader = true });
        private Task _reading = Task.CompletedTask;

        public void Enqueue(MeetingState state) => _queue.Writer.TryWrite(state);

        public void Start() => _reading = Task.Run(ReadAsync);

        public async ValueTask DisposeAsync()
        {
            Dispose();
            await _reading;
        }

        public void Dispose()
        {
            lock (room.Lock)
            {
                room.Followers.Remove(this);
            }

            _queue.Writer.TryComplete();
        }

        private async Task ReadAsync()
        {
            await foreach (var state in _queue.Reader.ReadAllAsync())
            {
                try
                {
                    await onChange(state);
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "A meeting follower failed to take step {Sequence} of {Slug}", state.Sequence, state.Key.Slug);
                }
            }
        }
    }
}
