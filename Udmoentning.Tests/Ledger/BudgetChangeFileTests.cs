using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Ledger;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Ledger;

namespace Udmoentning.Tests.Ledger;

/// <summary>
/// The budget-change file for the finance system: one row per kontering line, the municipality's columns, amounts in
/// kroner; as CSV (read back here) and as a workbook (read back by two readers that share no code with the app's);
/// coordinators and administrators only.
/// </summary>
public sealed class BudgetChangeFileTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly BudgetChangeLine Saving = new("AU-D1", "Virksomhedsrettet indsats; \"kanten\"", "Arbejdsmarkedsudvalget", new AccountLine("3.22.01-1-4.0-1234", 2027, -1250));

    [Fact]
    public void TheDefaultFileHasTheAccountTheYearTheAmountInKronerAndTheItemOnEachLineQuotedWhereNeeded()
    {
        var file = BudgetChangeFile.Default(AccountStringLayout.Authorised);

        var text = Encoding.UTF8.GetString(file.Csv([Saving, Saving with { ItemTitle = "=HYPERLINK(\"x\")", Line = new AccountLine("5.32.32-1-4.0", 2028, 300) }]));

        Assert.Equal(
            "\uFEFFKontostreng;Budgetår;Beløb (kr.);Punkt;Tekst\r\n" +
            "3.22.01-1-4.0-1234;2027;-1250000;AU-D1;\"Virksomhedsrettet indsats; \"\"kanten\"\"\"\r\n" +
            "5.32.32-1-4.0;2028;300000;AU-D1;\"'=HYPERLINK(\"\"x\"\")\"\r\n",
            text);
    }

    [Fact]
    public void AMunicipalitysOwnColumnsPartsOfTheAccountAndWindows1252AreWrittenAsConfigured()
    {
        var file = new BudgetChangeFile(
        [
            new BudgetChangeColumn("Funktion", "Part:Funktion"), new BudgetChangeColumn("Art", "Part:art"), new BudgetChangeColumn("Omk.sted", "Part:Omkostningssted"),
            new BudgetChangeColumn("Aktivitet", "Part:Aktivitet"), new BudgetChangeColumn("År", "Year"), new BudgetChangeColumn("Beløb", "AmountKroner"),
            new BudgetChangeColumn("Udvalg", "Committee"), new BudgetChangeColumn("Type", "Text:Budgetomplacering"),
        ], "\t", CodePagesEncodingProvider.Instance.GetEncoding(1252)!, AccountStringLayout.Authorised);

        var bytes = file.Csv([Saving]);

        Assert.Equal("Funktion\tArt\tOmk.sted\tAktivitet\tÅr\tBeløb\tUdvalg\tType\r\n3.22.01\t4.0\t1234\t\t2027\t-1250000\tArbejdsmarkedsudvalget\tBudgetomplacering\r\n",
            CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(bytes));
        // "År" in one byte each, and no byte-order mark: what a finance system reading Windows-1252 expects.
        Assert.Equal([0xC5, (byte)'r'], bytes[Encoding.ASCII.GetByteCount("Funktion\tArt\tOmk.sted\tAktivitet\t")..][..2]);
        Assert.Equal((byte)'F', bytes[0]);
    }

    [Theory]
    [InlineData("Konto", "Accounts", "The column \"Konto\" holds \"Accounts\"")]
    [InlineData("Sted", "Part:Sted", "The column \"Sted\" holds \"Part:Sted\"")]
    [InlineData("Tekst", "Text:", "The column \"Tekst\" holds \"Text:\"")]
    public void AColumnThatHoldsNothingTheAppKnowsIsRefused(string header, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new BudgetChangeFile([new BudgetChangeColumn(header, value)], ";", Encoding.UTF8, AccountStringLayout.Authorised));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACoordinatorDownloadsTheFileOfACommitteesItemsAndTwoForeignReadersReadTheSameLinesFromTheWorkbook()
    {
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var service = app.Services.GetRequiredService<PlanItemService>();
        int planId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token))
        {
            foreach (var (code, account, amount) in new[] { ("AU-D6", "3.22.01-1-4.0", -700), ("AU-D2", "5.68.90-1-4.0-77", 450) })
            {
                var item = await db.Items.AsNoTracking().SingleAsync(i => i.Code == code, Token);
                var placed = await service.PlaceOnAccountsAsync(editor, new AccountsRequest(item.Id, [], [new AccountLine(account, 2027, amount)]), Token);
                Assert.True(placed.Succeeded, placed.Message);
            }

            planId = (await db.Plans.AsNoTracking().SingleAsync(Token)).Id;
        }

        using var coordinator = app.CreateClient();
        await TestUsers.SignInAsync(coordinator, TestUsers.Coordinator);
        var csv = await coordinator.GetAsync($"/plan/{planId}/budgetaendring.csv?udvalg=au", Token);

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync(Token)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Kontostreng;Budgetår;Beløb (kr.);Punkt;Tekst", rows[0]);
        Assert.Contains(rows, r => r.StartsWith("3.22.01-1-4.0;2027;-700000;AU-D6;", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("5.68.90-1-4.0-77;2027;450000;AU-D2;", StringComparison.Ordinal));

        var workbook = await coordinator.GetAsync($"/plan/{planId}/budgetaendring.xlsx?punkter=AU-D6,au-d2", Token);
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        var read = await ForeignReaders.ReadAsync(await workbook.Content.ReadAsByteArrayAsync(Token), Token);
        Assert.Equal(read["openpyxl"], read["Spreadsheet::ParseXLSX"]);
        // In the items' order: AU-D2, then AU-D6.
        Assert.Contains("Budgetændring!A2\t5.68.90-1-4.0-77", read["openpyxl"]);
        Assert.Contains("Budgetændring!C2\t450000", read["openpyxl"]);
        Assert.Contains("Budgetændring!D3\tAU-D6", read["openpyxl"]);
        Assert.Contains("Budgetændring!C3\t-700000", read["openpyxl"]);
    }

    [Fact]
    public async Task AnEditorAReaderAnUnknownCommitteeOrItemGetAClearAnswerAndNoFile()
    {
        using var editor = app.CreateClient();
        await TestUsers.SignInAsync(editor, TestUsers.EditorAu);
        using var coordinator = app.CreateClient();
        await TestUsers.SignInAsync(coordinator, TestUsers.Coordinator);

        var refused = await editor.GetAsync("/plan/1/budgetaendring.csv", Token);
        var noCommittee = await coordinator.GetAsync("/plan/1/budgetaendring.csv?udvalg=findes-ikke", Token);
        var noItem = await coordinator.GetAsync("/plan/1/budgetaendring.xlsx?punkter=AU-D6,XX-99", Token);
        var noPlan = await coordinator.GetAsync("/plan/987654/budgetaendring.csv", Token);

        Assert.Equal((HttpStatusCode.Forbidden, BudgetChangeReader.NotAllowed), (refused.StatusCode, await refused.Content.ReadAsStringAsync(Token)));
        Assert.Equal((HttpStatusCode.NotFound, "Udvalget \"findes-ikke\" findes ikke."), (noCommittee.StatusCode, await noCommittee.Content.ReadAsStringAsync(Token)));
        Assert.Equal((HttpStatusCode.NotFound, "Punkterne findes ikke i planen: XX-99."), (noItem.StatusCode, await noItem.Content.ReadAsStringAsync(Token)));
        Assert.Equal(HttpStatusCode.NotFound, noPlan.StatusCode);
    }
}
