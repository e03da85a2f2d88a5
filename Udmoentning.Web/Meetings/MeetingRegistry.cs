using System.Collections.Concurrent;
using System.Threading.Channels;
using Udmoentning.Domain.Access;

namespace Udmoentning.Web.Meetings;

/// <summary>
/// The meetings being presented on this node: per plan and committee, who presents and what they show, and the
/// circuits that follow along. Every step is checked here against the user's current rights (<see cref="Access.CurrentUsers"/>); the buttons only offer it.
/// </summary>
/// <remarks>
/// In memory on one node. With several nodes a follower on another node would not see the presenter's steps; that
/// needs the Redis backplane the change feed will get (a later issue). A restart forgets running meetings: the
/// presenter starts again, and the record of changes, which is in the database, is unaffected.
/// </remarks>
public sealed class MeetingRegistry(TimeProvider clock, ILogger<MeetingRegistry> logger)
{
    private readonly ConcurrentDictionary<MeetingKey, Room> _rooms = new();

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
    /// (a slow follower delays no one). Dispose to leave.
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

    /// <summary>Called under the room's lock, so every follower queues the states in the same order.</summary>
    private static MeetingOutcome Publish(Room room, MeetingState state)
    {
        room.State = state;
        foreach (var follower in room.Followers)
        {
            follower.Enqueue(state);
        }

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
    }

    private sealed class Follower(Room room, ILogger logger, Func<MeetingState, Task> onChange) : IDisposable
    {
        private readonly Channel<MeetingState> _queue = Channel.CreateUnbounded<MeetingState>(new UnboundedChannelOptions { SingleReader = true });

        public void Enqueue(MeetingState state) => _queue.Writer.TryWrite(state);

        public void Start() => _ = Task.Run(ReadAsync);

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
