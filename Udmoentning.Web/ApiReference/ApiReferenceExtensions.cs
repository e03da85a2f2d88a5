using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;
using Udmoentning.Web.Access;

namespace Udmoentning.Web.ApiReference;

public static class ApiReferenceExtensions
{
    public const string DocumentName = "v1";

    /// <summary>Where the documents are; a request there without the sign-in cookie gets 401, not the sign-in page.</summary>
    public const string DocumentFolder = "/openapi";

    /// <summary>The OpenAPI description of the app's HTTP endpoints (downloads, feeds, probes), not of its pages.</summary>
    public const string DocumentPath = DocumentFolder + "/" + DocumentName + ".json";

    /// <summary>The reference page that reads <see cref="DocumentPath"/> (Scalar, served from its own package: no CDN).</summary>
    public const string PagePath = "/api/reference";

    /// <summary>
    /// The OpenAPI document (<see cref="DocumentPath"/>) of every route handler, with the entries of endpoints that are not route
    /// handlers (health probes, the hub; later the OData feed) added by the <see cref="IOpenApiDocumentTransformer"/>s that
    /// features register with <see cref="AddApiEntries{T}"/>.
    /// </summary>
    public static IHostApplicationBuilder AddApiReference(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            // Blazor's pages are endpoints too, but no program reads them: only what has a route handler, and no form posts.
            options.ShouldInclude = description => !ApiDocument.IsPageOrForm(description);
            options.AddDocumentTransformer<ApiDocument>();
            options.AddOperationTransformer<CookieSecurity>();
            options.AddDocumentTransformer<RegisteredEntries>();
        });
        builder.Services.AddApiEntries<HealthEntries>();
        builder.Services.AddApiEntries<HubEntries>();
        return builder;
    }

    /// <summary>
    /// The hook for a feature whose endpoints are not route handlers (the hub, health checks, an OData feed): its transformer
    /// adds their paths to the document. It runs after the route handlers are described, the tags and the
    /// <see cref="ApiDocument.CookieScheme"/> security scheme are in place, so it can refer to them.
    /// </summary>
    public static IServiceCollection AddApiEntries<T>(this IServiceCollection services) where T : class, IOpenApiDocumentTransformer =>
        services.AddSingleton<IOpenApiDocumentTransformer, T>();

    /// <summary>
    /// <see cref="DocumentPath"/> and the reference page at <see cref="PagePath"/>: in Development to anyone, elsewhere to signed-in
    /// users with a role, as every page is (an anonymous request for the document gets 401, for the page the sign-in page).
    /// </summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        var document = app.MapOpenApi(DocumentFolder + "/{documentName}.json");
        var page = app.MapScalarApiReference(PagePath, (options, context) => options
            .WithTitle("Udmøntning – HTTP-API")
            .WithOpenApiRoutePattern(DocumentFolder + "/{documentName}.json")
            .AddDocument(DocumentName, "Udmøntning")
            // The page's inline start-up script gets a nonce of this response's own; everything else stays as strict as elsewhere.
            .WithNonce(SecurityHeaders.AllowScriptNonce(context))
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .HideModels()
            .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl));
        if (app.Environment.IsDevelopment())
        {
            document.AllowAnonymous();
            page.AllowAnonymous();
        }

        return app;
    }
}
