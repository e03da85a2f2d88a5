using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Udmoentning.Web.Telemetry;

namespace Udmoentning.Web.ApiReference;

/// <summary>The health probes (health checks, not route handlers, so the document learns of them here).</summary>
public sealed class HealthEntries : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Paths[HealthExtensions.LivePath] = Probe(document, "Svarer processen?",
            "Liveness: the process answers; no checks are run. `Healthy` as text. Also answers HEAD.");
        document.Paths[HealthExtensions.ReadyPath] = Probe(document, "Kan noden betjene brugere?",
            "Readiness: the database (Unhealthy without it) and Redis when this node uses it (Degraded without it). The body is only " +
            "the status word; 503 for Unhealthy. Never rate limited or cached. Also answers HEAD.");
        return Task.CompletedTask;
    }

    private static OpenApiPathItem Probe(OpenApiDocument document, string summary, string description)
    {
        var status = new Dictionary<string, OpenApiMediaType>
        {
            ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["Healthy", "Degraded", "Unhealthy"] } },
        };
        var operation = new OpenApiOperation
        {
            Summary = summary,
            Description = description,
            Tags = new HashSet<OpenApiTagReference> { new(ApiTags.Operations, document) },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = "Healthy eller Degraded.", Content = status },
                ["503"] = new OpenApiResponse { Description = "Unhealthy.", Content = status },
            },
        };
        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Get, operation);
        return item;
    }
}
