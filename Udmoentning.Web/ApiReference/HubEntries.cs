using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.ApiReference;

/// <summary>
/// The live hub's negotiate address, where a SignalR client starts; what goes over the connection after it (methods and
/// messages) is not HTTP and is described in docs/api.md.
/// </summary>
public sealed class HubEntries : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var operation = new OpenApiOperation
        {
            OperationId = "PlanHubNegotiate",
            Summary = "Start en forbindelse til live-hubben",
            Description =
                $"SignalR's negotiate step for `{PlanHub.Path}`: a SignalR client (e.g. Microsoft.AspNetCore.SignalR.Client, " +
                "@microsoft/signalr) posts here itself and then opens the WebSocket (or Server-Sent Events, long polling) at " +
                $"`{PlanHub.Path}?id=...`. Protocol JSON. Needs the sign-in cookie; a browser page on another site is refused " +
                "(its Origin gets 403). Methods (`Follow`, `Unfollow`, `Move`, `MoveBefore`) and messages (`ItemChanged`, " +
                "`PlanChanged`) are described in docs/api.md, section \"Live-hubben /hubs/plan\".",
            Tags = new HashSet<OpenApiTagReference> { new(ApiTags.Live, document) },
            Parameters =
            [
                new OpenApiParameter
                {
                    Name = "negotiateVersion",
                    In = ParameterLocation.Query,
                    Description = "SignalR's negotiate protocol version; clients send 1.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                },
            ],
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "The connection's id and token, and the transports the server offers.",
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() },
                },
            },
        };
        CookieSecurity.Require(operation, document);
        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Post, operation);
        document.Paths[PlanHub.Path + "/negotiate"] = item;
        return Task.CompletedTask;
    }
}
