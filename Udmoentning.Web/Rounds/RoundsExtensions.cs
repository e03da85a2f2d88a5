using Udmoentning.Web.ApiReference;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Rounds;

public static class RoundsExtensions
{
    /// <summary>Follow-up rounds: who reports on which item, what they wrote, and the round's report.</summary>
    public static IHostApplicationBuilder AddRounds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RoundReader>();
        builder.Services.AddScoped<MyRoundStatus>();
        builder.Services.AddSingleton<RoundReportReader>();
        return builder;
    }

    /// <summary>A closed round's report as an Excel workbook.</summary>
    public static WebApplication MapRounds(this WebApplication app)
    {
        app.MapDownloads().MapFile("/plan/{id:int}/runder/{roundId:int}/rapport.xlsx", async (int id, int roundId, string? udvalg, RoundReportReader reports, CancellationToken cancellationToken) =>
        {
            var (report, problem) = await reports.ReadAsync(id, roundId, udvalg, cancellationToken);
            return report is null
                ? Results.Text(problem, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
                : Results.File(RoundReportWorkbook.Write(report), RoundReportWorkbook.ContentType, RoundReportWorkbook.FileName(report));
        })
        .Described(ApiTags.Rounds, "Hent rapporten fra en opfølgningsrunde",
            "A closed follow-up round's report as an Excel workbook: who reported what on which item. `udvalg` limits it to one committee.")
        .AnswersFile(RoundReportWorkbook.ContentType, StatusCodes.Status404NotFound);
        return app;
    }
}
