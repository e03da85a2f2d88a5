using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Telemetry;

/// <summary>
/// With <c>Telemetry:Prometheus:Enabled</c>, <c>/metrics</c> shows what operations watches: live boards, changes, how long a change
/// took to reach a viewer, and ASP.NET Core's own metrics; without the setting there is no such endpoint.
/// </summary>
[Collection(ProcessMetricsCollection.Name)]
public sealed partial class PrometheusTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMoveThroughTheHubShowsInTheMetricsWithALiveBoardAndItsLatency()
    {
        await using var app = new LiveApp { Settings = new Dictionary<string, string> { ["Telemetry:Prometheus:Enabled"] = "true" } };
        await app.InitializeAsync();
        var item = await ItemAsync(app);
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var board = app.Services.GetRequiredService<LocalChangeFeed>().Subscribe(item.PlanId, changes =>
        {
            delivered.TrySetResult();
            return Task.CompletedTask;
        });
        await using var hub = await ConnectAsync(app, TestUsers.Coordinator);

        var moved = await hub.InvokeAsync<HubMoveResult>("Move", item.Id, item.Version, ItemStatus.InProgress.ToString(), Token);
        Assert.Equal("Saved", moved.Outcome);
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);

        using var scraper = new HttpClient { BaseAddress = app.BaseAddress };
        var metrics = await ScrapeUntilAsync(scraper, text => Value(text, "udmoentning_change_latency_milliseconds_count") >= 1);
        // At least: OpenTelemetry listens to meters by name in the whole process, and other tests' apps run beside this one.
        Assert.True(Value(metrics, "udmoentning_changes_published_total", "kind=\"moved\"") >= 1, metrics);
        Assert.True(Value(metrics, "udmoentning_boards_live") >= 1, metrics);
        Assert.True(Value(metrics, "udmoentning_change_latency_milliseconds_count") >= 1, metrics);
        Assert.True(Value(metrics, "http_server_request_duration_seconds_count") >= 1, "ASP.NET Core's request metric is missing.");
    }

    [Fact]
    public async Task WithoutTheSettingThereIsNoMetricsEndpointAndNoOpenTelemetryAtAll()
    {
        await using var app = new LiveApp();
        await app.InitializeAsync();
        Assert.Null(app.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.Null(app.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        var cookies = new CookieContainer();
        using var signedIn = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        await TestUsers.SignInAsync(signedIn, TestUsers.Administrator);

        var answer = await signedIn.GetAsync("/metrics", Token);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.DoesNotContain("udmoentning_", await answer.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task OnlyScrapersOnTheConfiguredNetworksMayReadTheMetrics()
    {
        await using var app = new LiveApp
        {
            Settings = new Dictionary<string, string> { ["Telemetry:Prometheus:Enabled"] = "true", ["Telemetry:Prometheus:Networks:0"] = "10.0.0.0/8" },
        };
        await app.InitializeAsync();
        using var fromLoopback = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        var answer = await fromLoopback.GetAsync("/metrics", Token);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.DoesNotContain("udmoentning_", await answer.Content.ReadAsStringAsync(Token));
    }

    private static async Task<string> ScrapeUntilAsync(HttpClient scraper, Func<string, bool> done)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var response = await scraper.GetAsync("/metrics", Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync(Token);
            if (done(text) || waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                return text;
            }

            await Task.Delay(100, Token);
        }
    }

    /// <summary>The value of the first sample of <paramref name="name"/> (with <paramref name="label"/> among its labels, if given); -1 when absent.</summary>
    private static double Value(string metrics, string name, string? label = null)
    {
        foreach (Match sample in Sample().Matches(metrics))
        {
            if (sample.Groups["name"].Value == name && (label is null || sample.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            {
                return double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    private static async Task<HubConnection> ConnectAsync(LiveApp app, string user)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        await TestUsers.SignInAsync(http, user);
        var hub = new HubConnectionBuilder().WithUrl(app.Url(PlanHub.Path), options => options.Cookies = cookies).Build();
        await hub.StartAsync(Token);
        return hub;
    }

    private static async Task<PlanItem> ItemAsync(LiveApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().FirstAsync(i => i.Status == ItemStatus.NotStarted, Token);
    }
}

/// <summary>
/// OpenTelemetry listens to a meter by its name in the whole process, so an app's <c>/metrics</c> also counts what the other
/// test apps in the process do. The live-board gauge went to -3 once: other apps closed boards opened before this app
/// listened. These tests run when no other test does.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMetricsCollection
{
    public const string Name = "Process-wide metrics";
}
