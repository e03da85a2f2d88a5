namespace Udmoentning.Web.Telemetry;

/// <summary>
/// <c>Telemetry:*</c>: where metrics, traces and logs go. OTLP when <c>Telemetry:Otlp:Endpoint</c> (or the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) is set; a Prometheus scrape endpoint at <c>/metrics</c> when
/// <c>Telemetry:Prometheus:Enabled</c>. Neither: OpenTelemetry is not even registered.
/// </summary>
public sealed class TelemetrySettings
{
    public const string Section = "Telemetry";

    public OtlpSettings Otlp { get; init; } = new();

    public PrometheusSettings Prometheus { get; init; } = new();

    public sealed class OtlpSettings
    {
        /// <summary>E.g. http://collector:4317 (gRPC) or http://collector:4318 with <see cref="Protocol"/> http/protobuf.</summary>
        public string? Endpoint { get; init; }

        /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>.</summary>
        public string Protocol { get; init; } = "grpc";
    }

    public sealed class PrometheusSettings
    {
        public bool Enabled { get; init; }

        /// <summary>Networks in CIDR form (e.g. 10.0.0.0/8) whose scrapers may read <c>/metrics</c>; empty: this machine only.</summary>
        public string[] Networks { get; init; } = [];
    }
}
