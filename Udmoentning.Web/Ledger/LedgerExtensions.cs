using System.Security.Claims;
using Udmoentning.Domain;
using Udmoentning.Domain.Ledger;
using Udmoentning.Web.ApiReference;
using Udmoentning.Web.ImportExport;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Ledger;

public static class LedgerExtensions
{
    /// <summary>
    /// The ledger: the account-string layout and the budget-change file's, the reader of items' kontering (written through
    /// the change service) and of the file's lines, and the finance system's extracts read back (imported, and read for
    /// the realised figures).
    /// </summary>
    public static IHostApplicationBuilder AddLedger(this IHostApplicationBuilder builder)
    {
        var accounts = LedgerOptions.From(builder.Configuration);
        builder.Services.AddSingleton(accounts);
        builder.Services.AddSingleton(BudgetChangeOptions.From(builder.Configuration, accounts));
        builder.Services.AddSingleton<AccountLineReader>();
        builder.Services.AddSingleton<BudgetChangeReader>();
        builder.Services.AddSingleton<LedgerImport>();
        builder.Services.AddSingleton<LedgerReader>();
        return builder;
    }

    /// <summary>The budget-change file of a plan's items (all with a kontering, <c>?udvalg=</c> a committee's own, <c>?punkter=</c> some by code), as CSV and as a workbook.</summary>
    public static WebApplication MapLedger(this WebApplication app)
    {
        var downloads = app.MapDownloads();
        foreach (var extension in (string[])["csv", "xlsx"])
        {
            downloads.MapFile($"/plan/{{id:int}}/budgetaendring.{extension}", async (int id, string? udvalg, string? punkter, ClaimsPrincipal user,
                BudgetChangeReader reader, BudgetChangeFile file, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var selection = await reader.ReadAsync(user, id, udvalg, punkter, cancellationToken);
                if (selection.Problem is { } problem)
                {
                    return Results.Text(problem, "text/plain; charset=utf-8", statusCode: selection.Status);
                }

                var name = BudgetChangeWorkbook.FileName(id, DanishTime.Today(clock.GetUtcNow()), extension);
                return extension == "csv"
                    ? Results.File(file.Csv(selection.Lines), $"text/csv; charset={file.Encoding.WebName}", name)
                    : Results.File(BudgetChangeWorkbook.Write(file, selection.Lines), ReportSheet.ContentType, name);
            })
            .Described(ApiTags.Ledger, $"Hent budgetændringsfilen ({extension})",
                "The budget-change file of the plan's items with a kontering, in the finance system's layout (Ledger:BudgetChange settings): " +
                "all of them, `udvalg` one committee's, or `punkter` some items by code (comma-separated). Coordinators and administrators only (others get 403): the file goes to the finance system.")
            .AnswersFile(extension == "csv" ? "text/csv" : ReportSheet.ContentType,
                StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        }

        return app;
    }
}
