using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Udmoentning.Web.ApiReference;

namespace Udmoentning.Web.Feed;

/// <summary>
/// The feed's entry points in the OpenAPI document: the service document, <c>$metadata</c> and one GET per set with the
/// query options it takes. The rows' fields are described in <c>$metadata</c> (the feed's own, richer description), not
/// repeated here. Read with an access token (bearer) or the sign-in cookie.
/// </summary>
public sealed class FeedEntries(FeedSettings settings) : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "token";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "En personlig adgangsnøgle (udm_…) fra Mine indstillinger, eller en servicekontos token fra kommunens identitetsudbyder. " +
                "A personal access token (udm_…) made under Mine indstillinger, or a service account's JWT from the municipality's identity provider. Only the feed takes them.",
        };

        document.Paths["/odata"] = Entry(document, "Feedets mængder", "The service document: the entity sets, as Power BI's navigator lists them.", []);
        document.Paths["/odata/$metadata"] = Entry(document, "Feedets datamodel",
            "CSDL (XML): every set, type and field, each described in Danish (Core.Description).", [], "application/xml");
        foreach (var (name, _, description) in FeedModel.Sets)
        {
            document.Paths[$"/odata/{name}"] = Entry(document, description,
                $"Rows of `{name}`, at most {settings.PageSize} a page with `@odata.nextLink` to the next. Fields: see `$metadata`.", QueryOptions());
        }

        return Task.CompletedTask;
    }

    private static OpenApiPathItem Entry(OpenApiDocument document, string summary, string description, IList<IOpenApiParameter> parameters, string type = "application/json")
    {
        var operation = new OpenApiOperation
        {
            Summary = summary,
            Description = description,
            Tags = new HashSet<OpenApiTagReference> { new(ApiTags.Feed, document) },
            Parameters = parameters,
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = "OData v4.", Content = new Dictionary<string, OpenApiMediaType> { [type] = new() } },
                ["400"] = new OpenApiResponse { Description = "Forespørgslen kan ikke læses; beskeden siger hvorfor (the query cannot be read)." },
                ["429"] = new OpenApiResponse { Description = "For mange forespørgsler med nøglen; se Retry-After (too many requests)." },
            },
            Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocument.CookieScheme, document)] = [] },
            ],
        };
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Uden gyldig nøgle eller login (no valid token or sign-in)." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = "Nøglens ejer har ikke adgang (the token's owner has no access)." });
        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Get, operation);
        return item;
    }

    private static List<IOpenApiParameter> QueryOptions() =>
    [
        Option("$filter", "Filter, fx `PlanId eq 1 and Status eq 'InProgress'`."),
        Option("$select", "Felterne, fx `Code,Title,Status`."),
        Option("$expand", "Børn, fx `Amounts` på Items."),
        Option("$orderby", "Rækkefølge, fx `Code desc` (højst fem felter)."),
        Option("$top", "Højst så mange rækker (højst en side)."),
        Option("$skip", "Spring så mange over."),
        Option("$count", "`true` for antallet i alt (`@odata.count`)."),
    ];

    private static OpenApiParameter Option(string name, string description) =>
        new() { Name = name, In = ParameterLocation.Query, Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
}
