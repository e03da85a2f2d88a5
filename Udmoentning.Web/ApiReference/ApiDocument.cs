using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Udmoentning.Web.ApiReference;

/// <summary>The document's title and introduction, its tags, and the sign-in cookie as its security scheme.</summary>
public sealed class ApiDocument : IOpenApiDocumentTransformer
{
    /// <summary>The security scheme's name in the document: the sign-in cookie a browser (or a script that signed in) sends.</summary>
    public const string CookieScheme = "cookie";

    public const string CookieName = ".Udmoentning.Konto";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Udmøntning",
            Version = ApiReferenceExtensions.DocumentName,
            Description =
                "Udmøntningsplanens HTTP-endepunkter: filer til download, kalenderfeeds, den offentlige side, sundhedstjek, live-hubben og " +
                "OData-feedet til Power BI og Excel. " +
                "Sider i appen er ikke med her.\n\n" +
                "The app's HTTP endpoints for programs and scripts. Everything but the calendar feeds, the public page, the unsubscribe " +
                "link and the health probes needs the sign-in cookie (`" + CookieName + "`) of a user with a role; see the security " +
                "scheme for how a script gets one. The OData feed (/odata) also takes a personal access token or a service account's token " +
                "(the `token` scheme). The hub's messages, the feed's sets and the tokens are described in docs/api.md.",
        };
        document.Tags = new HashSet<OpenApiTag>(ApiTags.All.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = CookieName,
            Description =
                "Login-cookien. En browser har den efter login på /konto/log-ind.\n\n" +
                "A script gets it as a browser does: GET `/konto/log-ind`, read the form's `__RequestVerificationToken`, then POST the " +
                "form back to `/konto/log-ind` with `_handler=login`, `Input.UserName`, `Input.Password` and the token, keeping the " +
                "cookies (in Development, POST `/konto/demo` with `user=demo-koordinator` and the token instead). Without it, a file " +
                "answers 401 (a page redirects to the sign-in); with it but without the right, 403.",
        };
        FoldHeadIntoGet(document);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Every file answers HEAD as well as GET (for a client that checks before it fetches); listed twice, each download would
    /// fill the reference page's menu twice over, so the GET says it instead.
    /// </summary>
    private static void FoldHeadIntoGet(OpenApiDocument document)
    {
        foreach (var item in document.Paths.Values.OfType<OpenApiPathItem>())
        {
            if (item.Operations is { } operations && operations.ContainsKey(HttpMethod.Head) && operations.TryGetValue(HttpMethod.Get, out var get))
            {
                operations.Remove(HttpMethod.Head);
                get.Description += " Also answers HEAD (the headers alone).";
            }
        }
    }

    /// <summary>A Blazor page, or a form a person posts from one (sign-in, sign-out): not part of the HTTP API.</summary>
    public static bool IsPageOrForm(ApiDescription description) =>
        description.ActionDescriptor.EndpointMetadata.Any(m => m is ComponentTypeMetadata or RootComponentMetadata)
        || description.RelativePath?.StartsWith("konto/", StringComparison.OrdinalIgnoreCase) == true;
}
