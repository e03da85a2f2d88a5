using Microsoft.EntityFrameworkCore;
using Udmoentning.Web.Data;
using Udmoentning.Web.Import;
using Udmoentning.Web.Planning;

namespace Udmoentning.Web.Extensions;

public static class PlanningExtensions
{
    /// <summary>Reading plans for display, and the services every change passes through.</summary>
    public static IHostApplicationBuilder AddPlanning(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PlanReader>();
        builder.Services.AddSingleton<HistoryReader>();
        builder.Services.AddSingleton<PlanCache>();
        builder.Services.AddSingleton<PlanItemService>();
        builder.Services.AddSingleton<PlanAdministration>();
        builder.Services.AddSingleton<PlanImport>();
        builder.Services.AddSingleton<AgendaAnnexReader>();
        return builder;
    }

    /// <summary>
    /// Endpoints outside the board: an item's history as CSV (aktindsigt), a plan as an Excel workbook, and a committee's
    /// agenda annex as an Excel workbook.
    /// </summary>
    public static WebApplication MapPlanning(this WebApplication app)
    {
        app.MapGet("/punkter/{id:int}/historik.csv", async (int id, HistoryReader history, IDbContextFactory<PlanDbContext> contexts, CancellationToken cancellationToken) =>
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
        app.MapGet("/plan/{id:int}/eksport.xlsx", async (int id, PlanCache plans, CancellationToken cancellationToken) =>
            await plans.GetAsync(id, cancellationToken) is { } snapshot
                ? Results.File(PlanWorkbook.Export(snapshot), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    $"udmoentningsplan-{snapshot.Plan.BudgetPeriod}-{DateTime.UtcNow:yyyy-MM-dd}.xlsx")
                : Results.NotFound("Planen findes ikke."));
        app.MapGet("/plan/{id:int}/udvalg/{slug}/bilag.xlsx", async (int id, string slug, AgendaAnnexReader annexes, CancellationToken cancellationToken) =>
        {
            var (annex, problem) = await annexes.ReadAsync(id, slug, cancellationToken);
            return annex is null
                ? Results.Text(problem, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
                : Results.File(AgendaAnnexWorkbook.Write(annex), AgendaAnnexWorkbook.ContentType,
                    AgendaAnnexWorkbook.FileName(annex.Slug, annex.BudgetPeriod, annex.Date));
        });
        return app;
    }
}
