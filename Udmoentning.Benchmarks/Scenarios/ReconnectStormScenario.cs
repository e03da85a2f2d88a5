using System.Diagnostics;
using System.Net;
using System.Text;
using Udmoentning.Benchmarks.Circuits;
using Udmoentning.Benchmarks.Harness;
using Udmoentning.Tests.Support;

namespace Udmoentning.Benchmarks.Scenarios;

/// <summary>
/// One reconnect storm. <paramref name="Current"/>: per storm viewer that came back, ms from its reconnect attempt until it
/// shows the current plan. <paramref name="Missed"/>: changes saved from the drop on that a viewer that came back never got;
/// <paramref name="Uncertain"/>: changes saved while a reloaded page was loading that did not arrive as a batch (they may be
/// in its fresh render; a render batch is not parsed). <paramref name="ByResync"/>: changes a resumed viewer got only as part
/// of a later render (the board's catching up on reconnecting, or a later change's batch), not as a batch of their own. Steady viewers: the latency
/// of each timed change (clock from just before the move call to the batch with the moved card) before the drop and from the
/// drop until every storm viewer was back. CPU: the app process serving the storm, in cores, over that same time.
/// </summary>
public sealed record StormResult(
    string Setup, int StormViewers, int SteadyViewers, TimeSpan Offline, double MovesPerSecond, string Retention,
    int Resumed, int Restored, int Reloaded, int Failed, string? FirstFailure,
    Stats Current, Stats CurrentResumed, Stats CurrentNew,
    int ChangesChecked, int Missed, int ViewersMissing, int Uncertain, int ByResync,
    Timed SteadyBefore, Timed SteadyDuring, TimeSpan StormDuration, double ServerCores, int Moves, int MoveErrors, int DuplicateBatches);

/// <summary>
/// The reconnect storm (issue 37): viewers lose their connections at the same moment while changes go on, then all come back
/// at once. Two setups: one node, whose storm viewers drop their connections as sleeping laptops do
/// (<see cref="BlazorCircuitClient.DropAsync"/>) and reconnect after <c>offline</c>, with the app's own limits on disconnected
/// circuits; and two nodes behind the tests' sticky balancer, where the node that every storm viewer landed on is killed and
/// they reconnect through the balancer to the other node, which does not know their circuits.
/// </summary>
public static class ReconnectStormScenario
{
    /// <summary>The app's own circuit settings, which the storm runs with.</summary>
    private static readonly Udmoentning.Web.Realtime.CircuitSettings Defaults = new();

    /// <summary>Untimed paced moves first, then the paced moves timed before the drop (the steady viewers' normal p95).</summary>
    public const int WarmUpMoves = 20;

    public const int MovesBefore = 20;

    /// <summary>Moves go on this long after the last storm viewer is back (or has failed), then stop; then the check.</summary>
    private static readonly TimeSpan _movesAfter = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan _settle = TimeSpan.FromSeconds(3);

    /// <summary>How long a reconnect may take before the viewer counts as failed.</summary>
    private static readonly TimeSpan _reconnectLimit = TimeSpan.FromMinutes(2);

    /// <summary>One node on SQLite with the app's defaults for disconnected circuits; the storm viewers drop and come back.</summary>
    public static async Task<StormResult> OneNodeAsync(string publish, int stormCount, int steadyCount, TimeSpan offline, TimeSpan spread, double movesPerSecond)
    {
        await using var server = await AppServer.StartAsync(publish, 2000, appCircuitDefaults: true);
        var reader = await server.SignInAsync("demo-laeser");
        await using var mover = await PlanMover.ConnectAsync(server.BaseUri, await server.SignInAsync("demo-koordinator"));
        var page = new Uri(server.BaseUri, "/");
        await using var viewers = await StormViewers.OpenAsync(page, page, reader, stormCount, steadyCount);
        await server.SettleAsync(TimeSpan.FromSeconds(60));
        return await RunAsync("one node (SQLite); the storm viewers drop their connections", server, reader, mover, viewers, movesPerSecond, spread,
            drop: async storm =>
            {
                // Each cut is made before its DropAsync first waits: all sockets go within a few milliseconds.
                var cut = Task.WhenAll(storm.Select(v => v.DropAsync()));
                await Task.Delay(offline);
                await cut;
            },
            offline, $"the app's defaults (Circuits:DisconnectedMaxRetained {Defaults.DisconnectedMaxRetained}, {Defaults.DisconnectedRetention.TotalMinutes:0} min)");
    }

    /// <summary>
    /// Two nodes on PostgreSQL and Redis behind the sticky balancer: the storm viewers through it (all on the first node), the
    /// steady viewers and the mover on the second; the first node's process is killed.
    /// </summary>
    public static async Task<StormResult?> NodeKilledAsync(string publish, int stormCount, int steadyCount, double movesPerSecond)
    {
        await using var postgres = await PostgresCluster.TryStartAsync();
        await using var redis = await RedisProcess.TryStartAsync();
        if (postgres is null || redis is null)
        {
            Console.WriteLine("  skipped: PostgreSQL server binaries or redis-server are not installed.");
            return null;
        }

        await using var a = await AppServer.StartAsync(publish, 2000, postgres.ConnectionString, redis.ConnectionString, appCircuitDefaults: true);
        await using var b = await AppServer.StartAsync(publish, 2000, postgres.ConnectionString, redis.ConnectionString, appCircuitDefaults: true);
        await using var balancer = new TcpProxy([a.BaseUri, b.BaseUri]);

        // Cookies are per host, not per port, and the nodes share their data-protection keys through the database: one sign-in
        // through the balancer serves on both nodes, as one site's would.
        var reader = await DemoSignIn.SignInAsync(balancer.BaseAddress, "demo-laeser", CancellationToken.None);
        await using var mover = await PlanMover.ConnectAsync(b.BaseUri, await b.SignInAsync("demo-koordinator"));
        await using var viewers = await StormViewers.OpenAsync(new Uri(balancer.BaseAddress, "/"), new Uri(b.BaseUri, "/"), reader, stormCount, steadyCount);
        await Task.WhenAll(a.SettleAsync(TimeSpan.FromSeconds(60)), b.SettleAsync(TimeSpan.FromSeconds(60)));
        return await RunAsync("two nodes (PostgreSQL, Redis) behind the sticky balancer; the storm viewers' node is killed", b, reader, mover, viewers, movesPerSecond, TimeSpan.Zero,
            drop: async _ => await a.KillAsync(),
            TimeSpan.Zero, "the app's defaults; the other node never had the circuits");
    }

    private static async Task<StormResult> RunAsync(
        string setup, AppServer server, CookieContainer reader, PlanMover mover, StormViewers viewers, double movesPerSecond, TimeSpan spread,
        Func<IReadOnlyList<StormViewer>, Task> drop, TimeSpan offline, string retention)
    {
        var layout = await BoardLayout.ReadAsync(server.BaseUri, reader);
        var moves = await PacedMoves.ReadAsync(mover, layout);
        Console.WriteLine($"  moving {moves.Round / 2} cards in turn");
        viewers.Track(moves.Texts);
        using var stop = new CancellationTokenSource();
        var moving = moves.RunAsync(mover, TimeSpan.FromSeconds(1 / movesPerSecond), stop.Token);

        // Untimed moves, then the timed ones before the drop.
        await moves.WaitForAsync(WarmUpMoves);
        var timedFrom = Stopwatch.GetTimestamp();
        await moves.WaitForAsync(WarmUpMoves + MovesBefore);

        Console.WriteLine($"  {setup}: {viewers.Storm.Count} viewers lose their connections...");
        var cpuBefore = server.CpuTime();
        var dropped = Stopwatch.GetTimestamp();
        var reconnecting = viewers.Storm.Select(v => ComeBackAsync(v, dropped, spread, viewers.Storm.Count)).ToList();
        await drop(viewers.Storm);
        foreach (var viewer in viewers.Storm)
        {
            viewer.Go.TrySetResult();
        }

        await Task.WhenAll(reconnecting);
        await WaitUntilCurrentAsync(viewers.Storm, moves);
        var back = viewers.Storm.Select(v => v.CurrentAt(moves.Changes) ?? Stopwatch.GetTimestamp()).Append(dropped).Max();
        var stormDuration = Stopwatch.GetElapsedTime(dropped, back);
        var cores = (server.CpuTime() - cpuBefore).TotalSeconds / Math.Max(0.001, Stopwatch.GetElapsedTime(dropped).TotalSeconds);

        await Task.Delay(_movesAfter);
        await stop.CancelAsync();
        await moving;
        await Task.Delay(_settle);

        var changes = moves.Changes;
        var before = changes.Where(c => c.Started >= timedFrom && c.Started < dropped).ToList();
        var during = changes.Where(c => c.Started >= dropped && c.Started <= back).ToList();
        var checkedChanges = changes.Where(c => c.Started >= dropped && c.Saved is not null).ToList();
        var came = viewers.Storm.Where(v => v.Failure is null).ToList();
        var misses = came.Select(v => v.Check(checkedChanges)).ToList();
        var current = came.Select(v => v.CurrentMilliseconds).OfType<double>().ToList();
        var result = new StormResult(
            setup, viewers.Storm.Count, viewers.Steady.Count, offline, movesPerSecond, retention,
            came.Count(v => v.Outcome == ReconnectOutcome.Resumed), came.Count(v => v.Outcome == ReconnectOutcome.Restored),
            came.Count(v => v.Outcome == ReconnectOutcome.Reloaded), viewers.Storm.Count - came.Count,
            viewers.Storm.Select(v => v.Failure?.GetBaseException().Message).FirstOrDefault(f => f is not null),
            Stats.Of(current),
            Stats.Of(came.Where(v => v.Outcome == ReconnectOutcome.Resumed).Select(v => v.CurrentMilliseconds).OfType<double>()),
            Stats.Of(came.Where(v => v.Outcome != ReconnectOutcome.Resumed).Select(v => v.CurrentMilliseconds).OfType<double>()),
            checkedChanges.Count, misses.Sum(m => m.Missed), misses.Count(m => m.Missed > 0), misses.Sum(m => m.Uncertain), misses.Sum(m => m.ByResync),
            viewers.SteadyLatency(before, moves), viewers.SteadyLatency(during, moves), stormDuration, cores, changes.Count, moves.Errors,
            viewers.Storm.Sum(v => v.Client.DuplicateBatches));
        Console.WriteLine($"  resumed {result.Resumed}, restored {result.Restored}, reloaded {result.Reloaded}, failed {result.Failed}{(result.FirstFailure is { } f ? $" ({f})" : string.Empty)}; " +
            $"current ({result.Current.Count}) after p50 {Stats.Ms(result.Current.P50)} / p95 {Stats.Ms(result.Current.P95)} / max {Stats.Ms(result.Current.Max)} ms; " +
            $"missed {result.Missed} of {result.ChangesChecked} changes × {came.Count} viewers (uncertain {result.Uncertain}, only in a later render {result.ByResync}); " +
            $"steady p95 {Stats.Ms(result.SteadyBefore.Latency.P95)} -> {Stats.Ms(result.SteadyDuring.Latency.P95)} ms " +
            $"({result.SteadyDuring.Received}/{result.SteadyDuring.Expected}); storm {stormDuration.TotalSeconds:0.0} s, server {cores:0.00} cores; moves {result.Moves}, errors {result.MoveErrors}");
        return result;
    }

    /// <summary>A resumed viewer may get the current plan after it has reconnected: wait for that (at most 30 s) before the storm counts as over.</summary>
    private static async Task WaitUntilCurrentAsync(IReadOnlyList<StormViewer> storm, PacedMoves moves)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (storm.Any(v => v.Failure is null && v.CurrentAt(moves.Changes) is null) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits until the drop is over, then reconnects as blazor.web.js does: when it was dropped here, after the time offline;
    /// when its node was killed, as soon as the node is dead (blazor.web.js, told by the closed connection, tries at once).
    /// Spread over <paramref name="spread"/> by its place. A reconnect that cannot reach a server is tried again at once, as
    /// the first ten of blazor.web.js's are; the time counts from the first attempt.
    /// </summary>
    private static async Task ComeBackAsync(StormViewer viewer, long dropped, TimeSpan spread, int count)
    {
        try
        {
            viewer.Dropped = dropped;
            await viewer.Go.Task;
            await Task.Delay(spread * viewer.Index / Math.Max(1, count));
            using var limit = new CancellationTokenSource(_reconnectLimit);
            viewer.ReconnectAt = Stopwatch.GetTimestamp();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    viewer.Outcome = await viewer.Client.ReconnectAsync(limit.Token);
                    // The page's script links to its view again as soon as it runs: at once on a resumed page, after the load on a new one.
                    await viewer.RelinkAsync();
                    break;
                }
                catch (Exception e) when (attempt < 10 && e is HttpRequestException or IOException or System.Net.WebSockets.WebSocketException)
                {
                }
            }
        }
        catch (Exception e)
        {
            viewer.Failure = e;
        }
    }

    /// <summary>The move texts a viewer's batches are searched for, as UTF-8: each card, each card's announcement per direction, and the resync's.</summary>
    public sealed class MoveTexts(IReadOnlyList<string> texts)
    {
        /// <summary>What BoardSession says when a board's connection is back (its note on reconnecting).</summary>
        public const string Resynced = "Forbindelsen er genoprettet";

        public IReadOnlyList<byte[]> Utf8 { get; } = [.. texts.Append(Resynced).Select(Encoding.UTF8.GetBytes)];

        /// <summary>The same texts as they stand in the view's messages on <c>/hubs/board</c> (see <see cref="BoardViewLink.Encode"/>).</summary>
        public IReadOnlyList<byte[]> Json { get; } = [.. texts.Append(Resynced).Select(BoardViewLink.Encode)];

        public int ResyncIndex => Utf8.Count - 1;
    }

    /// <summary>
    /// Cards every viewer has rendered on opening, as <see cref="TimedMoves"/> picks them but from both the "Ikke påbegyndt" and
    /// the "I gang" cell of every lane whose cells the prerendered board shows (the first lane's "Ikke påbegyndt" alone shows
    /// only a few): each moved in turn, at a steady pace, to the other cell and back, placed above the top card of the cell it
    /// goes to (which never moves). So a card's text recurs only every <see cref="Round"/> / 2 moves and each announcement's
    /// every <see cref="Round"/>: the more cards, the longer a batch's text cannot be an older change's.
    /// </summary>
    public sealed class PacedMoves
    {
        private readonly List<Card> _cards;
        private readonly List<Change> _changes = [];
        private readonly Lock _lock = new();
        private int _errors;

        private PacedMoves(List<Card> cards)
        {
            _cards = cards;
            // Per card: its card markup, then its announcement when it goes to "I gang" and when it goes back.
            Texts = new MoveTexts([.. cards.SelectMany(c => new[]
            {
                $"<span class=\"card-code\">{c.Code}</span>", $"{c.Code} flyttet til I gang af ", $"{c.Code} flyttet til Ikke påbegyndt af ",
            })]);
        }

        public MoveTexts Texts { get; }

        /// <summary>The changes so far, in order (a snapshot).</summary>
        public IReadOnlyList<Change> Changes
        {
            get
            {
                lock (_lock)
                {
                    return [.. _changes];
                }
            }
        }

        public int Errors => Volatile.Read(ref _errors);

        /// <summary>How many moves make one round of every text (card and direction).</summary>
        public int Round => _cards.Count * 2;

        public static async Task<PacedMoves> ReadAsync(PlanMover mover, BoardLayout layout, int wanted = 30)
        {
            var cards = new List<Card>();
            foreach (var lane in layout.Cells.Select(c => c.ThemeId).Distinct())
            {
                var notStarted = layout.Cells.FirstOrDefault(c => c.ThemeId == lane && c.Status == 1);
                var inProgress = layout.Cells.FirstOrDefault(c => c.ThemeId == lane && c.Status == 2);
                if (notStarted is not { Rendered.Count: >= 2 } || inProgress is not { Rendered.Count: >= 2 })
                {
                    continue;
                }

                foreach (var id in notStarted.Rendered.Skip(1).Concat(inProgress.Rendered.Skip(1)).Take(wanted - cards.Count))
                {
                    var (version, status) = await mover.CurrentAsync(id);
                    cards.Add(new Card(id, await mover.CurrentCodeAsync(id), version, status, notStarted.Rendered[0], inProgress.Rendered[0]));
                }
            }

            return cards.Count > 0 ? new PacedMoves(cards) : throw new InvalidDataException("The prerendered board shows no cards to move.");
        }

        /// <summary>Starts a move every <paramref name="every"/> until stopped, each placed above the (unmoving) top card of the cell it goes to.</summary>
        public async Task RunAsync(PlanMover mover, TimeSpan every, CancellationToken stop)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var wait = every * i - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(wait, stop);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }

                var index = i % _cards.Count;
                var card = _cards[index];
                var toInProgress = card.Status != "InProgress";
                var change = new Change(i, index, 3 * index + (toInProgress ? 1 : 2), Stopwatch.GetTimestamp());
                lock (_lock)
                {
                    _changes.Add(change);
                }

                var result = await mover.MoveAsync(card.Id, card.Version, toInProgress ? "InProgress" : "NotStarted", toInProgress ? card.TopOfInProgress : card.TopOfNotStarted);
                if (result is { Outcome: "Saved", Version: { } version, Status: { } status })
                {
                    change.Saved = Stopwatch.GetTimestamp();
                    _cards[index] = card with { Version = version, Status = status };
                }
                else
                {
                    Interlocked.Increment(ref _errors);
                    var (current, now) = await mover.CurrentAsync(card.Id);
                    _cards[index] = card with { Version = current, Status = now };
                }
            }
        }

        /// <summary>Waits until <paramref name="count"/> moves have started.</summary>
        public async Task WaitForAsync(int count)
        {
            while (Changes.Count < count)
            {
                await Task.Delay(50);
            }
        }

        private sealed record Card(int Id, string Code, Guid Version, string Status, int TopOfNotStarted, int TopOfInProgress);
    }

    /// <summary>
    /// One move: its number, the card's index (its markup is text 3 × index), its announcement's text, when the move call
    /// started and when it returned saved (null: refused).
    /// </summary>
    public sealed class Change(int number, int card, int announcement, long started)
    {
        public int Number { get; } = number;

        public int CardText { get; } = 3 * card;

        public int Announcement { get; } = announcement;

        public long Started { get; } = started;

        public long? Saved { get; set; }
    }

    /// <summary>The storm viewers (through <c>stormPage</c>) and the steady ones (on <c>steadyPage</c>), as the reader.</summary>
    public sealed class StormViewers : IAsyncDisposable
    {
        private StormViewers(List<StormViewer> storm, List<StormViewer> steady)
        {
            Storm = storm;
            Steady = steady;
        }

        public IReadOnlyList<StormViewer> Storm { get; }

        public IReadOnlyList<StormViewer> Steady { get; }

        public static async Task<StormViewers> OpenAsync(Uri stormPage, Uri steadyPage, CookieContainer reader, int stormCount, int steadyCount)
        {
            var started = Stopwatch.StartNew();
            var storm = await OpenAsync(stormPage, reader, stormCount);
            var steady = await OpenAsync(steadyPage, reader, steadyCount);
            // Every viewer also has the board script's link to its view (ADR 0025), which brings the announcements: a batch's
            // card text alone was found to come about a second late for some moves (the same with the app before that design).
            foreach (var viewer in storm)
            {
                await viewer.LinkAsync(new Uri(stormPage, "/"), reader);
            }

            foreach (var viewer in steady)
            {
                await viewer.LinkAsync(new Uri(steadyPage, "/"), reader);
            }

            Console.WriteLine($"  {stormCount} storm and {steadyCount} steady viewers open in {started.Elapsed.TotalSeconds:0.0} s");
            return new StormViewers(storm, steady);
        }

        /// <summary>From now on every viewer records when each of <paramref name="texts"/> arrives.</summary>
        public void Track(MoveTexts texts)
        {
            foreach (var viewer in Storm.Concat(Steady))
            {
                viewer.Track(texts);
            }
        }

        /// <summary>
        /// Per change and steady viewer: from the move call until the first batch after it with the moved card or its announcement
        /// (one batch carries both; a card pushed down a long cell may no longer be rendered, its announcement still is).
        /// </summary>
        public Timed SteadyLatency(IReadOnlyList<Change> changes, PacedMoves moves)
        {
            var latencies = new List<double>();
            var all = moves.Changes;
            foreach (var change in changes)
            {
                // Until the card moves again, and until its announcement comes round again.
                var cardMoves = all.FirstOrDefault(c => c.Number == change.Number + moves.Round / 2)?.Started ?? long.MaxValue;
                var saidAgain = all.FirstOrDefault(c => c.Number == change.Number + moves.Round)?.Started ?? long.MaxValue;
                foreach (var viewer in Steady)
                {
                    if (new[] { viewer.FirstArrival(change.CardText, change.Started, cardMoves), viewer.FirstArrival(change.Announcement, change.Started, saidAgain) }.Min() is { } at)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(change.Started, at).TotalMilliseconds);
                    }
                }
            }

            return new Timed(Stats.Of(latencies), changes.Count * Steady.Count, latencies.Count, Stats.Of([]), 0);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var group in Storm.Concat(Steady).Chunk(50))
            {
                await Task.WhenAll(group.Select(v => v.DisposeAsync().AsTask()));
            }
        }

        private static async Task<List<StormViewer>> OpenAsync(Uri page, CookieContainer reader, int count) =>
            [.. (await Viewers.ConnectAsync(page, reader, count)).Select((client, index) => new StormViewer(client, index))];
    }

    /// <summary>One viewer: its client, when each tracked text arrived, and how its reconnect went.</summary>
    public sealed class StormViewer
    {
        /// <summary>Batches larger than this (a page's first render, megabytes) are searched only for the resync's text.</summary>
        private const int LargestSearched = 256 * 1024;

        private readonly Lock _lock = new();
        private List<long>[] _arrivals = [];
        private MoveTexts? _texts;

        public StormViewer(BlazorCircuitClient client, int index)
        {
            Client = client;
            Index = index;
        }

        public BlazorCircuitClient Client { get; }

        public int Index { get; }

        /// <summary>Set when the storm viewers are to reconnect (after the drop and the time offline).</summary>
        public TaskCompletionSource Go { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long ReconnectAt { get; set; }

        public ReconnectOutcome? Outcome { get; set; }

        public Exception? Failure { get; set; }

        public long Dropped { get; set; }

        /// <summary>When it showed the current plan again (see <see cref="CurrentAt"/>), from its reconnect attempt.</summary>
        public double? CurrentMilliseconds { get; private set; }

        /// <summary>
        /// When it showed the current plan again, i.e. had every change saved before its reconnect attempt (null: not yet).
        /// A new circuit (restored or reloaded) renders the plan as it is when it starts, after the attempt: its first render.
        /// A resumed circuit: the first batch rendered after the last such change was applied, i.e. the first of: the batch
        /// announcing that change, one announcing a change started after the attempt (changes render in order), and the board's
        /// catching up on reconnecting (it says so; its text can be replaced by a later change's
        /// before it renders, when the server holds renders back). An announcement counts only when it cannot be an older
        /// change's batch sent again: the same text's previous change was saved before the drop.
        /// </summary>
        public long? CurrentAt(IReadOnlyList<Change> changes)
        {
            if (Outcome is null)
            {
                return null;
            }

            if (Outcome != ReconnectOutcome.Resumed)
            {
                return Client.ReadyAt;
            }

            var candidates = new List<long?> { FirstArrival(_texts!.ResyncIndex, ReconnectAt) };
            var last = changes.LastOrDefault(c => c.Saved < ReconnectAt);
            foreach (var change in changes.Where(c => c == last || c.Started >= ReconnectAt))
            {
                var previous = changes.LastOrDefault(c => c.Announcement == change.Announcement && c.Number < change.Number);
                if (previous is null || previous.Saved < Dropped)
                {
                    candidates.Add(FirstArrival(change.Announcement, ReconnectAt));
                }
            }

            return candidates.OfType<long>().Select(at => (long?)at).Min();
        }

        public void Track(MoveTexts texts)
        {
            _texts = texts;
            _arrivals = [.. texts.Utf8.Select(_ => new List<long>())];
            Client.BatchReceived = Offer;
        }

        private BoardViewLink? _link;
        private (Uri BaseUri, CookieContainer Cookies)? _linkTo;

        /// <summary>Joins the viewer's board view on <c>/hubs/board</c>; its messages' announcements count as arrivals of their texts.</summary>
        public async Task LinkAsync(Uri baseUri, CookieContainer cookies)
        {
            _linkTo = (baseUri, cookies);
            if (Client.BoardView is { } view)
            {
                _link = await BoardViewLink.ConnectAsync(baseUri, cookies, view, OfferMessage, CancellationToken.None);
            }
        }

        /// <summary>The circuit's connection and the link are cut together, as when a laptop sleeps.</summary>
        public Task DropAsync()
        {
            _link?.Drop();
            return Client.DropAsync();
        }

        /// <summary>Links again after the circuit came back (a new page may be on another node, through the same address).</summary>
        public async Task RelinkAsync()
        {
            if (_link is not null)
            {
                await _link.DisposeAsync();
                _link = null;
            }

            if (_linkTo is { } to)
            {
                await LinkAsync(to.BaseUri, to.Cookies);
            }
        }

        private void OfferMessage(ReadOnlyMemory<byte> message, long at)
        {
            if (_texts is not { } texts)
            {
                return;
            }

            for (var i = 0; i < texts.Json.Count; i++)
            {
                if (message.Span.IndexOf(texts.Json[i]) >= 0)
                {
                    lock (_lock)
                    {
                        _arrivals[i].Add(at);
                    }
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_link is not null)
            {
                await _link.DisposeAsync();
            }

            await Client.DisposeAsync();
        }

        /// <summary>The first arrival of text <paramref name="text"/> in [<paramref name="from"/>, <paramref name="until"/>).</summary>
        public long? FirstArrival(int text, long from, long until = long.MaxValue)
        {
            lock (_lock)
            {
                return _arrivals[text].Where(a => a >= from && a < until).Select(a => (long?)a).FirstOrDefault();
            }
        }

        /// <summary>
        /// Which of <paramref name="changes"/> (saved from the drop on) it did not get; also sets <see cref="CurrentMilliseconds"/>.
        /// A change saved before its reconnect attempt: a new circuit's first render has it; a resumed circuit has it when its
        /// batch (card or announcement) arrived or the viewer became current (<see cref="CurrentAt"/>). A change saved after:
        /// its batch must arrive, unless (new circuit) it was saved while the page was loading (uncertain).
        /// </summary>
        public (int Missed, int Uncertain, int ByResync) Check(IReadOnlyList<Change> changes)
        {
            var current = CurrentAt(changes);
            CurrentMilliseconds = current is { } at ? Stopwatch.GetElapsedTime(ReconnectAt, at).TotalMilliseconds : null;
            var (missed, uncertain, byResync) = (0, 0, 0);
            foreach (var change in changes)
            {
                var arrived = FirstArrival(change.Announcement, change.Started) ?? FirstArrival(change.CardText, change.Started);
                if (arrived is not null)
                {
                    continue;
                }

                if (change.Saved < ReconnectAt)
                {
                    if (Outcome == ReconnectOutcome.Resumed)
                    {
                        if (current is null)
                        {
                            missed++;
                        }
                        else
                        {
                            byResync++;
                        }
                    }
                }
                else if (Outcome != ReconnectOutcome.Resumed && change.Started < Client.ReadyAt)
                {
                    uncertain++;
                }
                else
                {
                    missed++;
                }
            }

            return (missed, uncertain, byResync);
        }

        private void Offer(RenderBatchInfo batch)
        {
            var texts = _texts!;
            var span = batch.Data.Span;
            for (var i = 0; i < texts.Utf8.Count; i++)
            {
                if ((batch.Size <= LargestSearched || i == texts.ResyncIndex) && span.IndexOf(texts.Utf8[i]) >= 0)
                {
                    lock (_lock)
                    {
                        _arrivals[i].Add(batch.ReceivedAt);
                    }
                }
            }
        }
    }
}
