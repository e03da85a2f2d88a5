using System.Diagnostics.CodeAnalysis;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;

namespace Udmoentning.Web.Plans;

public static class PlansExtensions
{
    /// <summary>Reading plans for display: one shared copy of each plan in memory, kept up to date from the change feed and the database.</summary>
    public static IHostApplicationBuilder AddPlans(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PlanReader>();
        builder.Services.AddSingleton<PlanCache>();
        builder.Services.AddSingleton<PlanResync>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PlanResync>());
        return builder;
    }

    /// <summary>
    /// The group for pages served outside the circuit (a plan as a workbook, an item's history as CSV, the public page ...): a
    /// request while the database cannot be reached answers 503 with a Danish text, not 500.
    /// </summary>
    public static RouteGroupBuilder MapDownloads(this WebApplication app) =>
        app.MapGroup(string.Empty).AddEndpointFilter(AnswerUnavailableAsync);

    /// <summary>A file of a plan's data (a workbook, a CSV): answers GET and HEAD, and counts against the per-user download limit.</summary>
    public static RouteHandlerBuilder MapFile(this RouteGroupBuilder downloads, [StringSyntax("Route")] string pattern, Delegate handler) =>
        downloads.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], handler).LimitedAs(RequestLimit.Download);

    private static async ValueTask<object?> AnswerUnavailableAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PlansExtensions))
                .LogWarning(e, "The database could not be reached for {Path}", context.HttpContext.Request.Path);
            context.HttpContext.Response.Headers.RetryAfter = "30";
            return Results.Text(StorageFailure.NotRead, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
