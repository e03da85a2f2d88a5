using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Realtime.Presence;

namespace Udmoentning.Tests.Integration;

/// <summary>
/// Presence on two nodes with one real Redis: a viewer on one node is shown on the other at once, and goes at once when
/// leaving, when the connection drops or when the node stops in good order; a node that dies (falls silent) loses its
/// viewers after the expiry.
/// </summary>
public sealed class PresenceBetweenNodesTests : IAsyncLifetime
{
    private static readonly string _board = PresenceScopes.Board(1, null);

    // Short, so the test is quick; a join or a leave must still arrive well before the next heartbeat.
    private static readonly Dictionary<string, string> _settings = new()
    {
        ["Presence:HeartbeatSeconds"] = "3",
        ["Presence:ExpirySeconds"] = "6",
    };

    private TwoNodes _nodes = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _nodes = await TwoNodes.StartAsync(settings: _settings);

    public async ValueTask DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task AViewerOnOneNodeIsSeenOnTheOtherAndGoesWhenLeavingDisconnectingOrWhenTheirNodeStops()
    {
        var onA = _nodes.A.Services.GetRequiredService<PresenceRegistry>();
        var onB = _nodes.B.Services.GetRequiredService<PresenceRegistry>();
        onB.Join(_board, "circuit-b", "bo", "Bo Hansen");

        var anna = onA.Join(_board, "circuit-a", "anna", "Anna Jensen");
        await SoonAsync(onB, ["Bo Hansen", "Anna Jensen"]);
        await SoonAsync(onA, ["Bo Hansen", "Anna Jensen"]);

        onA.SetConnected("circuit-a", false);
        await SoonAsync(onB, ["Bo Hansen"]);
        onA.SetConnected("circuit-a", true);
        await SoonAsync(onB, ["Bo Hansen", "Anna Jensen"]);

        anna.Dispose();
        await SoonAsync(onB, ["Bo Hansen"]);

        onA.Join(_board, "circuit-a2", "carl", "Carl Berg");
        await SoonAsync(onB, ["Bo Hansen", "Carl Berg"]);
        await _nodes.A.DisposeAsync();
        await SoonAsync(onB, ["Bo Hansen"]);
    }

    [Fact]
    public async Task ANodeThatFallsSilentLosesItsViewersAfterTheExpiry()
    {
        var onB = _nodes.B.Services.GetRequiredService<PresenceRegistry>();
        var redis = _nodes.A.Services.GetRequiredService<IConnectionMultiplexer>();

        // A third node says once who looks from it, and then never again, as a node that crashed.
        var message = new PresenceMessage("node-c", 1, [new PresenceRecord(_board, "eva", "Eva Holm", DateTimeOffset.UtcNow)], Ask: false, Leaving: false);
        await redis.GetSubscriber().PublishAsync(RedisPresenceRelay.Topic, JsonSerializer.Serialize(message));
        await SoonAsync(onB, ["Eva Holm"]);
        var silent = Stopwatch.StartNew();

        while (Names(onB).Length > 0)
        {
            Assert.True(silent.Elapsed < TimeSpan.FromSeconds(12), "The silent node's viewer was still shown after 12 s.");
            await Task.Delay(50, Token);
        }

        Assert.True(silent.Elapsed > TimeSpan.FromSeconds(5), $"The silent node's viewer went after {silent.Elapsed.TotalSeconds:0.0} s, before the 6 s expiry.");
    }

    /// <summary>Within 2 s: before the next heartbeat (3 s), so it came with the change itself.</summary>
    private static async Task SoonAsync(PresenceRegistry registry, string[] names)
    {
        Assert.True(await Poll.UntilAsync(() => Names(registry).Order().SequenceEqual(names.Order()), TimeSpan.FromSeconds(2)),
            $"Expected {string.Join(", ", names)}; shown: {string.Join(", ", Names(registry))}.");
    }

    private static string[] Names(PresenceRegistry registry) => [.. registry.Viewers(_board).Select(v => v.Name)];
}
