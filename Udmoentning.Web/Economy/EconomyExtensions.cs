using Udmoentning.Web.Economy.FollowUps;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Economy;

public static class EconomyExtensions
{
    /// <summary>The economy page and the budget follow-ups (opfølgninger) that compare the plan with itself over time.</summary>
    public static IHostApplicationBuilder AddEconomy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FollowUpReader>();
        return builder;
    }

    /// <summary>A comparison of two budget follow-ups as an Excel workbook.</summary>
    public static WebApplication MapEconomy(this WebApplication app)
    {
        app.MapDownloads().MapFile("/plan/{id:int}/opfoelgninger/sammenligning.xlsx", async (int id, int? fra, int? til, FollowUpReader followUps, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var (comparison, problem) = await followUps.CompareAsync(id, fra, til, cancellationToken);
            return comparison is null
                ? Results.Text(problem, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
                : Results.File(FollowUpWorkbook.Write(comparison), FollowUpWorkbook.ContentType,
                    FollowUpWorkbook.FileName(comparison.BudgetPeriod, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
        });
        return app;
    }
}
