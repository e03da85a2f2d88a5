using System.Globalization;
using System.Runtime;
using Microsoft.Playwright;
using Udmoentning.Benchmarks.Harness;
using Udmoentning.Benchmarks.Scenarios;

namespace Udmoentning.Benchmarks;

/// <summary>
/// The benchmark harness: <c>dotnet run -c Release --project Udmoentning.Benchmarks [-- --quick] [--viewers 50,300,1000]
/// [--sizes 500,2000,5000] [--render-samples 20] [--cpu-throttle 4] [--node-viewers 300,2000] [--only latency,burst,render,save,import,nodes,memory,soak,outbox,ledger,feed,storm,storm-node] [--out FILE]</c>. Starts the app itself, measures,
/// prints Markdown tables and writes them to docs/benchmark-results.md.
/// </summary>
internal static class BenchmarkProgram
{
    private static async Task<int> Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var viewers = Option(args, "--viewers") is { } v ? Numbers(v) : quick ? [50, 300] : [50, 300, 1000];
        var sizes = Option(args, "--sizes") is { } s ? Numbers(s) : quick ? [500, 2000] : [500, 2000, 5000];
        var only = Option(args, "--only")?.Split(',');
        var root = FindRepositoryRoot();
        // --cpu-throttle 4: the browser scenarios on a tablet-class device (CpuThrottle), written to a file of their own.
        var throttle = Option(args, "--cpu-throttle") is { } rate ? double.Parse(rate, CultureInfo.InvariantCulture) : 1;
        var output = Option(args, "--out") ?? Path.Combine(root, "docs", throttle > 1 ? "benchmark-results-tablet.md" : "benchmark-results.md");
        var report = new Report("dotnet run -c Release --project Udmoentning.Benchmarks" + (args.Length > 0 ? " -- " + string.Join(' ', args) : string.Empty));
        var publish = Path.Combine(root, "artifacts", "bench", "web");
        // The scenarios that host the app in-process (import, outbox) do not need the published app.
        if (only is null || only.Any(o => o is not ("import" or "outbox" or "ledger")))
        {
            await AppServer.PublishAsync(root, publish);
        }

        if (only is null || only.Contains("latency") || only.Contains("burst"))
        {
            await LiveAsync(report, publish, only is null || only.Contains("latency") ? viewers : [], only is null || only.Contains("burst"), quick);
        }

        if (only?.Contains("memory") == true)
        {
            await MemoryAsync(publish, viewers, Option(args, "--gcdump"));
        }

        if (only is null || only.Contains("render"))
        {
            await FirstRenderAsync(report, publish, sizes, Option(args, "--render-samples") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : quick ? 3 : 20, throttle);
        }

        if (only is null || only.Contains("save"))
        {
            await SavesAsync(report, publish, quick ? 40 : 100);
        }

        if (only is null || only.Contains("nodes"))
        {
            // --node-viewers 300,2000: each count split over the two nodes; by default the first --viewers count from 100.
            var nodeViewers = Option(args, "--node-viewers") is { } n ? Numbers(n) : [viewers.Where(v => v >= 100).DefaultIfEmpty(100).First()];
            foreach (var count in nodeViewers)
            {
                await TwoNodesAsync(report, publish, count, quick ? 10 : 50);
            }
        }

        // Only when asked: it takes half an hour (--soak-minutes, --soak-viewers, --soak-writers, --soak-writer-every seconds).
        if (only?.Contains("soak") == true)
        {
            await SoakAsync(report, publish, Option(args, "--soak-minutes") is { } minutes ? double.Parse(minutes, CultureInfo.InvariantCulture) : 30,
                Option(args, "--soak-viewers") is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : 300,
                Option(args, "--soak-writers") is { } writers ? int.Parse(writers, CultureInfo.InvariantCulture) : 16,
                Option(args, "--soak-writer-every") is { } every ? double.Parse(every, CultureInfo.InvariantCulture) : 4);
        }

        // Only when asked, like the soak: three fresh apps, a few minutes (see OutboxScenario).
        if (only?.Contains("outbox") == true)
        {
            await OutboxAsync(report, quick);
        }

        // Only when asked: the ledger extract's preview and import (LedgerScenario).
        if (only?.Contains("ledger") == true)
        {
            Console.WriteLine("Ledger extract of 50,000 postings...");
            report.Ledger = await LedgerScenario.RunAsync(50_000, runs: 3);
            Console.WriteLine($"  preview {string.Join(", ", report.Ledger.Preview.Select(Stats.Ms))} ms; import {string.Join(", ", report.Ledger.Import.Select(Stats.Ms))} ms");
        }

        // Only when asked: the OData feed over a 2,000-item plan (FeedScenario).
        if (only?.Contains("feed") == true)
        {
            Console.WriteLine("OData feed of 2,000 items...");
            report.Feed = await FeedScenario.RunAsync(publish, 2000, runs: 3);
            Console.WriteLine($"  whole plan {string.Join(", ", report.Feed.Whole.Select(Stats.Ms))} ms; filtered page {string.Join(", ", report.Feed.FilteredPage.Select(Stats.Ms))} ms");
        }

        // Only when asked: the reconnect storm (ReconnectStormScenario): --viewers is the storm viewers (300 unless given),
        // --storm-steady the viewers that stay (50), --storm-offline and --storm-spread seconds (2, 0), --storm-pace moves a second (4).
        if (only?.Contains("storm") == true || only?.Contains("storm-node") == true)
        {
            await StormAsync(report, publish, only, Option(args, "--viewers") is null ? 300 : viewers[0],
                Option(args, "--storm-steady") is { } steady ? int.Parse(steady, CultureInfo.InvariantCulture) : 50,
                TimeSpan.FromSeconds(Option(args, "--storm-offline") is { } offline ? double.Parse(offline, CultureInfo.InvariantCulture) : 2),
                TimeSpan.FromSeconds(Option(args, "--storm-spread") is { } spread ? double.Parse(spread, CultureInfo.InvariantCulture) : 0),
                Option(args, "--storm-pace") is { } pace ? double.Parse(pace, CultureInfo.InvariantCulture) : 4);
        }

        if (only is null || only.Contains("import"))
        {
            foreach (var rows in new[] { 100, 2000 })
            {
                Console.WriteLine($"Import of {rows} rows...");
                report.Imports.Add(await ImportScenario.RunAsync(rows, runs: 3));
            }
        }

        var previous = File.Exists(output) ? await File.ReadAllTextAsync(output) : null;
        // A run of the outbox alone replaces only its section: the other scenarios' recorded results stay as they were.
        var markdown = only switch
        {
            ["outbox"] => report.WriteOutboxInto(previous),
            ["ledger"] => report.WriteLedgerInto(previous),
            ["feed"] => report.WriteFeedInto(previous),
            _ when only is not null && only.All(o => o is "storm" or "storm-node") => report.WriteStormInto(previous),
            _ => report.Write(previous),
        };
        Console.WriteLine();
        Console.WriteLine(markdown);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, markdown);
        Console.WriteLine($"Written to {output}");
        return 0;
    }

    /// <summary>Latency beside the floor, memory per viewer and the burst, on one 2,000-item board.</summary>
    private static async Task LiveAsync(Report report, string publish, int[] viewers, bool burst, bool quick)
    {
        Console.WriteLine("Latency, floor and memory (2,000 items)...");
        await using var server = await AppServer.StartAsync(publish, 2000);
        var items = Enumerable.Range(1, 87).ToList();
        var changes = quick ? 10 : 50;
        // The whole board at each count; then, at 300, a committee's view, as its meeting sees it.
        foreach (var (count, page) in viewers.Select(v => (v, "/")).Concat(viewers.Contains(300) && !quick ? [(300, CommitteeView)] : []))
        {
            var floor = await FloorScenario.RunAsync(count, changes);
            var latency = await LatencyScenario.RunAsync(server, count, changes, 2000, page);
            report.Latency.Add((latency, floor));
            Console.WriteLine($"  {count} viewers on {page}: latency {latency.OnScreen.Latency.Row} ms, floor p95 {Stats.Ms(floor.P95)} ms, " +
                $"{latency.OnScreen.Received}/{latency.OnScreen.Expected} received; " +
                $"server CPU per change per viewer {latency.OnScreen.ServerCpuMicrosecondsPerViewer:0} µs (JIT {latency.OnScreen.JitMicrosecondsPerViewer:0}, after {latency.OnScreen.WarmUpChanges} changes)" +
                (latency.OffScreen is { } off
                    ? $"; off screen {off.Latency.Row} ms, {off.ServerCpuMicrosecondsPerViewer:0} µs (JIT {off.JitMicrosecondsPerViewer:0}, after {off.WarmUpChanges} changes)"
                    : string.Empty));
        }

        if (burst)
        {
            Console.WriteLine("Burst...");
            report.Bursts.Add(await BurstScenario.RunAsync(server, quick ? 50 : 300, items.Skip(20).Take(21).ToList()));
        }
    }

    /// <summary>Opening a round over a 2,000-item plan for 150 editors with e-mail on, and the live board meanwhile (50 viewers).</summary>
    private static async Task OutboxAsync(Report report, bool quick)
    {
        Console.WriteLine("Outbox: opening a round (2,000 items, 150 people, 50 viewers), three fresh apps...");
        report.Outbox = await OutboxScenario.RunAsync(people: 150, viewers: 50, changes: quick ? 10 : 50, runs: 3);
    }

    /// <summary>The soak: viewers, a timed change a second and paced writers for <paramref name="minutes"/>; first and last 5 minutes (a sixth of shorter runs).</summary>
    private static async Task SoakAsync(Report report, string publish, double minutes, int viewers, int writers, double writerEverySeconds)
    {
        Console.WriteLine($"Soak: {viewers} viewers, {writers} writers every {writerEverySeconds} s, {minutes} min...");
        await using var server = await AppServer.StartAsync(publish, 2000);
        var duration = TimeSpan.FromMinutes(minutes);
        var window = TimeSpan.FromMinutes(Math.Min(5, minutes / 6));
        var soak = await SoakScenario.RunAsync(server, viewers, writers, TimeSpan.FromSeconds(writerEverySeconds), duration, window);
        report.Soaks.Add(soak);
        Console.WriteLine($"  change p95 {Stats.Ms(soak.First.Latency.P95)} -> {Stats.Ms(soak.Last.Latency.P95)} ms; working set {soak.First.WorkingSetMb:0} -> {soak.Last.WorkingSetMb:0} MB; " +
            $"handles {soak.First.Handles} -> {soak.Last.Handles}; threads {soak.First.Threads} -> {soak.Last.Threads}; writer errors {soak.First.WriterErrors + soak.Last.WriterErrors}{(soak.FirstError is { } e ? $" (first: {e})" : string.Empty)}");
    }

    /// <summary>
    /// Memory per viewer only (no latency), for finding what a viewer costs; with <c>--gcdump FOLDER</c>, also a
    /// <c>dotnet-gcdump</c> of the server with the viewers open (the tool must be on the PATH).
    /// </summary>
    private static async Task MemoryAsync(string publish, int[] viewers, string? gcdump)
    {
        await using var server = await AppServer.StartAsync(publish, 2000);
        var admin = await server.SignInAsync("demo-administrator");
        var reader = await server.SignInAsync("demo-laeser");
        await using (await Viewers.OpenAsync(new Uri(server.BaseUri, "/"), reader, 1))
        {
            // The plan's one shared copy is loaded by the first viewer; it is not a viewer's cost.
        }

        foreach (var count in viewers)
        {
            var idle = await server.MemoryAsync(admin);
            await using var open = await Viewers.OpenAsync(new Uri(server.BaseUri, "/"), reader, count);
            var loaded = await server.MemoryAsync(admin);
            Console.WriteLine($"  {count} viewers: heap {idle.ManagedBytes / 1e6:0.0} MB -> {loaded.ManagedBytes / 1e6:0.0} MB, " +
                $"{(loaded.ManagedBytes - idle.ManagedBytes) / 1e6 / count:0.000} MB per viewer; first batch {open.FirstBatchBytes / 1e3:0.0} KB");
            if (gcdump is not null)
            {
                var file = Path.Combine(gcdump, $"viewers-{count}.gcdump");
                using var dump = System.Diagnostics.Process.Start("dotnet-gcdump", ["collect", "-p", server.ProcessId.ToString(CultureInfo.InvariantCulture), "-o", file])!;
                await dump.WaitForExitAsync();
                Console.WriteLine($"  gcdump: {file}");
            }
        }
    }

    private static async Task FirstRenderAsync(Report report, string publish, int[] sizes, int samples, double throttle)
    {
        Console.WriteLine(throttle > 1 ? $"First render, the browser's CPU throttled {throttle}x..." : "First render...");
        report.CpuThrottle = throttle;
        using var playwright = await Playwright.CreateAsync();
        // Debian's headless shell (what test.sh installs) or the full browser: without either, the browser columns stay empty.
        var chromium = new[] { "/usr/bin/chromium-headless-shell", "/usr/bin/chromium" }.FirstOrDefault(File.Exists);
        await using var browser = chromium is not null
            ? await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = chromium,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            })
            : null;
        foreach (var size in sizes)
        {
            await using var server = await AppServer.StartAsync(publish, size);
            // At 2,000 items also a committee's view, as a politician opens it on a tablet in the committee's meeting.
            foreach (var path in size == 2000 ? ["/", CommitteeView] : new[] { "/" })
            {
                var result = await FirstRenderScenario.RunAsync(server, size, samples, browser, throttle, path);
                report.FirstRender.Add(result);
                Console.WriteLine($"  {size} items, {path}: GET p50 {Stats.Ms(result.Prerender.P50)} ms, circuit p50 {Stats.Ms(result.CircuitReady.P50)} ms, browser p50 {Stats.Ms(result.InPage.P50)} ms p95 {Stats.Ms(result.InPage.P95)} ms (Playwright {Stats.Ms(result.Browser.P50)})");
            }

            if (browser is not null && size == 2000)
            {
                var change = await BrowserChangeScenario.RunAsync(browser, server, size, BrowserChanges, throttle);
                report.BrowserChanges.Add(change);
                Console.WriteLine($"  {size} items, a change in the browser: on screen {change.OnScreen.TaskMilliseconds:0.0} ms busy, visible p50 {Stats.Ms(change.OnScreenVisible.P50)} p95 {Stats.Ms(change.OnScreenVisible.P95)} ms; " +
                    $"off screen {change.OffScreen.TaskMilliseconds:0.0} ms busy, visible p95 {Stats.Ms(change.OffScreenVisible.P95)} ms; idle {change.Idle.TaskMilliseconds:0.0} ms");
            }
        }
    }

    /// <summary>The committee view timed beside the whole board: Økonomiudvalget's, the largest extract of the sample plan.</summary>
    private const string CommitteeView = "/udvalg/oeu";

    /// <summary>Timed changes of each kind in the browser (<see cref="BrowserChangeScenario"/>).</summary>
    private const int BrowserChanges = 20;

    /// <summary>Each writer of a paced save run starts a move this often: 16 writers, 160 moves a second in all.</summary>
    private static readonly TimeSpan Paced = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// 1 and 16 writers on SQLite, and on PostgreSQL when its server binaries are on the machine: through the hub, and the
    /// application service alone in-process.
    /// </summary>
    private static async Task SavesAsync(Report report, string publish, int moves)
    {
        Console.WriteLine("Save throughput...");
        var items = Enumerable.Range(1, 480).ToList();
        await using (var server = await AppServer.StartAsync(publish, 500))
        {
            report.Saves.Add(await SaveScenario.RunAsync(server, "SQLite", 1, moves * 4, items));
            report.Saves.Add(await SaveScenario.RunAsync(server, "SQLite", 16, moves, items));
        }

        await using var postgres = await PostgresCluster.TryStartAsync();
        if (postgres is not null)
        {
            await using var server = await AppServer.StartAsync(publish, 500, postgres.ConnectionString);
            report.Saves.Add(await SaveScenario.RunAsync(server, "PostgreSQL", 1, moves * 4, items));
            report.Saves.Add(await SaveScenario.RunAsync(server, "PostgreSQL", 16, moves, items));
        }

        Console.WriteLine("Save path in-process...");
        // The app is hosted in this process now, beside what the earlier scenarios left (a full run's 1,000 viewer clients):
        // a full, compacting collection first, so the timed moves do not pay for collecting the harness's own garbage.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        report.SavesInProcess.AddRange(await InProcessSaveScenario.RunAsync("SQLite", null, [(1, moves * 4, null), (16, moves, null), (16, moves, Paced)]));
        if (postgres is not null)
        {
            report.SavesInProcess.AddRange(await InProcessSaveScenario.RunAsync("PostgreSQL", postgres.ConnectionStringFor("saves_in_process"), [(1, moves * 4, null), (16, moves, null), (16, moves, Paced)]));
        }

        foreach (var s in report.SavesInProcess)
        {
            Console.WriteLine($"  in-process {s.Database}, {s.Writers} writers{(s.Every is null ? string.Empty : " paced")}: {s.Latency.Row} ms, {s.MovesPerSecond:0} moves/s, {s.Errors} errors");
        }
    }

    /// <summary>The reconnect storm on one node (storm), and with the viewers' node killed behind the balancer (storm-node).</summary>
    private static async Task StormAsync(Report report, string publish, string[] only, int storm, int steady, TimeSpan offline, TimeSpan spread, double pace)
    {
        if (only.Contains("storm"))
        {
            Console.WriteLine($"Reconnect storm: {storm} viewers drop for {offline.TotalSeconds:0.#} s beside {steady} steady ones, {pace:0.#} moves a second (2,000 items)...");
            report.Storms.Add(await ReconnectStormScenario.OneNodeAsync(publish, storm, steady, offline, spread, pace));
        }

        if (only.Contains("storm-node"))
        {
            Console.WriteLine($"Reconnect storm: the node of {storm} viewers killed behind the balancer, {steady} steady ones on the other node (2,000 items, PostgreSQL, Redis)...");
            if (await ReconnectStormScenario.NodeKilledAsync(publish, storm, steady, pace) is { } result)
            {
                report.Storms.Add(result);
            }
        }
    }

    /// <summary>Viewers split over two nodes (PostgreSQL and Redis) beside one node, in the same run.</summary>
    private static async Task TwoNodesAsync(Report report, string publish, int viewers, int changes)
    {
        Console.WriteLine($"Two nodes, {viewers} viewers (2,000 items, PostgreSQL, Redis)...");
        await using var postgres = await PostgresCluster.TryStartAsync();
        await using var redis = await RedisProcess.TryStartAsync();
        if (postgres is null || redis is null)
        {
            Console.WriteLine("  skipped: PostgreSQL server binaries or redis-server are not installed.");
            return;
        }

        report.TwoNodes.Add(await TwoNodeScenario.RunAsync(publish, postgres, redis, viewers, changes));
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int[] Numbers(string list) => [.. list.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))];

    private static string FindRepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Udmoentning.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Run the harness from inside the repository.");
    }
}
