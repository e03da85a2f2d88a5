using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Udmoentning.Domain.Ledger;
using Udmoentning.Domain.Questions;
using Udmoentning.Tests.Questions;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Ledger;
using Udmoentning.Web.Rounds;

namespace Udmoentning.Tests.Feed;

/// <summary>
/// The real app on SQLite with a 2,000-item plan and something in every one of the feed's sets: a round, a follow-up,
/// konteringer, a ledger extract, a published question and one with a draft answer and a note that must never be read.
/// </summary>
public sealed class FeedApp : AppFactory
{
    public const string PublishedAnswer = "Svaret er offentliggjort: besparelsen holder.";
    public const string DraftAnswer = "KLADDE-SVAR-MAA-IKKE-LAESES";
    public const string ReturnNote = "NOTE-TIL-REDAKTOEREN-MAA-IKKE-LAESES";

    private readonly SemaphoreSlim _filling = new(1, 1);
    private bool _filled;

    /// <summary>The one web origin allowed to read the feed from a browser (<c>Feed:CorsOrigins</c>).</summary>
    public const string ReportSite = "https://rapporter.kommune.test";

    public FeedApp()
    {
        ItemCount = 2000;
        // 100 reads a minute per token, not 600: the limit's test reads up to it (no other test here comes near it).
        Settings = new Dictionary<string, string> { ["Feed:CorsOrigins:0"] = ReportSite, ["RateLimits:FeedReadsPerToken"] = "100" };
    }

    public LogSink Log { get; } = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Fills the sets the sample plan leaves empty, once for the class.</summary>
    public async Task FillAsync()
    {
        await _filling.WaitAsync(Token);
        try
        {
            if (_filled)
            {
                return;
            }

            var coordinator = await TestUsers.PrincipalAsync(Services, TestUsers.Coordinator);
            var administration = Services.GetRequiredService<PlanAdministration>();
            Assert.True((await administration.OpenRoundAsync(coordinator, 1, new RoundForm("Feedets runde", new DateOnly(2026, 9, 1), null), Token)).Succeeded);
            Assert.True((await administration.TakeFollowUpAsync(coordinator, 1, "Budgetopfølgning pr. 31. marts", new DateOnly(2026, 3, 31), Token)).Succeeded);

            var (planId, itemId) = await QuestionSteps.ItemAsync(Services, "AU-D1");
            var item = await WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == itemId, Token));
            var lines = item.Effects.Where(e => e.AmountThousands != 0).Select(e => new AccountLine("3.22.01-1-4.0", e.Year, e.AmountThousands)).ToList();
            var current = await Services.GetRequiredService<AccountLineReader>().ItemAsync(coordinator, itemId, Token);
            var placed = await Services.GetRequiredService<PlanItemService>().PlaceOnAccountsAsync(coordinator, new AccountsRequest(itemId, current.Lines, lines), Token);
            Assert.True(placed.Succeeded, placed.Message);

            var extract = new StringBuilder("Kontostreng;Periode;Korrigeret budget;Forbrug;Bilagstekst\r\n");
            extract.Append(CultureInfo.InvariantCulture, $"3.22.01-1-4.0;2026-03;-99.000,00;12.345,67;Udm. AU-D1\r\n");
            var import = Services.GetRequiredService<LedgerImport>();
            var preview = await import.PreviewAsync(coordinator, Encoding.UTF8.GetBytes(extract.ToString()), "udtraek.csv", planId, new LedgerReadOptions(), null, Token);
            Assert.Null(preview.Error);
            Assert.True((await import.ImportAsync(coordinator, preview.Preview!, new DateOnly(2026, 3, 31), withoutRefusedRows: false, Token)).Succeeded);

            var published = await QuestionSteps.AskAsync(Services, TestUsers.Reader, planId, QuestionScope.Item, itemId, "Holder besparelsen på AU-D1?");
            await QuestionSteps.AnswerAsync(Services, published, PublishedAnswer);
            var kept = await QuestionSteps.AskAsync(Services, TestUsers.Reader, planId, QuestionScope.Plan, null, "Hvornår kommer næste opfølgning?");
            kept = await QuestionSteps.AnswerAsync(Services, kept, "Første udkast.", publish: false);
            await QuestionSteps.SendBackAsync(Services, kept, ReturnNote, DraftAnswer);
            _filled = true;
        }
        finally
        {
            _filling.Release();
        }
    }

    public async Task<T> WithDbAsync<T>(Func<PlanDbContext, Task<T>> read)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        return await read(db);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Log));
    }
}
