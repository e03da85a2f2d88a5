using Microsoft.EntityFrameworkCore;
using Udmoentning.Web.ApiReference;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.History;

public static class HistoryExtensions
{
    /// <summary>Every change's record: read for the item dialog and the "what changed" page.</summary>
    public static IHostApplicationBuilder AddHistory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HistoryReader>();
        return builder;
    }

    /// <summary>An item's history as CSV (aktindsigt).</summary>
    public static WebApplication MapHistory(this WebApplication app)
    {
        app.MapDownloads().MapFile("/punkter/{id:int}/historik.csv", async (int id, HistoryReader history, IDbContextFactory<PlanDbContext> contexts, CancellationToken cancellationToken) =>
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
        })
        .Described(ApiTags.History, "Hent et punkts historik som CSV",
            "Every recorded change of one item, oldest first, as CSV (for aktindsigt). `id` is the item's id, not its code.")
        .AnswersFile("text/csv", StatusCodes.Status404NotFound);
        return app;
    }
}
