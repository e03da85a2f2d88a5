using Udmoentning.Web.ApiReference;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Annex;

public static class AnnexExtensions
{
    /// <summary>A committee's agenda annex (bilag): on a page, to print, and as a workbook.</summary>
    public static IHostApplicationBuilder AddAnnex(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AgendaAnnexReader>();
        return builder;
    }

    public static WebApplication MapAnnex(this WebApplication app)
    {
        app.MapDownloads().MapFile("/plan/{id:int}/udvalg/{slug}/bilag.xlsx", async (int id, string slug, AgendaAnnexReader annexes, CancellationToken cancellationToken) =>
        {
            var (annex, problem) = await annexes.ReadAsync(id, slug, cancellationToken);
            return annex is null
                ? Results.Text(problem, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
                : Results.File(AgendaAnnexWorkbook.Write(annex), AgendaAnnexWorkbook.ContentType,
                    AgendaAnnexWorkbook.FileName(annex.Slug, annex.BudgetPeriod, annex.Date));
        })
        .Described(ApiTags.Annex, "Hent et udvalgs dagsordensbilag",
            "A committee's agenda annex (bilag) as an Excel workbook: the committee's extract of the plan by main theme, with its economy, as the annex page shows it. `slug` is the committee's short name, e.g. `au`.")
        .AnswersFile(AgendaAnnexWorkbook.ContentType, StatusCodes.Status404NotFound);
        return app;
    }
}
