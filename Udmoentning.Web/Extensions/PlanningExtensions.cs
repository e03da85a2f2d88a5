using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.HttpResults;
using Udmoentning.Web.Components.Pages.Public;
using Udmoentning.Web.Data;
using Udmoentning.Web.Import;
using Udmoentning.Web.Meetings;
using Udmoentning.Web.Planning;

namespace Udmoentning.Web.Extensions;

public static class PlanningExtensions
{
    /// <summary>Reading plans for display, and the services every change passes through.</summary>
    public static IHostApplicationBuilder AddPlanning(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PlanReader>();
        builder.Services.AddSingleton<HistoryReader>();
        builder.Services.AddSingleton<CommentReader>();
        builder.Services.AddSingleton<PlanCache>();
        builder.Services.AddSingleton<PlanResync>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PlanResync>());
        var undoWindow = UndoLog.WindowFrom(builder.Configuration);
        builder.Services.AddSingleton(sp => new UndoLog(sp.GetRequiredService<TimeProvider>(), undoWindow));
        builder.Services.AddSingleton<ChangePipeline>();
        builder.Services.AddSingleton<PlanItemService>();
        builder.Services.AddSingleton<PlanAdministration>();
        builder.Services.AddSingleton<PlanImport>();
        builder.Services.AddSingleton<AgendaAnnexReader>();
        builder.Services.AddSingleton<FollowUpReader>();
        builder.Services.AddSingleton<RoundReader>();
        builder.Services.AddScoped<Udmoentning.Web.Components.Shared.MyRoundStatus>();
        builder.Services.AddSingleton<RoundReportReader>();
        return builder;
    }

    /// <summary>
    /// Endpoints outside the board: an item's history as CSV (aktindsigt), what changed at a meeting as CSV, a plan as an Excel workbook, a committee's
    /// agenda annex as an Excel workbook, a closed follow-up round's report as an Excel workbook, and a comparison of budget follow-ups as an Excel workbook.
    /// </summary>
    public static WebApplication MapPlanning(this WebApplication app)
    {
        var files = app.MapGroup(string.Empty).AddEndpointFilter(AnswerUnavailableAsync);
        files.MapGet("/punkter/{id:int}/historik.csv", async (int id, HistoryReader history, IDbContextFactory<PlanDbContext> contexts, CancellationToken cancellationToken) =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var item = await db.Items.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Code }).SingleOrDefaultAsync(cancellationToken);
            if (item is null)
            {
                return Results.NotFound("Punktet findes ikke.");
            }

            var entries = (await history.ForItemAsync(id, cancellationToken)).Reverse();
            var fileName = $"historik-{string.Concat(item.Code.Select(c => char.IsLetterOrDigit(c) ? c : '-'))}.csv";
            return Results.File(HistoryCsv.Write(entries), "text/csv; charset=utf-8", fileName);
        });
        files.MapGet("/plan/{id:int}/moede/{slug}/referat.csv", async (int id, string slug, string? siden, PlanCache plans, MeetingHistory meetings, CancellationToken cancellationToken) =>
        {
            if (await plans.GetAsync(id, cancellationToken) is not { } snapshot || MeetingScope.For(snapshot, slug) is not { } scope)
            {
                return Results.Text("Planen eller udvalget findes ikke.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }

            if (!DateTimeOffset.TryParse(siden, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            {
                return Results.Text("Angiv mødets start, fx ?siden=2026-05-12T08:00:00Z.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            var entries = await meetings.SinceAsync(snapshot, scope, since.UtcDateTime, cancellationToken);
            return Results.File(HistoryCsv.Write(entries), "text/csv; charset=utf-8", $"referat-{scope.Slug}-{since.UtcDateTime:yyyy-MM-dd}.csv");
        });
        files.MapGet("/plan/{id:int}/eksport.xlsx", async (int id, PlanCache plans, CancellationToken cancellationToken) =>
            await plans.GetAsync(id, cancellationToken) is { } snapshot
                ? Results.File(PlanWorkbook.Export(snapshot), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    $"udmoentningsplan-{snapshot.Plan.BudgetPeriod}-{DateTime.UtcNow:yyyy-MM-dd}.xlsx")
                : Results.NotFound("Planen findes ikke."));
        files.MapGet("/plan/{id:int}/udvalg/{slug}/bilag.xlsx", async (int id, string slug, AgendaAnnexReader annexes, CancellationToken cancellationToken) =>
        {
            var (annex, problem) = await annexes.ReadAsync(id, slug, cancellationToken);
            return annex is null
                ? Results.Text(problem, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
                : Results.File(AgendaAnnexWorkbook.Write(annex), AgendaAnnexWorkbook.ContentType,
                    AgendaAnnexWorkbook.FileName(annex.Slug, annex.BudgetPeriod, annex.Date));
        });
        files.MapGet("/plan/{id:int}/opfoelgninger/sammenligning.xlsx", async (int id, int? fra, int? til, FollowUpReader followUps, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var (comparison, problem) = await followUps.CompareAsync(id, fra, til, cancellationToken);
            return comparison is null
                ? Results.Text(problem, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
                : Results.File(FollowUpWorkbook.Write(comparison), FollowUpWorkbook.ContentType,
                    FollowUpWorkbook.FileName(comparison.BudgetPeriod, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
        });
        files.MapGet("/plan/{id:int}/runder/{roundId:int}/rapport.xlsx", async (int id, int roundId, string? udvalg, RoundReportReader reports, CancellationToken cancellationToken) =>
        {
            var (report, problem) = await reports.ReadAsync(id, roundId, udvalg, cancellationToken);
            return report is null
                ? Results.Text(problem, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
                : Results.File(RoundReportWorkbook.Write(report), RoundReportWorkbook.ContentType, RoundReportWorkbook.FileName(report));
        });
        MapPublicPlan(app);
        return app;
    }

    /// <summary>
    /// The public page of a plan an administrator opened (<see cref="PublicPlan"/>): anonymous and cacheable for a minute by
    /// browsers and proxies. A plan that does not exist and one that is not public get the same 404, so nothing about the
    /// other plans can be learnt from it. Built from the shared copy of the plan in memory, so a visit costs no query.
    /// </summary>
    private static void MapPublicPlan(WebApplication app) =>
        app.MapGet("/offentlig/plan/{id:int}", async (int id, HttpContext context, PlanCache plans, CancellationToken cancellationToken) =>
        {
            var plan = await plans.GetAsync(id, cancellationToken) is { } snapshot ? PublicPlan.From(snapshot) : null;
            var headers = context.Response.Headers;
            if (plan is null)
            {
                headers.CacheControl = "no-store";
                return new RazorComponentResult<PublicPlanDocument> { StatusCode = StatusCodes.Status404NotFound };
            }

            headers.CacheControl = "public, max-age=60";
            headers.ETag = plan.ETag;
            if (context.Request.Headers.IfNoneMatch.Any(tag => tag is not null && tag.Split(',').Any(t => t.Trim() == plan.ETag || t.Trim() == "*")))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return new RazorComponentResult<PublicPlanDocument>(new { Plan = plan });
        }).AllowAnonymous().AddEndpointFilter(AnswerUnavailableAsync);

    /// <summary>A download while the database cannot be reached answers 503 with a Danish text, not 500.</summary>
    private static async ValueTask<object?> AnswerUnavailableAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PlanningExtensions))
                .LogWarning(e, "The database could not be reached for {Path}", context.HttpContext.Request.Path);
            context.HttpContext.Response.Headers.RetryAfter = "30";
            return Results.Text(StorageFailure.NotRead, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
