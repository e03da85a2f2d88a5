using Microsoft.AspNetCore.Diagnostics;

namespace Udmoentning.Web.Access;

/// <summary>
/// Refuses hub and circuit connections (<c>/hubs/*</c>, <c>/_blazor</c>) that a browser opens from another site:
/// WebSockets are not covered by CORS, so without this a page elsewhere could use a signed-in user's cookie
/// (cross-site WebSocket hijacking). A request without <c>Origin</c> comes from a program, not a browser page, and passes.
/// </summary>
public static class SameOriginConnections
{
    public const string Refusal = "Forbindelsen er afvist: den kommer fra et andet websted.";

    public static IApplicationBuilder UseSameOriginConnections(this IApplicationBuilder app, IReadOnlyCollection<string> allowedOrigins)
    {
        var allowed = allowedOrigins.Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if ((path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor"))
                && context.Request.Headers.Origin is { Count: > 0 } origin
                && !IsAllowed(origin.ToString(), context.Request, allowed))
            {
                context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(Refusal);
                return;
            }

            await next();
        });
    }

    private static bool IsAllowed(string origin, HttpRequest request, HashSet<string> allowed) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase) || allowed.Contains(origin);
}
