using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Ledger;

namespace Udmoentning.Tests.Ledger;

/// <summary>
/// The round trip on the real app and a real SQLite file: items placed on accounts, the budget-change file written for
/// them, a finance system's extract with those postings (as its own CSV: Windows-1252, semicolons, title and total lines,
/// Danish kroner) read back into a preview and kept as a dated snapshot; what the items show from it equals their kontering.
/// </summary>
public sealed class LedgerImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");
    private static readonly DateOnly TakenOn = new(2026, 9, 30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private LedgerImport Importer => app.Services.GetRequiredService<LedgerImport>();

    [Fact]
    public async Task TheBudgetChangeFileBookedInTheLedgerReadsBackAsIndarbejdetEqualToTheKonteringAndACapitalProjectsSpending()
    {
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var saving = await StoredAsync("AU-D1");
        var capital = await StoredAsync(await CapitalProjectCodeAsync());
        var savingLines = saving.Effects.Where(e => e.AmountThousands != 0)
            .SelectMany(e => new[] { new AccountLine("3.22.01-1-4.0", e.Year, e.AmountThousands / 2), new AccountLine("3.22.02-1-4.0-1234", e.Year, e.AmountThousands - (e.AmountThousands / 2)) })
            .Where(l => l.AmountThousands != 0).ToList();
        var capitalLines = capital.Effects.Where(e => e.AmountThousands != 0).Select(e => new AccountLine("0.25.10-3-0.2", e.Year, e.AmountThousands)).ToList();
        Assert.NotEmpty(savingLines);
        Assert.NotEmpty(capitalLines);
        await PlaceAsync(coordinator, saving, savingLines);
        await PlaceAsync(coordinator, capital, capitalLines);

        // The file the finance system gets, and the extract it gives back with those budget postings, some spending, and
        // postings of the rest of the ledger.
        var selection = await app.Services.GetRequiredService<BudgetChangeReader>().ReadAsync(coordinator, saving.PlanId, null, $"{saving.Code},{capital.Code}", Token);
        var file = Encoding.UTF8.GetString(app.Services.GetRequiredService<BudgetChangeFile>().Csv(selection.Lines).AsSpan(3));
        var booked = file.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(row => row.Split(';'))
            .Select(cells => (Account: cells[0], Year: int.Parse(cells[1], CultureInfo.InvariantCulture), Kroner: decimal.Parse(cells[2], CultureInfo.InvariantCulture), Code: cells[3]))
            .ToList();
        Assert.Equal(savingLines.Count + capitalLines.Count, booked.Count);
        var capitalYear = capitalLines[0].Year;
        var extract = new StringBuilder("Kontoudtræk – drift og anlæg\r\nUdskrevet pr. 30.09.2026\r\n\r\nKontostreng;Periode;Korrigeret budget;Forbrug;Bilagstekst\r\n");
        foreach (var (account, year, kroner, code) in booked)
        {
            extract.Append(CultureInfo.InvariantCulture, $"{account};{year}-01;{Trailing(kroner)};;Udm. {code} budgetomplacering (æøå)\r\n");
        }

        extract.Append(CultureInfo.InvariantCulture, $"0.25.10-3-0.2;{capitalYear}-06;;1.234.567,89;Faktura 1234\r\n");
        extract.Append(CultureInfo.InvariantCulture, $"0.25.10-3-0.2;{capitalYear}-07;(500.000,00);;Anden bevilling\r\n");
        extract.Append("3.22.01-1-4.0;2026-03;-99.000,00;12.345,67;Løn\r\n;;;;\r\nI alt;;1,00;1,00;\r\n");

        var preview = await PreviewAsync(coordinator, Windows1252.GetBytes(extract.ToString()), "udtraek.csv");

        Assert.Equal(booked.Count + 3, preview.Extract.Postings);
        Assert.Equal((1, 0, 4), (preview.Extract.TotalRows, preview.Extract.RefusedRows, preview.Extract.HeaderRow));
        Assert.Equal(TakenOn, preview.Extract.SuggestedDate);
        Assert.Contains("Windows-1252", preview.HowRead, StringComparison.Ordinal);
        var previewed = preview.Items.Single(i => i.Code == saving.Code).Ledger;
        Assert.All(previewed.Years.Where(y => y.AmountKroner != 0), y => Assert.Equal(y.AmountKroner, y.InBudget));

        var outcome = await Importer.ImportAsync(coordinator, preview, TakenOn, withoutRefusedRows: false, Token);

        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        var reader = await TestUsers.PrincipalAsync(app.Services, TestUsers.Reader);
        var view = await app.Services.GetRequiredService<AccountLineReader>().ItemAsync(reader, saving.Id, Token);
        var (label, figures) = view.Ledger!.Value;
        Assert.Equal("kontoudtræk 30.09.2026", label);
        foreach (var year in savingLines.Select(l => l.Year).Distinct())
        {
            var placed = savingLines.Where(l => l.Year == year).Sum(l => l.AmountThousands);
            Assert.Equal($"indarbejdet {Amounts.Format(placed)} af {Amounts.Format(saving.EffectIn(year))}", figures.In(year)!.InBudgetText);
        }

        var capitalView = (await app.Services.GetRequiredService<AccountLineReader>().ItemAsync(reader, capital.Id, Token)).Ledger!.Value.Figures;
        Assert.True(capitalView.IsCapitalProject);
        var booking = capitalLines.Single(l => l.Year == capitalYear).AmountThousands * 1000m;
        Assert.Equal((1_234_567.89m, booking - 500_000m, booking), (capitalView.In(capitalYear)!.Spent, capitalView.In(capitalYear)!.Available, capitalView.In(capitalYear)!.InBudget));

        await using var db = await Contexts().CreateDbContextAsync(Token);
        var record = await db.AdministrationHistory.AsNoTracking().OrderByDescending(h => h.Id).FirstAsync(Token);
        Assert.Equal((LedgerImport.Subject, "kontoudtræk 30.09.2026", "Indlæst"), (record.Subject, record.SubjectName, record.Kind));
        Assert.Contains(record.Changes, c => c.Field == "Posteringer" && c.New == preview.Extract.Postings.ToString("N0", Danish));
    }

    [Fact]
    public async Task OnlyCoordinatorsAndAdministratorsImportAndRefusedRowsAreLeftOutOnlyWhenTheUserSaidSo()
    {
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var planId = (await StoredAsync("AU-D1")).PlanId;
        var bytes = Encoding.UTF8.GetBytes("Konto;År;Budget\n3.22.01-1-4.0;2026;1.000,00\n3.22;2026;5,00\n");
        var before = await SnapshotCountAsync();

        foreach (var user in new[] { await TestUsers.PrincipalAsync(app.Services, TestUsers.Reader), await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu), new ClaimsPrincipal() })
        {
            var refused = await Importer.PreviewAsync(user, bytes, "x.csv", planId, new LedgerReadOptions(), null, Token);
            Assert.Null(refused.Preview);
            Assert.Equal(AccessRules.NotPlanManager, refused.Error);
        }

        var preview = await PreviewAsync(coordinator, bytes, "x.csv");
        var problem = Assert.Single(preview.Extract.Problems);
        Assert.Equal((3, "A"), (problem.Row, problem.Column));
        Assert.StartsWith("Kontoen passer ikke med kontoplanen: \"3.22\"", problem.Message, StringComparison.Ordinal);
        Assert.Equal(ChangeStatus.Forbidden, (await Importer.ImportAsync(await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu), preview, TakenOn, true, Token)).Status);
        var notSaid = await Importer.ImportAsync(coordinator, preview, TakenOn, withoutRefusedRows: false, Token);
        Assert.Equal((ChangeStatus.Invalid, "1 række har fejl. Ret filen, eller vælg at indlæse uden dem. Intet er gemt."), (notSaid.Status, notSaid.Message));
        Assert.Equal(before, await SnapshotCountAsync());

        var noYear = await PreviewAsync(coordinator, Encoding.UTF8.GetBytes("Konto;Budget\n3.22.01-1-4.0;1.000,00\n"), "y.csv");
        Assert.True(noYear.Extract.NeedsYear);
        Assert.Equal((ChangeStatus.Invalid, LedgerExtractReader.NoYear), ((await Importer.ImportAsync(coordinator, noYear, TakenOn, true, Token)).Status, (await Importer.ImportAsync(coordinator, noYear, TakenOn, true, Token)).Message));
        Assert.Equal(before, await SnapshotCountAsync());

        Assert.Equal(ChangeStatus.Saved, (await Importer.ImportAsync(coordinator, preview, TakenOn, withoutRefusedRows: true, Token)).Status);
        Assert.Equal(before + 1, await SnapshotCountAsync());
    }

    /// <summary>A finance system's kroner: "1.250.000,00-" for a negative (trailing minus), "300.000,00" otherwise.</summary>
    private static string Trailing(decimal kroner) => kroner < 0 ? (-kroner).ToString("N2", Danish) + "-" : kroner.ToString("N2", Danish);

    private async Task<LedgerPreview> PreviewAsync(ClaimsPrincipal user, byte[] bytes, string name)
    {
        var planId = (await StoredAsync("AU-D1")).PlanId;
        var result = await Importer.PreviewAsync(user, bytes, name, planId, new LedgerReadOptions(), null, Token);
        Assert.Null(result.Error);
        return result.Preview!;
    }

    private async Task PlaceAsync(ClaimsPrincipal user, PlanItem item, IReadOnlyList<AccountLine> lines)
    {
        var current = await app.Services.GetRequiredService<AccountLineReader>().ItemAsync(user, item.Id, Token);
        var outcome = await app.Services.GetRequiredService<PlanItemService>().PlaceOnAccountsAsync(user, new AccountsRequest(item.Id, current.Lines, lines), Token);
        Assert.True(outcome.Succeeded, outcome.Message);
    }

    private IDbContextFactory<PlanDbContext> Contexts() => app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();

    private async Task<PlanItem> StoredAsync(string code)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().SingleAsync(i => i.Code == code, Token);
    }

    private async Task<string> CapitalProjectCodeAsync()
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        var items = await db.Items.AsNoTracking().Where(i => i.Kind == ItemKind.CapitalProject).ToListAsync(Token);
        return items.First(i => i.Effects.Any(e => e.AmountThousands != 0)).Code;
    }

    private async Task<int> SnapshotCountAsync()
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.LedgerSnapshots.CountAsync(Token);
    }
}
