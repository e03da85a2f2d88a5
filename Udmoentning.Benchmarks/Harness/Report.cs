using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Udmoentning.Benchmarks.Scenarios;

namespace Udmoentning.Benchmarks.Harness;

/// <summary>The results as Markdown tables, with the machine in the header and the targets beside the figures.</summary>
public sealed class Report(string command)
{
    private readonly StringBuilder _text = new();

    public List<(LatencyResult Result, Stats Floor)> Latency { get; } = [];
    public List<FirstRenderResult> FirstRender { get; } = [];
    public List<BrowserChangeResult> BrowserChanges { get; } = [];
    public List<SaveResult> Saves { get; } = [];
    public List<SaveResult> SavesInProcess { get; } = [];
    public List<BurstResult> Bursts { get; } = [];
    public List<ImportResult> Imports { get; } = [];
    public List<TwoNodeResult> TwoNodes { get; } = [];
    public List<SoakResult> Soaks { get; } = [];
    public OutboxResult? Outbox { get; set; }

    /// <summary>The ledger extract's preview and import, measured only when asked (<c>--only ledger</c>).</summary>
    public LedgerResult? Ledger { get; set; }

    /// <summary>How many times Chromium's CPU was slowed in the browser scenarios (<see cref="CpuThrottle"/>); 1: not at all.</summary>
    public double CpuThrottle { get; set; } = 1;

    /// <summary>The OData feed's reads, measured only when asked (<c>--only feed</c>).</summary>
    public FeedResult? Feed { get; set; }

    /// <summary>The reconnect storms, measured only when asked (<c>--only storm,storm-node</c>).</summary>
    public List<StormResult> Storms { get; } = [];

    /// <summary>The report, ending with the history of runs: those in <paramref name="previous"/> (the file as it was) and this one.</summary>
    public string Write(string? previous = null)
    {
        _text.Clear();
        Line("# Benchmark results");
        Line();
        Line($"- Machine: {Environment.ProcessorCount} cores, {Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024)} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Line($"- Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, `{command}`");
        Line("- The app runs as its own process (Release build, Development settings for the demo users, SQLite unless stated); clients and server share the machine.");
        Line("- Times in milliseconds: min | p50 | p95 | p99.");
        if (CpuThrottle > 1)
        {
            Line($"- **A tablet-class device:** Chromium's CPU throttled {CpuThrottle.ToString(CultureInfo.InvariantCulture)}× (DevTools `Emulation.setCPUThrottlingRate`) in the browser measurements; the server and the network are not slowed.");
        }

        Line();

        Line("## Change-to-visible latency (2,000-item board)");
        Line();
        Line("From just before a move is asked of the hub (the application service saves it) until each viewer's circuit has received the render batch that carries the moved card: a card every viewer has rendered, moved to the top of the next column. The floor is a plain SignalR broadcast of a small message to as many plain clients, in the same run. Off screen: a card no viewer has rendered (far down a long cell) moved to the bottom of the next column, until each viewer has its view's message on `/hubs/board` with the counts and the announcement (ADR 0025: such a change sends no render batch). Every viewer has that link, as the board's script has. Server CPU: the app process's CPU time (all threads) over the timed changes, per change and viewer: what a change costs the server for each viewer, steadier from run to run than latency; in brackets, the part of it that was the JIT. The timed changes follow untimed ones, 30 and then rounds of 10 until a round has the JIT compile fewer than 20 methods (at most 300 more).");
        Line();
        Line("| viewers | min | p50 | p95 | p99 | updates received | batch p50 | server CPU per viewer | floor p95 | p95 / floor | off screen p50 | p95 | batch p50 | server CPU per viewer | target |");
        Line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (result, floor) in Latency)
        {
            var target = result.Viewers >= 1000 ? "p95 ≤ 250 ms" : result.Viewers >= 300 ? "p95 ≤ 100 ms and ≤ 3× floor" : "–";
            var on = result.OnScreen;
            var off = result.OffScreen;
            Line($"| {Viewers(result)} | {on.Latency.Row} | {on.Received:N0} / {on.Expected:N0} | {Bytes(on.BatchBytes.P50)} | {Cpu(on)} | {Stats.Ms(floor.P95)} | {Ratio(on.Latency.P95, floor.P95)} | " +
                 (off is null ? "– | – | – | – | " : $"{Stats.Ms(off.Latency.P50)} | {Stats.Ms(off.Latency.P95)} | {Bytes(off.BatchBytes.P50)} | {Cpu(off)} | ") + $"{target} |");
        }

        Line();
        Line("## Memory per viewer (2,000-item board)");
        Line();
        Line("The server's managed heap after a full collection, and its working set, with no viewer (the plan's one shared copy already loaded) and with all open. Idle CPU: the server's CPU time over 3 s with the viewers open and nothing changing, once it has settled after opening them, as a share of one core.");
        Line();
        Line("| viewers | heap idle → loaded | heap per viewer | working set idle → loaded | working set per viewer | idle CPU | target |");
        Line("|---|---|---|---|---|---|---|");
        foreach (var (result, _) in Latency)
        {
            Line($"| {Viewers(result)} | {Mb(result.Idle.ManagedBytes)} → {Mb(result.Loaded.ManagedBytes)} | {PerViewer(result.Loaded.ManagedBytes - result.Idle.ManagedBytes, result.Viewers)} | " +
                 $"{Mb(result.Idle.WorkingSetBytes)} → {Mb(result.Loaded.WorkingSetBytes)} | {PerViewer(result.Loaded.WorkingSetBytes - result.Idle.WorkingSetBytes, result.Viewers)} | {result.IdleCpuShare.ToString("P0", CultureInfo.InvariantCulture)} | heap ≤ 1.0 MB |");
        }

        Line();
        Line("## First board render");
        Line();
        Line("Server: the prerendered page (`GET /`), and a circuit from its first request until its interactive board has rendered. Browser: Debian's Chromium, from navigation until the interactive board shows its cards, by the page's own clock (navigation start to the first frame with an interactive card, which the target is judged on) and as Playwright sees it (later by its driver's hop). Phases: medians on the page's clock, ms from the navigation's start. Each figure is of the samples in the last column (after one untimed), p95 by nearest rank: of 7 samples, the slowest; of 20, the second slowest.");
        Line();
        Line("| items | page | GET p50 | GET p95 | circuit ready p50 | circuit ready p95 | browser interactive p50 | browser interactive p95 | as Playwright sees it p50 / p95 | phases: HTML / parsed / WebSocket / live card | initial render | target (2,000) | samples |");
        Line("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in FirstRender)
        {
            Line($"| {r.Items:N0} | `{r.Page}` | {Stats.Ms(r.Prerender.P50)} | {Stats.Ms(r.Prerender.P95)} | {Stats.Ms(r.CircuitReady.P50)} | {Stats.Ms(r.CircuitReady.P95)} | {Stats.Ms(r.InPage.P50)} | {Stats.Ms(r.InPage.P95)} | {Stats.Ms(r.Browser.P50)} / {Stats.Ms(r.Browser.P95)} | {Stats.Ms(r.Phases.Html)} / {Stats.Ms(r.Phases.Parsed)} / {Stats.Ms(r.Phases.WebSocket)} / {Stats.Ms(r.Phases.LiveCard)} | {Mb(r.InitialBatchBytes)} | {RenderTarget(r)} | {r.Browser.Count} |");
        }

        Line();
        if (BrowserChanges.Count > 0)
        {
            Line("## What another viewer's change costs the browser");
            Line();
            Line("Chromium shows the board (1,280 × 900) while the latency scenario's moves are saved one after another, each waited for until the live region of others' changes (`#board-heard`) announces it and, on screen, the card is in its new cell, and a frame has passed. Chromium's own counters (`Performance.getMetrics`): the main thread's busy time per change, of which script, and layout with style. Idle: as many waits of the same length without a change. Visible: from just before the move is asked of the hub until the animation frame in which the page has its announcement and, on screen, the moved card (the harness and the page read the same system clock), min | p50 | p95 | p99.");
            Line();
            Line("| items | changes each | on screen: busy / script / layout and style | on screen: visible | off screen: busy / script / layout and style | off screen: visible | idle: busy / script / layout and style | target |");
            Line("|---|---|---|---|---|---|---|---|");
            foreach (var b in BrowserChanges)
            {
                Line($"| {b.Items:N0} | {b.OnScreen.Changes} | {Busy(b.OnScreen)} | {b.OnScreenVisible.Row} | {Busy(b.OffScreen)} | {b.OffScreenVisible.Row} | {Busy(b.Idle)} | {(CpuThrottle > 1 ? "visible p95 ≤ 250 ms" : "–")} |");
            }

            Line();
        }

        Line("## Save throughput");
        Line();
        Line("Moves through the hub's `Move` (the application service: access check, rules, history record, concurrency token, publish), each writer on its own connection. Latency is the call's round trip.");
        Line();
        Line("| database | writers | moves | moves/s | min | p50 | p95 | p99 | errors | target |");
        Line("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in Saves)
        {
            Line(SaveRow(s));
        }

        Line();
        Line("## Save path in-process");
        Line();
        Line("The application service's own time for a move: `PlanItemService.MoveAsync` called directly in the app's process (Development settings, a 500-item plan, the SQLite file in WAL as the app configures it), as the coordinator, each writer on a thread of its own moving its own items back and forth, after a warm-up. No hub, no network. Writers without a pace move as fast as they are answered, so 16 of them queue and the latency is the queue's; \"each every 100 ms\" is 16 writers that each start a move ten times a second (160 moves/s in all, about half of what the closed loop reaches).");
        Line();
        Line("| database | writers | moves | moves/s | min | p50 | p95 | p99 | errors | target |");
        Line("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in SavesInProcess)
        {
            Line(SaveRow(s));
        }

        Line();
        Line("## Burst");
        Line();
        Line("20 changes within one second; for each viewer, when the last change was visible (from the first save), and how many render batches it received until then.");
        Line();
        Line("| viewers | changes | sent over | last visible p50 | p95 | max | viewers that saw it | batches per viewer p50 | max |");
        Line("|---|---|---|---|---|---|---|---|---|");
        foreach (var b in Bursts)
        {
            Line($"| {b.Viewers:N0} | {b.Changes} | {b.SendTime.TotalMilliseconds:0} ms | {Stats.Ms(b.LastVisible.P50)} | {Stats.Ms(b.LastVisible.P95)} | {Stats.Ms(b.LastVisible.Max)} | {b.Received:N0} / {b.Viewers:N0} | {b.BatchesPerViewer.P50:0} | {b.BatchesPerViewer.Max:0} |");
        }

        Line();
        if (TwoNodes.Count > 0)
        {
            Line("## Two web nodes (2,000-item board, PostgreSQL, Redis)");
            Line();
            Line("The same latency, with the viewers split evenly over two nodes that share the database and a Redis server, the change saved on the first; beside it the same number of viewers on one node without Redis, on the same database, in the same run. All processes share this machine's cores. Both phases warm up until the JIT is quiet, as above; server CPU per change and viewer is the app processes' together.");
            Line();
            Line("| viewers | one node: min | p50 | p95 | p99 | received | two nodes: min | p50 | p95 | p99 | received | server CPU one / two | p95 two / one | target |");
            Line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var n in TwoNodes)
            {
                Line($"| {n.Viewers:N0} | {n.SingleNode.Latency.Row} | {n.SingleNode.Received:N0} / {n.SingleNode.Expected:N0} | {n.TwoNodes.Latency.Row} | {n.TwoNodes.Received:N0} / {n.TwoNodes.Expected:N0} | {Cpu(n.SingleNode)} / {Cpu(n.TwoNodes)} | {Ratio(n.TwoNodes.Latency.P95, n.SingleNode.Latency.P95)} | {(n.Viewers >= 2000 ? "two nodes p95 ≤ 250 ms" : "≤ 1.5×")} |");
            }

            Line();
        }

        if (Soaks.Count > 0)
        {
            Line("## Soak (2,000-item board)");
            Line();
            Line("Viewers on the whole board, one timed change a second on screen (until every viewer has the batch that shows it), and writers, each on its own hub connection, moving off-screen items at a steady pace, for the whole run. The first and the last window compared; memory, handles (open file descriptors) and threads are medians of samples every 10 s.");
            Line();
            Line("| viewers | writers | run | window | change p95 first / last | received first / last | writer p95 first / last | writer moves (errors) first / last | working set MB first / last | managed MB first / last | handles first / last | threads first / last |");
            Line("|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var k in Soaks)
            {
                Line($"| {k.Viewers:N0} | {k.Writers} every {k.WriterEvery.TotalSeconds:0.#} s | {k.Duration.TotalMinutes:0.#} min | {k.Window.TotalMinutes:0.#} min | {Stats.Ms(k.First.Latency.P95)} / {Stats.Ms(k.Last.Latency.P95)} | " +
                    $"{k.First.Received:N0}/{k.First.Expected:N0} / {k.Last.Received:N0}/{k.Last.Expected:N0} | {Stats.Ms(k.First.WriterLatency.P95)} / {Stats.Ms(k.Last.WriterLatency.P95)} | " +
                    $"{k.First.WriterMoves:N0} ({k.First.WriterErrors}) / {k.Last.WriterMoves:N0} ({k.Last.WriterErrors}) | {k.First.WorkingSetMb:0} / {k.Last.WorkingSetMb:0} | {k.First.ManagedMb:0} / {k.Last.ManagedMb:0} | " +
                    $"{k.First.Handles} / {k.Last.Handles} | {k.First.Threads} / {k.Last.Threads} |");
            }

            Line();
        }

        Line("## Excel import");
        Line();
        Line("Through the app's services in-process (SQLite file): the preview reads the .xlsx, analyses every row and, for an update, compares it with the plan; the import writes the items, one history record each, in one transaction, and publishes every change. The update changes every item's title. Three timed runs after a warm-up: median, and the spread (min–max).");
        Line();
        Line("| rows | file | preview as new plan | import as new plan | preview of update | import of update | target (2,000 rows) |");
        Line("|---|---|---|---|---|---|---|");
        foreach (var i in Imports)
        {
            Line($"| {i.Rows:N0} | {i.FileBytes / 1024.0:0} KB | {Spread(i.PreviewNew)} | {Spread(i.ImportNew)} | {Spread(i.PreviewUpdate)} | {Spread(i.ImportUpdate)} | preview < 2,000 ms, import < 5,000 ms |");
        }

        Line();
        if (Outbox is not null)
        {
            OutboxSection();
        }
        else if (previous is not null && Section(previous, OutboxHeading) is { } kept)
        {
            // Measured only when asked (--only outbox): the last such run's section stays.
            _text.Append(kept);
        }

        if (previous is not null && Section(previous, LedgerHeading) is { } ledger)
        {
            // Measured only when asked (--only ledger).
            _text.Append(ledger);
        }

        if (previous is not null && Section(previous, FeedHeading) is { } feed)
        {
            // Measured only when asked (--only feed).
            _text.Append(feed);
        }

        if (Storms.Count > 0)
        {
            StormSection();
        }
        else if (previous is not null && Section(previous, StormHeading) is { } storm)
        {
            // Measured only when asked (--only storm,storm-node).
            _text.Append(storm);
        }

        Line("## History");
        Line();
        Line("One row per harness run written to this file, oldest first, so a regression shows. 300 and 1,000 viewers: on-screen change p95 (ratio to the floor of the same run); heap per viewer at 300; in-process save p95 with 16 writers on SQLite.");
        Line();
        Line(HistoryHeader);
        Line("|---|---|---|---|---|---|---|---|---|");
        foreach (var row in HistoryRows(previous))
        {
            Line(row);
        }

        Line(HistoryRow());
        return _text.ToString();
    }

    private const string OutboxHeading = "## E-mail outbox: opening a round";

    /// <summary>
    /// <paramref name="previous"/> (the file as it was) with only the outbox section replaced, or added before the history:
    /// a run of the outbox alone leaves the other scenarios' results, the header and the history as they were.
    /// </summary>
    public string WriteOutboxInto(string? previous) => Outbox is null ? Write(previous) : WriteInto(previous, OutboxHeading, OutboxSection);

    /// <summary>The same for the ledger extract's section.</summary>
    public string WriteLedgerInto(string? previous)
    {
        _previousLedger = previous is null ? null : Section(previous, LedgerHeading);
        return Ledger is null ? Write(previous) : WriteInto(previous, LedgerHeading, LedgerSection);
    }

    /// <summary>The ledger section as it was: each invocation adds its row to the earlier ones, so the spread across runs shows.</summary>
    private string? _previousLedger;

    private const string LedgerHeading = "## Ledger extract: preview and import";

    private void LedgerSection()
    {
        var l = Ledger!;
        Line($"{LedgerHeading} ({l.Lines:N0} postings, {l.FileBytes / 1024.0 / 1024.0:0.0} MB CSV)");
        Line();
        Line("Through the app's services in-process (SQLite file): the preview reads the Windows-1252 CSV, finds the header below the title lines, reads every posting's account against the layout, its period and Danish kroner (trailing minus, brackets), skips total and blank lines, and sums the balances per account, year and item reference; the import writes the snapshot and its balances in one transaction. Each invocation: one warm-up, then three timed runs (median, min–max). Target: preview of 50,000 lines under 5 s.");
        Line();
        RunRows(_previousLedger, "| run | preview | import |", $"{Spread(l.Preview)} | {Spread(l.Import)}");
    }

    /// <summary>The same for the OData feed's section; each invocation adds its row.</summary>
    public string WriteFeedInto(string? previous)
    {
        _previousFeed = previous is null ? null : Section(previous, FeedHeading);
        return Feed is null ? Write(previous) : WriteInto(previous, FeedHeading, FeedSection);
    }

    private string? _previousFeed;

    private const string FeedHeading = "## OData feed: a whole plan and a filtered page";

    private void FeedSection()
    {
        var f = Feed!;
        Line($"{FeedHeading} ({f.Items:N0} items with amounts, {f.Pages} pages, {f.Bytes / 1024.0 / 1024.0:0.0} MB JSON)");
        Line();
        Line($"Over HTTP on 127.0.0.1 from the published app in its own process (SQLite), signed in as the demo coordinator; five untimed whole reads first, then the app settled. *Whole*: every page of `{FeedScenario.Whole}` by its next links, in total. *Filtered page*: the median of 20 reads of `{FeedScenario.Filtered}`. Each invocation: three timed runs (median, min–max). Targets: whole plan under 500 ms, a filtered page under 50 ms.");
        Line();
        RunRows(_previousFeed, "| run | whole plan | filtered page |", $"{Spread(f.Whole)} | {Spread(f.FilteredPage)}");
    }

    /// <summary>The same for the reconnect storm's section, replaced by this run's.</summary>
    public string WriteStormInto(string? previous) => Storms.Count == 0 ? Write(previous) : WriteInto(previous, StormHeading, StormSection);

    private const string StormHeading = "## Reconnect storm";

    private void StormSection()
    {
        Line($"{StormHeading} (2,000-item board)");
        Line();
        Line($"- Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Commit()}, `{command}`.");
        Line();
        Line("Viewers on the whole board as the reader (headless circuits, `BlazorCircuitClient`), the *storm* viewers and beside them *steady* viewers that stay connected. " +
            $"The coordinator moves the first lane's on-screen cards (those of the latency scenario) to the top of \"I gang\" and back, one card after another at a steady pace, through the hub: {ReconnectStormScenario.WarmUpMoves} untimed moves, {ReconnectStormScenario.MovesBefore} timed before the drop, and on until the storm is over and 2 s more. " +
            "**One node:** the storm viewers lose their connections at the same moment (the socket cut, no close and no `_blazor/disconnect`, as a laptop's lid closing), stay away for the time given, then all reconnect at once as blazor.web.js (.NET 10) does: `ConnectCircuit`; refused, `ResumeCircuit` (a circuit the server persisted when it evicted it comes back as a new circuit); refused too, the page is loaded again. " +
            "The app runs with its own limits on disconnected circuits (the other scenarios raise them). **Node killed:** two nodes on PostgreSQL and Redis behind the tests' sticky balancer (`TcpProxy`); the storm viewers connect through it and all land on the first node, the steady viewers and the mover on the second; the first node's process is killed, and each storm viewer reconnects through the balancer as soon as its connection drops. " +
            "**Current after:** (known current: the viewers for which that moment was seen) from a storm viewer's reconnect attempt until it has every change saved before that attempt: a new circuit's first render; a resumed circuit's first batch rendered after the last such change: the one announcing it, one announcing a later change, or the board's note on reconnecting (\"Forbindelsen er genoprettet\"), whichever comes first. " +
            "**Missed:** changes saved from the drop on that never reached a viewer that came back (its card or announcement in a batch, or, for a change saved before the attempt, a new circuit's first render or a resumed board's catching up). *Only in a later render:* changes a resumed viewer got only as part of a later render (the catching up, or a later change's batch), not in a batch of their own (renders are held back while a circuit has 10 batches unacknowledged, and then merged). *Uncertain:* changes saved while a new page was loading that did not arrive as a batch: they may be in its first render, which is not parsed. " +
            "**Steady p95:** per change and steady viewer, from just before the move call until the batch with the moved card or the view's message on `/hubs/board` announcing it (steady viewers have the board script's link; storm viewers only their circuits), the timed moves before the drop beside the moves from the drop until the last storm viewer is back. Server CPU: the app process (the second node when one is killed) from the drop until all were back, in cores.");
        Line();
        Line("| setup | storm viewers | steady | offline | moves/s | disconnected circuits kept | resumed / restored / reloaded / failed | known current / came back | current after p50 | p95 | max | p95 resumed / new circuit | target | changes × viewers checked | missed (viewers) | only in a later render | uncertain | steady p95 before → during | steady received during | storm lasted | server CPU | moves (refused) |");
        Line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in Storms)
        {
            var came = r.Resumed + r.Restored + r.Reloaded;
            Line($"| {r.Setup} | {r.StormViewers:N0} | {r.SteadyViewers} | {(r.Offline > TimeSpan.Zero ? $"{r.Offline.TotalSeconds:0.#} s" : "–")} | {r.MovesPerSecond:0.#} | {r.Retention} | " +
                $"{r.Resumed} / {r.Restored} / {r.Reloaded} / {r.Failed}{(r.FirstFailure is { } f ? $" ({f})" : string.Empty)} | {r.Current.Count} / {came} | {Stats.Ms(r.Current.P50)} | **{Stats.Ms(r.Current.P95)}** | {Stats.Ms(r.Current.Max)} | " +
                $"{Stats.Ms(r.CurrentResumed.P95)} / {Stats.Ms(r.CurrentNew.P95)} | p95 ≤ 3,000 ms, 0 missed, steady within its p95 | {r.ChangesChecked} × {came} | **{r.Missed}** ({r.ViewersMissing}) | {r.ByResync} | {r.Uncertain} | " +
                $"{Stats.Ms(r.SteadyBefore.Latency.P95)} → **{Stats.Ms(r.SteadyDuring.Latency.P95)}** | {r.SteadyDuring.Received:N0} / {r.SteadyDuring.Expected:N0} | {r.StormDuration.TotalSeconds:0.0} s | {r.ServerCores:0.00} cores | {r.Moves} ({r.MoveErrors}) |");
        }

        Line();
    }

    /// <summary>A table of one row per invocation: the rows of the section as it was (<paramref name="previous"/>), then this run's.</summary>
    private void RunRows(string? previous, string header, string cells)
    {
        Line(header);
        Line(string.Concat(Enumerable.Repeat("|---", header.Count(c => c == '|') - 1)) + "|");
        foreach (var row in (previous ?? string.Empty).Split('\n').Where(r => r.StartsWith("| 20", StringComparison.Ordinal)))
        {
            Line(row);
        }

        Line($"| {DateTime.UtcNow:yyyy-MM-dd HH:mm} | {cells} |");
        Line();
    }

    private string WriteInto(string? previous, string heading, Action section)
    {
        var lines = previous?.Split('\n').ToList() ?? [];
        var history = lines.IndexOf("## History");
        if (history < 0)
        {
            return Write(previous);
        }

        _text.Clear();
        section();
        var start = lines.FindIndex(l => l.StartsWith(heading, StringComparison.Ordinal));
        var end = start < 0 ? history : lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        start = start < 0 ? history : start;
        return string.Join('\n', lines.Take(start)) + "\n" + _text + string.Join('\n', lines.Skip(end < 0 ? lines.Count : end));
    }

    /// <summary>The section of <paramref name="markdown"/> that starts with <paramref name="heading"/>, up to the next one, or null.</summary>
    private static string? Section(string markdown, string heading)
    {
        var lines = markdown.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith(heading, StringComparison.Ordinal));
        if (start < 0)
        {
            return null;
        }

        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]) + "\n";
    }

    private void OutboxSection()
    {
        var o = Outbox!;
        var runs = o.Runs;
        Line($"{OutboxHeading} ({o.Items:N0} items, {o.People} people, {o.Viewers} viewers)");
        Line();
        Line($"- Run: {o.At:yyyy-MM-dd HH:mm} UTC, commit {Commit()}, `{command}`; {runs.Count} fresh apps one after another.");
        Line();
        Line($"Each app is hosted in the harness's process on Kestrel (a real port: the viewers connect over HTTP and WebSocket as in the latency scenario, but share the process with the app, so these latencies are not comparable with the table above), on a SQLite file, with a {o.Items:N0}-item plan, e-mail on through a real SMTP server (aiosmtpd on 127.0.0.1 at the lowest CPU priority, writing every mail to disk) and {o.People} editors with addresses spread over the committees that have open items, besides the demo users. A round over the whole plan is opened as the demo coordinator through `PlanAdministration.OpenRoundAsync`, the call the round page makes. **Timed: that call**, from just before it until it returns, which is after the round, its outbox rows and its history record have committed in one transaction (and the change is published and the sender woken); the rows are then counted on a context of their own and must equal the people who answer (the {o.People} editors and the demo editors of committees with open items). Its SQL: EF Core's own timing of each command run on the call's flow, and of the commit; the rest is .NET (reading, building the mails, change tracking). All sent: from the call until the `SentAt` of the round's last mail. Each app opens three rounds: the first warms the code up (in run 1 it is the process's first opening, cold: JIT and EF Core's query compilation); the second is the timed one, on an idle board (viewers open, nothing changing); the third opens while the board's changes are timed, until its last mail is sent. MailKit alone: once the app has stopped, one of its mails sent again as many times to a fresh aiosmtpd over one connection, connected as the sender connects and then over a socket with Nagle's algorithm off; per mail p50.");
        Line();
        Line("| run | open items in the round | mails written / people who answer (three rounds) | first opening in the app | opening, idle board | its SQL: commands, ms (insert / select / update / commit) | the rest | all sent after | opening, board in use | all sent after | sent / delivered in all | MailKit alone per mail: as sent / Nagle off | target |");
        Line("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            var q = r.Idle.Sql;
            Line($"| {i + 1} | {r.RoundItems:N0} | {Check(r.First.Written, r.Answering)} {Check(r.Idle.Written, r.Answering)} {Check(r.Live.Written, r.Answering)} | {Ms(r.First.Milliseconds)} | **{Ms(r.Idle.Milliseconds)}** | " +
                $"{q.Commands:N0}, {Ms(q.TotalMs)} ({Ms(q.InsertMs)} / {Ms(q.SelectMs)} / {Ms(q.UpdateMs)} / {Ms(q.CommitMs)}) | {Ms(r.Idle.Milliseconds - q.TotalMs)} | {Ms(r.Idle.AllSentMilliseconds)} | " +
                $"{Ms(r.Live.Milliseconds)} | {Ms(r.Live.AllSentMilliseconds)} | {r.Sent:N0} / {r.Delivered:N0} | {(r.Smtp is { } smtp ? $"{Stats.Ms(smtp.Default.P50)} / {Stats.Ms(smtp.NoDelay.P50)} ms" : "–")} | < 2,000 ms |");
        }

        var idle = runs.Select(r => r.Idle.Milliseconds).ToList();
        Line($"| **median (min–max)** | | | {Figures(runs.Select(r => r.First.Milliseconds).ToList())} | **{Figures(idle)}** | {Figures(runs.Select(r => r.Idle.Sql.TotalMs).ToList())} | " +
            $"{Figures(runs.Select(r => r.Idle.Milliseconds - r.Idle.Sql.TotalMs).ToList())} | {Figures(runs.Select(r => r.Idle.AllSentMilliseconds).ToList())} | " +
            $"{Figures(runs.Select(r => r.Live.Milliseconds).ToList())} | {Figures(runs.Select(r => r.Live.AllSentMilliseconds).ToList())} | | " +
            $"{Spread([.. runs.Select(r => r.Smtp?.Default.P50 ?? double.NaN)])} / {Spread([.. runs.Select(r => r.Smtp?.NoDelay.P50 ?? double.NaN)])} | |");
        Line();
        Line($"The live board: {o.Viewers} viewers on the whole board as the reader; changes one after another as in the latency scenario (on screen), each timed until every viewer has the batch with the moved card. Without: {runs[0].Without.Expected / o.Viewers} timed changes after the warm-up, before the third round. With: every change from just before the third round opens until the sender has sent its last mail. Round on every board: from the call until every viewer had rendered the round's announcement, which comes with its board rebuilt (opening a round is published as a change of the plan's structure, so every board reloads the plan); the changes saved until then wait for that, and those after it are the ones made while the mails go.");
        Line();
        Line("| run | changes timed without / with | **p95 without** | **p95 while a round opens and its mails go** | round on every board after | changes saved until then: count, slowest | p95 of the changes after, while the mails go | p50 without / with | p99 without / with | updates received without / with |");
        Line("|---|---|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            var (without, with) = (r.Without, r.With);
            Line($"| {i + 1} | {without.Expected / o.Viewers} / {with.Expected / o.Viewers} | **{Stats.Ms(without.Latency.P95)}** | **{Stats.Ms(with.Latency.P95)}** | " +
                $"{Ms(r.OnBoards)} ms | {r.Reaching.Expected / o.Viewers}, {Stats.Ms(r.Reaching.Latency.Max)} ms | {Stats.Ms(r.Sending.Latency.P95)} | " +
                $"{Stats.Ms(without.Latency.P50)} / {Stats.Ms(with.Latency.P50)} | {Stats.Ms(without.Latency.P99)} / {Stats.Ms(with.Latency.P99)} | {without.Received:N0}/{without.Expected:N0} / {with.Received:N0}/{with.Expected:N0} |");
        }

        var p95Without = runs.Select(r => r.Without.Latency.P95).ToList();
        var p95With = runs.Select(r => r.With.Latency.P95).ToList();
        Line($"| **median (min–max)** | | **{Spread(p95Without)}** | **{Spread(p95With)}** | {Figures([.. runs.Select(r => r.OnBoards)])} | {Figures([.. runs.Select(r => r.Reaching.Latency.Max)])} | {Spread([.. runs.Select(r => r.Sending.Latency.P95)])} | | | |");
        Line();
        var median = Stats.Of(idle).P50;
        Line($"- **Opening a round on an idle board: median {Ms(median)} ms ({Ms(idle.Min())}–{Ms(idle.Max())}); target < 2,000 ms {(median < 2000 ? "met" : "missed")}.** " +
            $"Mails written equal the people who answer in {runs.Sum(r => new[] { r.First, r.Idle, r.Live }.Count(x => x.Written == r.Answering))} of {runs.Count * 3} openings.");
        var withMedian = Stats.Of(p95With).P50;
        var beyond = withMedian > p95Without.Max() || withMedian < p95Without.Min();
        Line($"- **Board change p95: {Spread(p95Without)} ms without, {Spread(p95With)} ms while a round opens and its mails go: the difference is {(beyond ? "beyond" : "within")} the spread** " +
            "(beyond: the median with lies outside the three runs without).");
        Line($"- Besides the p95: when a round opens, every board rebuilds once. The round was on every board after {Figures([.. runs.Select(r => r.OnBoards)])} ms, " +
            $"and a change saved meanwhile took up to {Figures([.. runs.Select(r => r.Reaching.Latency.Max)])} ms to show.");
        Line();
    }

    /// <summary>Median (min–max) with thousands separated, as the outbox's tables give milliseconds.</summary>
    private static string Figures(IReadOnlyList<double> runs) =>
        runs.Count == 0 ? "–" : $"{Ms(Stats.Of(runs).P50)} ({Ms(runs.Min())}–{Ms(runs.Max())})";

    private static string Check(int written, int answering) => written == answering ? $"{written}/{answering}" : $"**{written}/{answering}**";

    private static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The first render's target: on a tablet-class device (issue 37) the whole board ≤ 1.5 s and a committee's view ≤ 1 s.</summary>
    private string RenderTarget(FirstRenderResult r) => (CpuThrottle > 1, r.Page == "/") switch
    {
        (true, true) => "browser ≤ 1,500",
        (true, false) => "browser ≤ 1,000",
        (false, true) => "server ≤ 150, browser ≤ 1,000",
        (false, false) => "–",
    };

    private const string HistoryHeader = "| run (UTC) | commit | machine | command | 300 viewers p95 | 1,000 viewers p95 | off screen p95 (300) | heap per viewer (300) | save p95, 16 writers in-process |";

    private static IEnumerable<string> HistoryRows(string? previous)
    {
        var lines = (previous ?? string.Empty).Split('\n');
        return lines.SkipWhile(l => l != "## History").SkipWhile(l => l != HistoryHeader).Skip(2).TakeWhile(l => l.StartsWith('|'));
    }

    private string HistoryRow()
    {
        var at300 = Latency.FirstOrDefault(l => l.Result.Viewers == 300 && l.Result.Page == "/");
        var at1000 = Latency.FirstOrDefault(l => l.Result.Viewers == 1000 && l.Result.Page == "/");
        var save = SavesInProcess.FirstOrDefault(s => s.Database == "SQLite" && s.Writers == 16 && s.Every is null);
        var machine = $"{Environment.ProcessorCount} cores, {Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024)} GiB, {RuntimeInformation.OSDescription}";
        return $"| {DateTime.UtcNow:yyyy-MM-dd HH:mm} | {Commit()} | {machine} | `{command}` | " +
            $"{(at300.Result is null ? "–" : $"{Stats.Ms(at300.Result.OnScreen.Latency.P95)} ms ({Ratio(at300.Result.OnScreen.Latency.P95, at300.Floor.P95)})")} | " +
            $"{(at1000.Result is null ? "–" : $"{Stats.Ms(at1000.Result.OnScreen.Latency.P95)} ms")} | " +
            $"{(at300.Result?.OffScreen is not { } off ? "–" : $"{Stats.Ms(off.Latency.P95)} ms")} | " +
            $"{(at300.Result is null ? "–" : PerViewer(at300.Result.Loaded.ManagedBytes - at300.Result.Idle.ManagedBytes, 300))} | " +
            $"{(save is null ? "–" : $"{Stats.Ms(save.Latency.P95)} ms")} |";
    }

    /// <summary>The commit measured, marked when tracked files other than the docs (where results are written) had changes.</summary>
    private static string Commit()
    {
        try
        {
            var head = Git("rev-parse --short HEAD");
            return string.IsNullOrEmpty(Git("status --porcelain --untracked-files=no -- . :(exclude)docs")) ? head : head + " (with changes)";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "–";
        }
    }

    private static string Git(string arguments)
    {
        using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", arguments) { RedirectStandardOutput = true })!;
        var output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return output;
    }

    private static string SaveRow(SaveResult s) =>
        $"| {s.Database} | {s.Writers}{(s.Every is { } every ? $", each every {every.TotalMilliseconds:0} ms" : string.Empty)} | {s.Moves:N0} | {s.MovesPerSecond:0} | {s.Latency.Row} | {s.Errors}{(s.FirstError is null ? string.Empty : $" ({s.FirstError})")} | {(s.Database == "SQLite" && s.Writers == 16 ? "p95 ≤ 5 ms, 0 errors" : "–")} |";

    private static string Spread(IReadOnlyList<double> runs) =>
        runs.Count == 0 ? "–" : $"{Stats.Ms(Stats.Of(runs).P50)} ({Stats.Ms(runs.Min())}–{Stats.Ms(runs.Max())})";

    private void Line(string text = "") => _text.Append(text).Append('\n');

    private static string Ratio(double value, double floor) => floor > 0 ? (value / floor).ToString("0.0", CultureInfo.InvariantCulture) + "×" : "–";

    private static string Bytes(double bytes) => double.IsNaN(bytes) ? "–" : (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB";

    private static string Cpu(Timed timed) => timed.ServerCpuMicrosecondsPerViewer <= 0 ? "–"
        : timed.ServerCpuMicrosecondsPerViewer.ToString("0", CultureInfo.InvariantCulture) + " µs"
            + (timed.JitMicrosecondsPerViewer > 0 ? $" (JIT {timed.JitMicrosecondsPerViewer.ToString("0", CultureInfo.InvariantCulture)})" : string.Empty);

    /// <summary>The viewer count, and the page when it is a committee's view rather than the whole board.</summary>
    private static string Viewers(LatencyResult result) => result.Page == "/" ? result.Viewers.ToString("N0", CultureInfo.InvariantCulture) : $"{result.Viewers.ToString("N0", CultureInfo.InvariantCulture)} on `{result.Page}`";

    private static string Busy(BrowserCost cost) => string.Create(CultureInfo.InvariantCulture,
        $"{cost.TaskMilliseconds:0.0} / {cost.ScriptMilliseconds:0.0} / {cost.LayoutAndStyleMilliseconds:0.0} ms");

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private static string PerViewer(long bytes, int viewers) => (bytes / 1024.0 / 1024 / viewers).ToString("0.00", CultureInfo.InvariantCulture) + " MB";
}
