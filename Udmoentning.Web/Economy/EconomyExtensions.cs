using Udmoentning.Web.ApiReference;
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
        app.MapDownloads().MapFile("/plan/{id:int}/opfoelgninger/sammenligning.xlsx", async (int id, string? fra, string? til, FollowUpReader followUps, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            // Empty means now, as the comparison page writes it (?fra=&til=); anything else must be a snapshot's number.
            if (!TrySnapshotId(fra, out var from) || !TrySnapshotId(til, out var to))
            {
                return Results.Text("fra og til er numre på øjebliksbilleder, eller tomme for nu.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            var (comparison, problem) = await followUps.CompareAsync(id, from, to, cancellationToken);
            return comparison is null
                ? Results.Text(problem, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
                : Results.File(FollowUpWorkbook.Write(comparison), FollowUpWorkbook.ContentType,
                    FollowUpWorkbook.FileName(comparison.BudgetPeriod, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
        })
        .Described(ApiTags.Economy, "Sammenlign to budgetopfølgninger",
            "Two budget follow-ups of the plan compared, as an Excel workbook. `fra` and `til` are snapshot numbers (from the economy page); empty means the plan as it is now.")
        .AnswersFile(FollowUpWorkbook.ContentType, StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    private static bool TrySnapshotId(string? text, out int? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            id = value;
            return true;
        }

        return false;
    }
}
