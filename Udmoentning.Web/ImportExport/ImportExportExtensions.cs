using Udmoentning.Domain.Input;
using Udmoentning.Web.ApiReference;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.ImportExport;

public static class ImportExportExtensions
{
    /// <summary>Reading a municipality's workbook into a plan.</summary>
    public static IHostApplicationBuilder AddImportExport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WorkbookReadGate>();
        builder.Services.AddSingleton<PlanImport>();
        return builder;
    }

    /// <summary>A plan as an Excel workbook, in the import's own columns.</summary>
    public static WebApplication MapImportExport(this WebApplication app)
    {
        app.MapDownloads().MapFile("/plan/{id:int}/eksport.xlsx", async (int id, PlanCache plans, CancellationToken cancellationToken) =>
            await plans.GetAsync(id, cancellationToken) is { } snapshot
                ? Results.File(PlanWorkbook.Export(snapshot), ReportSheet.ContentType,
                    $"udmoentningsplan-{snapshot.Plan.BudgetPeriod}-{IsoDate.Format(DateTime.UtcNow)}.xlsx")
                : Results.NotFound("Planen findes ikke."))
            .Described(ApiTags.Plan, "Hent planen som regneark",
                "The whole plan as an Excel workbook in the import's own columns: it can be edited and read back in through the import.")
            .AnswersFile(ReportSheet.ContentType, StatusCodes.Status404NotFound);
        return app;
    }
}
