using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Udmoentning.Tests.Support;
using Udmoentning.Web;
using Udmoentning.Web.Realtime.Presence;

namespace Udmoentning.Tests.Realtime;

/// <summary>Who is shown as looking at a board, a committee view or a meeting, on this node and from other nodes.</summary>
public sealed class PresenceRegistryTests
{
    private static readonly string _board = PresenceScopes.Board(1, null);
    private static readonly string _committee = PresenceScopes.Board(1, "AU");

    private readonly ManualClock _clock = new();
    private readonly PresenceRegistry _registry;

    public PresenceRegistryTests() =>
        _registry = new PresenceRegistry(PresenceSettings.Default with { NotifyDelay = TimeSpan.Zero }, _clock, NullLogger<PresenceRegistry>.Instance);

    [Fact]
    public async Task AViewerWhoJoinsIsShownToSubscribersAndGoneWhenLeaving()
    {
        var heard = Subscribe(_board);
        var anna = _registry.Join(_board, "circuit-1", "anna", "Anna Jensen");
        await heard.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(["Anna Jensen"], Names(_board));

        anna.Dispose();
        await heard.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Empty(Names(_board));
        anna.Dispose();
        Assert.Empty(Names(_board));
    }

    [Fact]
    public void TheSameUserInTwoTabsIsShownOnceUntilBothAreClosed()
    {
        var first = _registry.Join(_board, "circuit-1", "anna", "Anna Jensen");
        _clock.Advance(TimeSpan.FromSeconds(5));
        var second = _registry.Join(_board, "circuit-2", "anna", "Anna Jensen");
        _registry.Join(_board, "circuit-3", "bo", "Bo Hansen");

        Assert.Equal(["Anna Jensen", "Bo Hansen"], Names(_board));
        Assert.Equal(_clock.Start, _registry.Viewers(_board)[0].Since);
        first.Dispose();
        Assert.Equal(["Anna Jensen", "Bo Hansen"], Names(_board));
        second.Dispose();
        Assert.Equal(["Bo Hansen"], Names(_board));
    }

    [Fact]
    public void TheBoardACommitteeViewAndAMeetingAreSeparate()
    {
        _registry.Join(_board, "circuit-1", "anna", "Anna Jensen");
        _registry.Join(_committee, "circuit-2", "bo", "Bo Hansen");
        _registry.Join(PresenceScopes.Meeting(1, "au"), "circuit-3", "carl", "Carl Berg");

        Assert.Equal(["Anna Jensen"], Names(_board));
        Assert.Equal(["Bo Hansen"], Names(PresenceScopes.Board(1, "au")));
        Assert.Equal(["Carl Berg"], Names(PresenceScopes.Meeting(1, "AU")));
        Assert.Empty(Names(PresenceScopes.Board(2, null)));
    }

    [Fact]
    public async Task ALostConnectionHidesTheViewerUntilItComesBackAndAClosedCircuitLeavesEverything()
    {
        _registry.Join(_board, "circuit-1", "anna", "Anna Jensen");
        _registry.Join(_committee, "circuit-1", "anna", "Anna Jensen");
        _registry.Join(_board, "circuit-2", "bo", "Bo Hansen");
        var heard = Subscribe(_board);
        var told = 0;
        _registry.LocalChanged += () => Interlocked.Increment(ref told);

        _registry.SetConnected("circuit-1", false);
        await heard.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(["Bo Hansen"], Names(_board));
        Assert.Empty(Names(_committee));
        Assert.DoesNotContain(_registry.LocalRecords(), r => r.UserId == "anna");

        _registry.SetConnected("circuit-1", true);
        Assert.Equal(["Anna Jensen", "Bo Hansen"], Names(_board));
        Assert.Equal(["Anna Jensen"], Names(_committee));

        _registry.CloseCircuit("circuit-1");
        Assert.Equal(["Bo Hansen"], Names(_board));
        Assert.Empty(Names(_committee));
        Assert.Equal(3, told);
    }

    [Fact]
    public async Task AnotherNodesViewersAreShownUntilItGoesQuietOrSaysItStops()
    {
        _registry.Join(_board, "circuit-1", "anna", "Anna Jensen");
        var heard = Subscribe(_board);
        _registry.ApplyRemote("node-b", 1, [Record(_board, "bo", "Bo Hansen"), Record(_board, "anna", "Anna Jensen"), Record(_committee, "carl", "Carl Berg")]);
        await heard.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(["Anna Jensen", "Bo Hansen"], Names(_board));
        Assert.Equal(["Carl Berg"], Names(_committee));

        // Heartbeats keep them; an older message that arrives late changes nothing.
        _clock.Advance(TimeSpan.FromSeconds(25));
        _registry.ApplyRemote("node-b", 2, [Record(_board, "bo", "Bo Hansen")]);
        _registry.ApplyRemote("node-b", 1, [Record(_board, "dan", "Dan Lund")]);
        _clock.Advance(TimeSpan.FromSeconds(25));
        _registry.RemoveExpired();
        Assert.Equal(["Anna Jensen", "Bo Hansen"], Names(_board));
        Assert.Empty(Names(_committee));

        // 30 s without a word: the node is taken for dead.
        _clock.Advance(TimeSpan.FromSeconds(5));
        _registry.RemoveExpired();
        Assert.Equal(["Anna Jensen"], Names(_board));

        _registry.ApplyRemote("node-c", 1, [Record(_board, "eva", "Eva Holm")]);
        Assert.Equal(["Anna Jensen", "Eva Holm"], Names(_board));
        _registry.ForgetNode("node-c");
        Assert.Equal(["Anna Jensen"], Names(_board));
    }

    [Fact]
    public void TheLineNamesUpToFourOthersAndCountsTheRest()
    {
        PresenceViewer[] others = [.. new[] { "Anna Jensen", "Bo Hansen", "Carl Berg", "Dan Lund", "Eva Holm", "Finn Bak" }.Select(n => new PresenceViewer(n, n, _clock.Start))];

        Assert.Equal(PresenceText.NobodyElse, PresenceText.Summary([]));
        Assert.Equal("Ser med nu: Anna Jensen", PresenceText.Summary(others[..1]));
        Assert.Equal("Ser med nu: Anna Jensen, Bo Hansen og Carl Berg", PresenceText.Summary(others[..3]));
        Assert.Equal("Ser med nu: Anna Jensen, Bo Hansen, Carl Berg, Dan Lund og 1 anden", PresenceText.Summary(others[..5]));
        Assert.Equal("Ser med nu: Anna Jensen, Bo Hansen, Carl Berg, Dan Lund og 2 andre", PresenceText.Summary(others));
        Assert.Equal("Bo Hansen ser nu med. Anna Jensen ser ikke længere med.", PresenceText.Change(others[1..2], others[..1]));
        Assert.Null(PresenceText.Change([], []));
    }

    [Fact]
    public void IntervalsComeFromSettingsAndAnExpiryShorterThanTwoHeartbeatsStopsStartUp()
    {
        static IConfiguration Settings(params (string Key, string Value)[] values) =>
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create<string, string?>(v.Key, v.Value))).Build();

        Assert.Equal(PresenceSettings.Default, PresenceSettings.From(Settings()));
        var quick = PresenceSettings.From(Settings(("Presence:HeartbeatSeconds", "1"), ("Presence:ExpirySeconds", "3")));
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)), (quick.Heartbeat, quick.Expiry));
        var refused = Assert.Throws<StartupException>(() => PresenceSettings.From(Settings(("Presence:HeartbeatSeconds", "10"), ("Presence:ExpirySeconds", "15"))));
        Assert.Contains("Presence:ExpirySeconds", refused.Message);
    }

    private Channel<bool> Subscribe(string scope)
    {
        var heard = Channel.CreateUnbounded<bool>();
        _registry.Subscribe(scope, () => heard.Writer.WriteAsync(true).AsTask());
        return heard;
    }

    private string[] Names(string scope) => [.. _registry.Viewers(scope).Select(v => v.Name)];

    private PresenceRecord Record(string scope, string user, string name) => new(scope, user, name, _clock.GetUtcNow());
}
