using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Udmoentning.Web.ApiReference;

/// <summary>Runs every transformer features registered with <see cref="ApiReferenceExtensions.AddApiEntries{T}"/>, in that order.</summary>
public sealed class RegisteredEntries(IEnumerable<IOpenApiDocumentTransformer> entries) : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            await entry.TransformAsync(document, context, cancellationToken);
        }
    }
}
