using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Benchmarks.Circuits;
using Udmoentning.Benchmarks.Harness;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Data;
using Udmoentning.Web.Notifications;
using Udmoentning.Web.Plans;

namespace Udmoentning.Benchmarks.Scenarios;

/// <summary>
/// One opening of a round over the whole plan: the service call's time (it returns once the round, its history record and
/// its outbox rows have committed), the rows written, how long until the sender had handed the last of them to the SMTP
/// server (from the call), and the SQL the call ran.
/// </summary>
public sealed record OutboxOpening(double Milliseconds, int Written, double AllSentMilliseconds, SqlTime Sql);

/// <summary>
/// One fresh app's figures: the round's items and the people who answer for them (each should get one mail); three openings
/// (the first in the app, one on an idle board, one while the board changes); the mails the SMTP server received in all; and
/// the board's change latency without a round opening and while one opens and its mails go out.
/// </summary>
/// <param name="OnBoards">From the third round's call until every viewer had rendered its announcement (the board rebuilt).</param>
/// <param name="Reaching">Of <paramref name="With"/>, the changes saved before the round was on every board.</param>
/// <param name="Sending">Of <paramref name="With"/>, the changes saved after it, while the sender sent.</param>
/// <param name="Smtp">The round's mail sent again through MailKit alone (<see cref="SmtpProbe"/>), once the app had stopped.</param>
public sealed record OutboxRun(
    int RoundItems, int Answering, OutboxOpening First, OutboxOpening Idle, OutboxOpening Live, int Sent, int Delivered,
    Timed Without, Timed With, double OnBoards, Timed Reaching, Timed Sending, SmtpProbeResult? Smtp = null);

public sealed record OutboxResult(int Items, int People, int Viewers, DateTime At, IReadOnlyList<OutboxRun> Runs);

/// <summary>
/// Opening a follow-up round with e-mail on. A fresh app per run, hosted in the harness's process on Kestrel (a real port,
/// so the viewers connect as in the latency scenario), with a 2,000-item plan, e-mail through a real SMTP server
/// (<see cref="SmtpSink"/>) and <c>people</c> editors with addresses spread over the committees that have open items.
/// The round is opened the way the round page opens it: <see cref="PlanAdministration.OpenRoundAsync"/>, as the demo
/// coordinator; there is no hub method or endpoint for it, and the headless circuit client cannot press the page's button.
/// Each run opens three rounds over the whole plan: the first warms the code up (in the first run it is the process's
/// first opening, cold); the second is timed on an idle board (viewers open, nothing changing); the third opens while the
/// board's latency is measured, which goes on until the sender has sent every mail of that round. The board's latency
/// without a round is measured between the second and the third, the latency scenario's way (warm-up until the JIT is quiet).
/// </summary>
public static class OutboxScenario
{
    public const int Items = 2000;

    /// <summary>Longest wait for a round's mails to be sent.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromMinutes(3);

    public static async Task<OutboxResult> RunAsync(int people, int viewers, int changes, int runs)
    {
        using var sql = new SqlTimer();
        var results = new List<OutboxRun>();
        for (var run = 1; run <= runs; run++)
        {
            var (result, mail) = await RunOnceAsync(sql, run, people, viewers, changes);
            var smtp = await SmtpProbe.RunAsync(mail.TextBody, mail.HtmlBody, result.Answering);
            Console.WriteLine($"  run {run}: MailKit alone, {smtp.Mails} mails: p50 {Stats.Ms(smtp.Default.P50)} ms a mail as the sender connects, {Stats.Ms(smtp.NoDelay.P50)} ms with Nagle off");
            results.Add(result with { Smtp = smtp });
        }

        return new OutboxResult(Items, people, viewers, DateTime.UtcNow, results);
    }

    /// <summary>One fresh app's run, and one of the mails it wrote (for <see cref="SmtpProbe"/>).</summary>
    private static async Task<(OutboxRun Run, OutboxMail Mail)> RunOnceAsync(SqlTimer sql, int run, int people, int viewerCount, int changes)
    {
        await using var smtp = await SmtpSink.StartAsync();
        var folder = Directory.CreateTempSubdirectory("udm-bench-outbox-");
        try
        {
            await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Development");
                builder.UseSetting("Database:Provider", "Sqlite");
                builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(folder.FullName, "outbox.db")}");
                builder.UseSetting("Database:SampleItemCount", Items.ToString(CultureInfo.InvariantCulture));
                builder.UseSetting("Database:SampleDate", AppServer.SampleDate);
                foreach (var limit in (string[])["RateLimits:SignInPerIp", "RateLimits:ChangesPerUser", "RateLimits:HubCallsPerSecond", "RateLimits:HubCallBurst", "Circuits:MaxPerUser"])
                {
                    builder.UseSetting(limit, "1000000");
                }

                builder.UseSetting("Logging:LogLevel:Default", "Warning");
                foreach (var (key, value) in smtp.AppSettings)
                {
                    builder.UseSetting(key, value);
                }

                builder.UseUrls("http://127.0.0.1:0");
            });
            app.UseKestrel(0);
            app.StartServer();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
            var services = app.Services;
            var planId = (await services.GetRequiredService<PlanCache>().DefaultAsync())?.Id ?? throw new InvalidOperationException("No sample plan.");
            var (roundItems, answering) = await AddPeopleAsync(services, planId, people);
            var coordinator = await AppUsers.CoordinatorAsync(services);
            var opener = new Opener(services, sql, coordinator, planId, run);

            var reader = await DemoSignIn.SignInAsync(baseUri, "demo-laeser", CancellationToken.None);
            await using var mover = await PlanMover.ConnectAsync(baseUri, await DemoSignIn.SignInAsync(baseUri, "demo-koordinator", CancellationToken.None));
            var moves = await TimedMoves.ReadAsync(baseUri, reader, mover, Items);
            await using var board = await Viewers.OpenAsync(new Uri(baseUri, "/"), reader, viewerCount);
            Console.WriteLine($"  run {run}: {people} editors added ({answering} people answer for the {roundItems} open items), {viewerCount} viewers open");

            var first = await opener.OpenAsync("første");
            await SettleAsync();
            var idle = await opener.OpenAsync("tavlen i ro");
            Console.WriteLine($"  run {run}: first opening {first.Milliseconds:0} ms, on an idle board {idle.Milliseconds:0} ms ({idle.Written} mails, all sent after {idle.AllSentMilliseconds:0} ms); " +
                $"SQL {idle.Sql.Commands} commands {idle.Sql.TotalMs:0} ms");
            await SettleAsync();

            var without = await LatencyScenario.MeasureAsync(mover, [board], changes, moves.OnScreen, moves.OnScreenAsync, jit: JitNow);
            await SettleAsync();
            var window = await WhileOpeningAsync(opener, mover, board, moves);
            var (with, live) = (window.With, window.Live);
            var delivered = await DeliveredAsync(smtp, 3 * answering);
            Console.WriteLine($"  run {run}: board p95 {Stats.Ms(without.Latency.P95)} ms without, {Stats.Ms(with.Latency.P95)} ms while a round opened ({live.Milliseconds:0} ms; " +
                $"on every board after {window.OnBoards:0} ms, p95 meanwhile {Stats.Ms(window.Reaching.Latency.P95)} ms) and its mails went (all sent after {live.AllSentMilliseconds:0} ms, " +
                $"p95 meanwhile {Stats.Ms(window.Sending.Latency.P95)} ms); {with.Expected / viewerCount} changes; {delivered} mails delivered");
            foreach (var opening in new[] { first, idle, live }.Where(o => o.Written != answering))
            {
                Console.WriteLine($"  warning: a round wrote {opening.Written} mails for {answering} people who answer");
            }

            await using var db = await services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync();
            var mail = await db.Outbox.AsNoTracking().OrderBy(m => m.Id).FirstAsync();
            var sent = await db.Outbox.CountAsync(m => m.State == OutboxState.Sent);
            return (new OutboxRun(roundItems, answering, first, idle, live, sent, delivered, without, with, window.OnBoards, window.Reaching, window.Sending), mail);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Adds <paramref name="people"/> editors with addresses, as the app adds its demo users (<see cref="AccessStartup.EnsureUserAsync"/>),
    /// spread over the committees that have open items in the plan. Answers how many open items a round over the whole plan
    /// asks about, and how many people answer for them: these editors and the demo editors whose committee has open items.
    /// </summary>
    private static async Task<(int RoundItems, int Answering)> AddPeopleAsync(IServiceProvider services, int planId, int people)
    {
        List<string> codes;
        int open;
        await using (var db = await services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync())
        {
            var items = FollowUpRound.ItemsFor(null, await db.Items.AsNoTracking().Where(i => i.PlanId == planId).ToListAsync());
            var committees = items.Select(i => i.CommitteeId).ToHashSet();
            codes = await db.Committees.AsNoTracking().Where(c => committees.Contains(c.Id)).OrderBy(c => c.Id).Select(c => c.ShortCode).ToListAsync();
            open = items.Count;
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
        for (var i = 1; i <= people; i++)
        {
            var name = $"bench-redaktoer-{i:000}";
            await AccessStartup.EnsureUserAsync(users, name, $"Redaktør {i:000} ({codes[i % codes.Count]})", password: null, Role.Editor, codes[i % codes.Count], $"{name}@example.org");
        }

        var demoEditors = DemoUsers.All.Count(d => d.Role == Role.Editor && d.Committee is { } code && codes.Contains(code, StringComparer.OrdinalIgnoreCase));
        return (open, people + demoEditors);
    }

    /// <summary>The board's changes while a round opens and its mails go, and when the round was on every board.</summary>
    private sealed record Window(Timed With, OutboxOpening Live, double OnBoards, Timed Reaching, Timed Sending);

    /// <summary>
    /// The board's change latency from just before a round opens until the sender has sent every mail of it (at least one
    /// change): changes one after another, as <see cref="LatencyScenario"/> times them. Meanwhile every viewer is watched for
    /// the round's announcement, which comes with the board rebuilt; the changes saved before the last viewer had it are
    /// also counted apart from those after.
    /// </summary>
    private static async Task<Window> WhileOpeningAsync(Opener opener, PlanMover mover, Viewers board, TimedMoves moves)
    {
        const string What = "tavlen i brug";
        var changes = new List<(long Start, List<double> Ms, List<double> Bytes)>();
        Task<OutboxOpening>? opening = null;
        Watch[] announced = [];
        var started = 0L;
        var clock = Stopwatch.StartNew();
        while (opening?.IsCompleted != true)
        {
            var move = await moves.OnScreenAsync(mover, moves.OnScreen[changes.Count % moves.OnScreen.Count]);
            if (opening is null)
            {
                announced = board.WatchAlso(opener.Name(What));
                started = Stopwatch.GetTimestamp();
                opening = Task.Run(() => opener.OpenAsync(What));
            }

            var start = Stopwatch.GetTimestamp();
            var (times, sizes) = await LatencyScenario.ChangeAsync([board], mover, move);
            changes.Add((start, times, sizes));
            if (clock.Elapsed > SendTimeout)
            {
                throw new TimeoutException("The round's mails were not all sent within 3 minutes.");
            }
        }

        await Task.WhenAny(Task.WhenAll(announced.Select(w => w.Received)), Task.Delay(TimeSpan.FromSeconds(30)));
        var reached = announced.All(w => w.Received.IsCompletedSuccessfully) ? announced.Max(w => w.Received.Result.At) : long.MaxValue;
        var onBoards = reached == long.MaxValue ? double.NaN : Stopwatch.GetElapsedTime(started, reached).TotalMilliseconds;
        return new Window(Timed(changes, board.Count), await opening, onBoards,
            Timed([.. changes.Where(c => c.Start < reached)], board.Count), Timed([.. changes.Where(c => c.Start >= reached)], board.Count));
    }

    private static Timed Timed(IReadOnlyList<(long Start, List<double> Ms, List<double> Bytes)> changes, int viewers) =>
        new(Stats.Of(changes.SelectMany(c => c.Ms)), changes.Count * viewers, changes.Sum(c => c.Ms.Count), Stats.Of(changes.SelectMany(c => c.Bytes)), 0);

    /// <summary>Opens rounds over the whole plan as the coordinator, and follows each round's mails until all are sent.</summary>
    private sealed class Opener(IServiceProvider services, SqlTimer sql, System.Security.Claims.ClaimsPrincipal coordinator, int planId, int run)
    {
        private readonly PlanAdministration _administration = services.GetRequiredService<PlanAdministration>();
        private readonly IDbContextFactory<PlanDbContext> _contexts = services.GetRequiredService<IDbContextFactory<PlanDbContext>>();

        /// <summary>The round's name, which only its announcement shows on the board.</summary>
        public string Name(string what) => $"Benchmark {run}, {what}";

        public async Task<OutboxOpening> OpenAsync(string what)
        {
            var form = new RoundForm(Name(what), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), null);
            var started = DateTime.UtcNow;
            var tally = sql.Start();
            var clock = Stopwatch.StartNew();
            var outcome = await _administration.OpenRoundAsync(coordinator, planId, form);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            sql.Stop();
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"The round did not open: {outcome.Status} {outcome.Message}");
            }

            // Read on a context of its own once the call has returned: rows it sees have committed.
            var key = $"round:{outcome.Value}:opened:";
            await using var db = await _contexts.CreateDbContextAsync();
            var written = await db.Outbox.CountAsync(m => m.Key.StartsWith(key));
            while (await db.Outbox.CountAsync(m => m.Key.StartsWith(key) && m.State != OutboxState.Sent) is var left and > 0)
            {
                if (DateTime.UtcNow - started > SendTimeout)
                {
                    throw new TimeoutException($"{left} of {written} mails of the round were not sent within 3 minutes.");
                }

                await Task.Delay(100);
            }

            var last = await db.Outbox.Where(m => m.Key.StartsWith(key)).MaxAsync(m => m.SentAt) ?? started;
            return new OutboxOpening(elapsed, written, (last - started).TotalMilliseconds, tally.Read());
        }
    }

    /// <summary>The mails the SMTP server has written, once it has <paramref name="expected"/> (or after 10 s).</summary>
    private static async Task<int> DeliveredAsync(SmtpSink smtp, int expected)
    {
        var clock = Stopwatch.StartNew();
        while (smtp.Delivered < expected && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
        }

        return smtp.Delivered;
    }

    private static Task<JitReading> JitNow() => Task.FromResult(new JitReading(JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime().TotalMilliseconds));

    /// <summary>
    /// Waits until this process (the app, and the harness's idle clients) uses under 30 % of a core over a second, at most
    /// 30 s: after a round opened, every viewer rebuilds its board and the sender sends, which the next step must not pay for.
    /// </summary>
    private static async Task SettleAsync()
    {
        using var process = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        var before = process.TotalProcessorTime;
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            process.Refresh();
            var now = process.TotalProcessorTime;
            if ((now - before).TotalSeconds < 0.3)
            {
                return;
            }

            before = now;
        }
    }
}
