using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Udmoentning.Web.ApiReference;

/// <summary>
/// Every endpoint that does not allow anonymous requests needs the sign-in cookie (the app's fallback policy: a user with a
/// role), and says what it answers without it (401) and without the right (403).
/// </summary>
public sealed class CookieSecurity : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            return Task.CompletedTask;
        }

        Require(operation, context.Document);
        return Task.CompletedTask;
    }

    /// <summary>Marks <paramref name="operation"/> as needing the sign-in cookie; for entries added by hand too.</summary>
    public static void Require(OpenApiOperation operation, OpenApiDocument? document)
    {
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocument.CookieScheme, document)] = [] });
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Ikke logget ind (not signed in)." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = "Logget ind, men uden ret til det (signed in, without the right)." });
    }
}
