using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Meetings;

namespace Udmoentning.Tests.Meetings;

/// <summary>Who may present a meeting, how its steps reach the followers, and what happens when someone takes over.</summary>
public sealed class MeetingRegistryTests
{
    private static readonly Committee _au = new("Arbejdsmarkedsudvalget", "AU");
    private static readonly MeetingScope _auScope = new("au", _au.Name, _au);
    private static readonly MeetingKey _key = new(1, "au");
    private static readonly DateOnly _since = new(2026, 10, 22);

    private static readonly Actor _coordinator = User("karin", Role.Coordinator);
    private static readonly Actor _editorAu = User("rasmus", Role.Editor, "AU");
    private static readonly Actor _editorBuu = User("bente", Role.Editor, "BUU");
    private static readonly Actor _reader = User("lise", Role.Reader);

    private readonly MeetingRegistry _registry = new(TimeProvider.System, NullLogger<MeetingRegistry>.Instance);

    [Fact]
    public void TwoNodesThatHearEachOthersStatesAgreeOnTheMeeting()
    {
        var other = new MeetingRegistry(TimeProvider.System, NullLogger<MeetingRegistry>.Instance);
        var sentHere = new List<MeetingState>();
        var sentThere = new List<MeetingState>();
        _registry.Published += sentHere.Add;
        other.Published += sentThere.Add;

        _registry.Start(_key, _coordinator, _auScope, At(10), _since);
        _registry.Step(_key, _coordinator, At(11));
        foreach (var state in sentHere)
        {
            Assert.True(other.Apply(state, _auScope));
        }

        // The other node knows who presents: its editor is not the presenter until taking over, and its steps then
        // are numbered above everything it has seen, so the first node takes them.
        Assert.Equal(MeetingResult.NotPresenter, other.Step(_key, _editorAu, At(12)).Result);
        Assert.True(other.TakeOver(_key, _editorAu).Succeeded);
        Assert.True(other.Step(_key, _editorAu, At(13)).Succeeded);
        Assert.DoesNotContain(sentThere, s => s.Sequence <= sentHere[^1].Sequence);
        foreach (var state in sentThere)
        {
            Assert.True(_registry.Apply(state, _auScope));
        }

        Assert.Equal(other.Current(_key), _registry.Current(_key));
        Assert.Equal("rasmus", _registry.Current(_key)!.PresenterId);
        Assert.Equal(At(13), _registry.Current(_key)!.Position);

        // A late, older state (Redis delivering out of turn) changes nothing, and the node says it knows better.
        Assert.False(_registry.Apply(sentHere[0], _auScope));
        Assert.Equal(At(13), _registry.Current(_key)!.Position);
    }

    [Fact]
    public void TwoNodesThatStepAtTheSameMomentEndOnTheSameState()
    {
        var other = new MeetingRegistry(TimeProvider.System, NullLogger<MeetingRegistry>.Instance);
        var started = _registry.Start(_key, _coordinator, _auScope, At(10), _since).State!;
        other.Apply(started, _auScope);

        // The same presenter on two nodes (two tabs) steps at once: both states get the same number.
        var here = _registry.Step(_key, _coordinator, At(11)).State!;
        var there = other.Step(_key, _coordinator, At(12)).State!;
        Assert.Equal(here.Sequence, there.Sequence);

        _registry.Apply(there, _auScope);
        other.Apply(here, _auScope);

        Assert.Equal(_registry.Current(_key), other.Current(_key));
    }

    [Fact]
    public void ACoordinatorStartsTheMeetingAndStepsThroughIt()
    {
        var started = _registry.Start(_key, _coordinator, _auScope, At(10), _since);

        Assert.True(started.Succeeded);
        Assert.Equal("karin", started.State!.PresenterId);
        Assert.True(started.State.IsRunning);

        var stepped = _registry.Step(_key, _coordinator, At(11));

        Assert.True(stepped.Succeeded);
        Assert.Equal(At(11), _registry.Current(_key)!.Position);
        Assert.True(stepped.State!.Sequence > started.State.Sequence);
    }

    [Fact]
    public void TheCommitteesEditorMayPresentButNotAnotherCommitteesEditorOrAReader()
    {
        Assert.Equal(MeetingResult.Forbidden, _registry.Start(_key, _reader, _auScope, At(10), _since).Result);
        Assert.Equal(MeetingResult.Forbidden, _registry.Start(_key, _editorBuu, _auScope, At(10), _since).Result);
        Assert.Null(_registry.Current(_key));

        Assert.True(_registry.Start(_key, _editorAu, _auScope, At(10), _since).Succeeded);
    }

    [Fact]
    public void DirektionIsPresentedByCoordinatorsOnly()
    {
        var key = new MeetingKey(1, MeetingScope.DirectorsSlug);

        Assert.Equal(MeetingResult.Forbidden, _registry.Start(key, _editorAu, MeetingScope.Directors, At(10), _since).Result);
        Assert.True(_registry.Start(key, _coordinator, MeetingScope.Directors, At(10), _since).Succeeded);
    }

    [Fact]
    public void OnlyThePresenterStepsAndOthersAreRefusedWithTheReason()
    {
        _registry.Start(_key, _coordinator, _auScope, At(10), _since);

        var byReader = _registry.Step(_key, _reader, At(12));
        var byEditor = _registry.Step(_key, _editorAu, At(12));
        var secondStart = _registry.Start(_key, _editorAu, _auScope, At(12), _since);

        Assert.Equal(MeetingResult.Forbidden, byReader.Result);
        Assert.Equal(AccessRules.NotPresenter, byReader.Message);
        Assert.Equal(MeetingResult.NotPresenter, byEditor.Result);
        Assert.Contains("Overtag præsentationen", byEditor.Message, StringComparison.Ordinal);
        Assert.Equal(MeetingResult.NotPresenter, secondStart.Result);
        Assert.Equal(At(10), _registry.Current(_key)!.Position);
        Assert.Equal("karin", _registry.Current(_key)!.PresenterId);
    }

    [Fact]
    public void StepsBeforeAStartAreRefused()
    {
        Assert.Equal(MeetingResult.NotRunning, _registry.Step(_key, _coordinator, At(10)).Result);
        Assert.Equal(MeetingResult.NotRunning, _registry.TakeOver(_key, _coordinator).Result);
    }

    [Fact]
    public void AnEligibleUserTakesOverAndThePreviousPresenterIsThenRefused()
    {
        _registry.Start(_key, _coordinator, _auScope, At(10), _since);
        _registry.Step(_key, _coordinator, At(11));

        Assert.Equal(MeetingResult.Forbidden, _registry.TakeOver(_key, _reader).Result);
        var takeOver = _registry.TakeOver(_key, _editorAu);

        Assert.True(takeOver.Succeeded);
        Assert.Equal("rasmus", takeOver.State!.PresenterId);
        Assert.Equal(At(11), takeOver.State.Position);
        Assert.Equal(MeetingResult.NotPresenter, _registry.Step(_key, _coordinator, At(12)).Result);
        Assert.True(_registry.Step(_key, _editorAu, At(12)).Succeeded);
    }

    [Fact]
    public async Task FollowersHearEveryStepInOrder()
    {
        var first = Listen();
        var second = Listen();
        using var a = _registry.Subscribe(_key, s => first.Writer.WriteAsync(s).AsTask());
        using var b = _registry.Subscribe(_key, s => second.Writer.WriteAsync(s).AsTask());

        _registry.Start(_key, _coordinator, _auScope, At(10), _since);
        for (var id = 11; id <= 20; id++)
        {
            _registry.Step(_key, _coordinator, At(id));
        }

        int[] expected = [.. Enumerable.Range(10, 11)];
        Assert.Equal(expected, await ItemIdsAsync(first, 11));
        Assert.Equal(expected, await ItemIdsAsync(second, 11));
    }

    [Fact]
    public async Task AFollowerWhoLeavesHearsNoMore()
    {
        var staying = Listen();
        var leaving = Listen();
        using var a = _registry.Subscribe(_key, s => staying.Writer.WriteAsync(s).AsTask());
        var b = _registry.Subscribe(_key, s => leaving.Writer.WriteAsync(s).AsTask());
        _registry.Start(_key, _coordinator, _auScope, At(10), _since);
        Assert.Equal(new[] { 10 }, await ItemIdsAsync(leaving, 1));
        Assert.Equal(2, _registry.FollowerCount(_key));

        // Left once the follower has taken its last state: nothing can reach it after that, so no fixed wait is needed to
        // see that nothing does (a follower's queue is its own, so a marker to the others would say nothing about it).
        await ((IAsyncDisposable)b).DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        _registry.Step(_key, _coordinator, At(11));

        Assert.Equal(new[] { 10, 11 }, await ItemIdsAsync(staying, 2));
        Assert.Equal(1, _registry.FollowerCount(_key));
        Assert.False(leaving.Reader.TryRead(out _));
    }

    [Fact]
    public async Task AFailingFollowerDoesNotStopTheOthers()
    {
        var healthy = Listen();
        using var failing = _registry.Subscribe(_key, _ => throw new InvalidOperationException("A broken circuit."));
        using var ok = _registry.Subscribe(_key, s => healthy.Writer.WriteAsync(s).AsTask());

        _registry.Start(_key, _coordinator, _auScope, At(10), _since);
        _registry.Step(_key, _coordinator, At(11));

        Assert.Equal(new[] { 10, 11 }, await ItemIdsAsync(healthy, 2));
    }

    [Fact]
    public void AnEndedMeetingKeepsItsStateAndCanStartAgain()
    {
        var started = _registry.Start(_key, _coordinator, _auScope, At(10), _since).State!;

        var ended = _registry.End(_key, _coordinator);

        Assert.True(ended.Succeeded);
        Assert.False(_registry.Current(_key)!.IsRunning);
        Assert.Equal(MeetingView.Summary, _registry.Current(_key)!.Position.View);
        Assert.Equal(MeetingResult.NotRunning, _registry.Step(_key, _coordinator, At(11)).Result);
        var again = _registry.Start(_key, _editorAu, _auScope, At(10), _since);
        Assert.True(again.Succeeded);
        Assert.True(again.State!.StartedAt >= started.StartedAt);
    }

    private static MeetingPosition At(int itemId) => new(MeetingView.Item, itemId, 1);

    private static Channel<MeetingState> Listen() => Channel.CreateUnbounded<MeetingState>();

    private static async Task<int[]> ItemIdsAsync(Channel<MeetingState> channel, int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var ids = new List<int>();
        while (ids.Count < count)
        {
            ids.Add((await channel.Reader.ReadAsync(timeout.Token)).Position.ItemId!.Value);
        }

        return [.. ids];
    }

    /// <summary>The actor as the app resolves it: an editor's committees by id (another committee than AU gets another id).</summary>
    private static Actor User(string id, Role role, string? committee = null) =>
        new(id, id, new HashSet<Role> { role }, committee is null ? new HashSet<int>() : new HashSet<int> { committee == _au.ShortCode ? _au.Id : _au.Id + 1 });
}
