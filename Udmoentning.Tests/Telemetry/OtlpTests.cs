using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Telemetry;

/// <summary>
/// With <c>Telemetry:Otlp:Endpoint</c>, traces (HTTP, hub calls, EF Core), metrics (ours among them) and logs with their
/// scopes reach the collector. Alone, as the Prometheus tests: the app's meter has the same name in every test app, and an
/// exporter listens in the whole process (a full run once missed "udmoentning.changes.published" beside other apps).
/// </summary>
[Collection(ProcessMetricsCollection.Name)]
public sealed class OtlpTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TracesMetricsAndLogsOfHubMovesReachTheCollector()
    {
        using var collector = new OtlpCollector();
        await using var app = new LiveApp
        {
            Settings = new Dictionary<string, string>
            {
                ["Telemetry:Otlp:Endpoint"] = collector.Url,
                ["Telemetry:Otlp:Protocol"] = "http/protobuf",
                // The SDK's standard settings, read from the app's configuration: export within half a second instead of 5 to 60 s.
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            },
        };
        await app.InitializeAsync();
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var item = plan.Items.First(i => i.Status == ItemStatus.NotStarted);
        await using var reader = await ConnectAsync(app, TestUsers.Reader);
        await using var coordinator = await ConnectAsync(app, TestUsers.Coordinator);

        var refused = await reader.InvokeAsync<HubMoveResult>("Move", item.Id, item.Version, ItemStatus.InProgress.ToString(), Token);
        var moved = await coordinator.InvokeAsync<HubMoveResult>("Move", item.Id, item.Version, ItemStatus.InProgress.ToString(), Token);
        Assert.Equal(("Forbidden", "Saved"), (refused.Outcome, moved.Outcome));

        (string Path, string Text, string Missing)[] expected =
        [
            ("/v1/traces", "Microsoft.AspNetCore.SignalR.Server", "a hub call span"),
            ("/v1/traces", "OpenTelemetry.Instrumentation.EntityFrameworkCore", "an EF Core span"),
            ("/v1/traces", "udmoentning", "the service name"),
            ("/v1/metrics", "http.server.request.duration", "ASP.NET Core's request metric"),
            ("/v1/metrics", "udmoentning.changes.published", "our own meter"),
            ("/v1/logs", "Forbidden: user", "the refusal's warning"),
            ("/v1/logs", "ConnectionId", "the warning's scope"),
        ];
        var waited = Stopwatch.StartNew();
        while (expected.Any(e => !collector.Received(e.Path, e.Text)) && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100, Token);
        }

        Assert.All(expected, e => Assert.True(collector.Received(e.Path, e.Text), $"The collector did not get {e.Missing}; it got {collector}."));
    }

    private static async Task<HubConnection> ConnectAsync(LiveApp app, string user)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        await TestUsers.SignInAsync(http, user);
        var hub = new HubConnectionBuilder().WithUrl(app.Url(PlanHub.Path), options => options.Cookies = cookies).Build();
        await hub.StartAsync(Token);
        return hub;
    }
}
