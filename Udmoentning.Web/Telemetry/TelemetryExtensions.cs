using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Udmoentning.Web.Realtime;
using Udmoentning.Web.Telemetry;

namespace Udmoentning.Web.Telemetry;

public static class TelemetryExtensions
{
    public const string ServiceName = "udmoentning";

    public const string MetricsPath = "/metrics";

    /// <summary>Metrics of the framework's meters this app reads: HTTP, Kestrel, SignalR connections, circuits, EF Core and our own.</summary>
    private static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.EntityFrameworkCore",
        RealtimeMetrics.MeterName,
    ];

    /// <summary>Spans besides HTTP requests and EF Core commands: hub calls and circuit events.</summary>
    private static readonly string[] Sources =
    [
        "Microsoft.AspNetCore.SignalR.Server",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Server.Circuits",
    ];

    /// <summary>
    /// Our own metrics, log scopes with the circuit or hub connection and user id, and OpenTelemetry when something
    /// reads it: OTLP (metrics, traces and logs) and/or a Prometheus scrape endpoint (metrics).
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<RealtimeMetrics>();
        services.AddScoped<CircuitHandler, CircuitLogScope>();
        services.AddSingleton<HubLogScope>();
        // Filters run in the order added: AddTelemetry comes first in Program.cs, so the access check's log lines carry the scope too.
        services.AddSignalR().AddHubOptions<PlanHub>(options => options.AddFilter<HubLogScope>());

        var settings = builder.Configuration.GetSection(TelemetrySettings.Section).Get<TelemetrySettings>() ?? new TelemetrySettings();
        services.AddSingleton(settings);
        var otlpFromEnvironment = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otlp = !string.IsNullOrWhiteSpace(settings.Otlp.Endpoint) || otlpFromEnvironment;
        if (!otlp && !settings.Prometheus.Enabled)
        {
            return builder;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter(Meters);
                if (settings.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (!otlp)
        {
            return builder;
        }

        telemetry.WithTracing(tracing => tracing
            .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbeOrScrape(context.Request.Path))
            .AddEntityFrameworkCoreInstrumentation()
            .AddSource(Sources));
        services.Configure<OpenTelemetryLoggerOptions>(options => options.IncludeScopes = true);
        if (string.IsNullOrWhiteSpace(settings.Otlp.Endpoint))
        {
            telemetry.UseOtlpExporter();
        }
        else
        {
            var protocol = settings.Otlp.Protocol switch
            {
                "grpc" => OtlpExportProtocol.Grpc,
                "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
                _ => throw new StartupException($"{TelemetrySettings.Section}:Otlp:Protocol is \"{settings.Otlp.Protocol}\"; use grpc or http/protobuf."),
            };
            telemetry.UseOtlpExporter(protocol, new Uri(settings.Otlp.Endpoint));
        }

        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> for Prometheus when <c>Telemetry:Prometheus:Enabled</c>: anonymous, but only for scrapers on this machine or
    /// the configured networks (anyone else gets 404). Operations should still expose it on the internal network only.
    /// </summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<TelemetrySettings>();
        if (!settings.Prometheus.Enabled)
        {
            return app;
        }

        var networks = settings.Prometheus.Networks.Select(System.Net.IPNetwork.Parse).ToArray();
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(next => context =>
            {
                if (MayScrape(networks, context.Connection.RemoteIpAddress))
                {
                    return next(context);
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }), optionsName: null)
            .AllowAnonymous()
            .DisableRateLimiting();
        return app;
    }

    private static bool MayScrape(System.Net.IPNetwork[] networks, System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return networks.Length == 0 ? System.Net.IPAddress.IsLoopback(address) : networks.Any(n => n.Contains(address));
    }

    /// <summary>A load balancer's health probe or a metrics scrape: sent to each node directly, often over plain HTTP.</summary>
    public static bool IsProbeOrScrape(PathString path) => path.StartsWithSegments("/healthz") || path.StartsWithSegments(MetricsPath);
}
