using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Annex;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Rounds;

namespace Udmoentning.Tests.Integration;

/// <summary>
/// A closed follow-up round's report on a real SQLite file, made through the services as people make it: a coordinator
/// opens and closes rounds, editors of two committees write their status texts. The report shows each committee's texts,
/// what changed since the previous round and the totals, and never changes after the close.
/// </summary>
public sealed class RoundReportTests : IAsyncLifetime
{
    private const string HostileText = "=HYPERLINK(\"http://angriber.example\",\"Klik\") <b>fed</b>";
    private const string FirstAuText = "Jobcenteret følger planen: de første 40 borgere er i gang.";
    private const string SecondAuText = "Forsinket et kvartal, fordi udbuddet blev annulleret.\nNyt udbud i gang.";

    private readonly AppFactory _app = new();
    private PlanAdministration _administration = null!;
    private PlanItemService _items = null!;
    private RoundReader _rounds = null!;
    private RoundReportReader _reports = null!;
    private ClaimsPrincipal _coordinator = null!;
    private ClaimsPrincipal _editorAu = null!;
    private ClaimsPrincipal _editorSsu = null!;
    private PlanSnapshot _plan = null!;
    private PlanItem _auItem = null!;
    private PlanItem _ssuItem = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private int PlanId => _plan.Plan.Id;

    public async ValueTask InitializeAsync()
    {
        _administration = _app.Services.GetRequiredService<PlanAdministration>();
        _items = _app.Services.GetRequiredService<PlanItemService>();
        _rounds = _app.Services.GetRequiredService<RoundReader>();
        _reports = _app.Services.GetRequiredService<RoundReportReader>();
        _coordinator = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Coordinator);
        _editorAu = await TestUsers.PrincipalAsync(_app.Services, TestUsers.EditorAu);
        _editorSsu = await TestUsers.CreateAsync(_app.Services, "redaktoer-ssu", Role.Editor, "SSU");
        _plan = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        _auItem = Open(_plan.CommitteeBySlug("au")!.Id);
        _ssuItem = Open(_plan.Committees.Single(c => c.ShortCode == "SSU").Id);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TheReportShowsEachCommitteesTextsTheChangesSinceThePreviousRoundAndTotalsAndStaysAsClosed()
    {
        var au = _plan.CommitteeBySlug("au")!;
        var first = await OpenRoundAsync("Budgetopfølgning pr. 31. marts 2026", au.Id);
        await ReportAsync(_editorAu, first, _auItem, FirstAuText, Health.Green, _auItem.Timing);
        await CloseAsync(first);

        var second = await OpenRoundAsync("Budgetopfølgning pr. 30. juni 2026", null);
        var later = Next(_auItem.Timing!.Value);
        await ReportAsync(_editorAu, second, _auItem, SecondAuText, Health.Yellow, later);
        await ReportAsync(_editorSsu, second, _ssuItem, HostileText, _ssuItem.Health, _ssuItem.Timing);
        await CloseAsync(second);

        var (firstReport, _) = await _reports.ReadAsync(PlanId, first, null, Token);
        Assert.True(firstReport!.IsFirstRound);
        Assert.Equal(RoundReport.FirstRound, firstReport.ComparisonLine);
        // A round opened for AU reports AU's extract, says so, and names its total by it.
        Assert.Equal(("Arbejdsmarkedsudvalget", "I alt, udsnit for Arbejdsmarkedsudvalget"), (firstReport.Scope, firstReport.TotalLine));
        Assert.Equal("Udvalgets egne punkter", firstReport.Committees[0].Name);
        Assert.DoesNotContain(firstReport.Committees.SelectMany(c => c.Rows), r => r.Code == _ssuItem.Code);
        Assert.Equal(FirstAuText, Row(firstReport, _auItem.Code).StatusTextShown);

        var report = await ReportAsync(second, null);
        Assert.Equal("Budgetopfølgning pr. 30. juni 2026", report.RoundName);
        Assert.Equal("Budgetopfølgning pr. 31. marts 2026", report.PreviousRoundName);
        Assert.Equal("Lukket " + AgendaAnnex.DateText(_rounds.Today) + " af Karin Koordinator (direktionen)", report.ClosedLine);
        Assert.Equal($"0 af {report.ItemCount} punkter var klar", report.ReadyLine);
        Assert.Equal(report.Committees.Select(c => c.Name).Order(StringComparer.Create(CultureInfo.GetCultureInfo("da-DK"), false)), report.Committees.Select(c => c.Name));
        Assert.Equal(report.ItemCount, report.Committees.Sum(c => c.Rows.Count));

        var auRow = Assert.Single(report.Committees.Single(c => c.Name == "Arbejdsmarkedsudvalget").Rows, r => r.Code == _auItem.Code);
        Assert.Equal(SecondAuText, auRow.StatusText);
        Assert.Equal(("Gul", 1), (auRow.HealthText, auRow.Slippage - _auItem.Slippage));
        Assert.Equal($"Tilstand: Grøn → Gul; Tidspunkt: {_auItem.Timing} → {later}", auRow.Changed);
        Assert.StartsWith($"{later} (oprindeligt {_auItem.BaselineTiming}, +", auRow.Timing);

        var ssuRow = Assert.Single(report.Committees.Single(c => c.Name == "Social- og sundhedsudvalget").Rows, r => r.Code == _ssuItem.Code);
        Assert.Equal((HostileText, RoundReport.NewInRound), (ssuRow.StatusText, ssuRow.Changed));
        var silent = report.Committees.SelectMany(c => c.Rows).First(r => r.Code != _auItem.Code && r.Code != _ssuItem.Code);
        Assert.Equal(RoundReport.NoStatusText, silent.StatusTextShown);

        // Totals per committee and for the report; the change since the first round, which asked only about AU's extract.
        foreach (var committee in report.Committees)
        {
            Assert.Equal(report.Years.Select((_, y) => committee.Rows.Sum(r => r.Amounts[y])), committee.Total);
        }

        Assert.Equal(report.Years.Select((_, y) => report.Committees.Sum(c => c.Total[y])), report.Total);
        Assert.Equal(report.Years.Select((_, y) => report.Total[y] - firstReport.Total[y]), report.TotalChanges.Select(c => c.Difference));
        Assert.NotEqual(0, report.TotalChanges.Sum(c => Math.Abs(c.Difference)));

        // AU's extract as its agenda annex shows it: its own items, those it treats, and the cross-cutting ones; not SSU's.
        var extract = await ReportAsync(second, "au");
        Assert.Contains(extract.Committees.SelectMany(c => c.Rows), r => r.Code == _auItem.Code && r.StatusText == SecondAuText);
        Assert.DoesNotContain(extract.Committees.SelectMany(c => c.Rows), r => r.Code == _ssuItem.Code);
        var inRound = (await _rounds.GetAsync(PlanId, second, TestContext.Current.CancellationToken))!.Items.Select(e => e.ItemId).ToHashSet();
        Assert.Equal(
            _plan.Items.Where(i => inRound.Contains(i.Id) && CommitteeExtract.Includes(au, i)).Select(i => i.Code).Order(StringComparer.Ordinal),
            extract.Committees.SelectMany(c => c.Rows).Select(r => r.Code).Order(StringComparer.Ordinal));
        Assert.Contains(extract.Committees.SelectMany(c => c.Rows), r => _plan.Items.Single(i => i.Code == r.Code) is { IsCrossCutting: true, Kind: not ItemKind.FiscalLeewayProposal });
        Assert.Equal(["Udvalgets egne punkter", "Tværgående punkter"], extract.Committees.Select(c => c.Name).Where(n => n != "Punkter, udvalget behandler politisk"));
        Assert.Equal(("I alt, hele planen", "I alt, udsnit for Arbejdsmarkedsudvalget"), (report.TotalLine, extract.TotalLine));

        // A third round changes the item again; the closed round's report does not follow.
        var third = await OpenRoundAsync("Budgetopfølgning pr. 30. september 2026", null);
        await ReportAsync(_editorAu, third, _auItem, "Nu rød.", Health.Red, later);
        var again = await ReportAsync(second, null);
        var auAgain = again.Committees.SelectMany(c => c.Rows).Single(r => r.Code == _auItem.Code);
        Assert.Equal((SecondAuText, "Gul"), (auAgain.StatusText, auAgain.HealthText));
        Assert.Equal(report.Total, again.Total);

        // An open round has no report yet; nor has an unknown one.
        var (none, problem) = await _reports.ReadAsync(PlanId, third, null, Token);
        Assert.Null(none);
        Assert.Contains("er ikke lukket endnu", problem);
        Assert.Equal(RoundReportReader.NoRound, (await _reports.ReadAsync(PlanId, 99999, null, Token)).Problem);
        Assert.Contains("findes ikke", (await _reports.ReadAsync(PlanId, second, "ukendt", Token)).Problem);
    }

    [Fact]
    public async Task AReaderDownloadsTheReportAsAWorkbookAndHostileTextStaysInertThereAndOnThePage()
    {
        var round = await OpenRoundAsync("Runde med farlig tekst", null);
        await ReportAsync(_editorAu, round, _auItem, FirstAuText, _auItem.Health, _auItem.Timing);
        await ReportAsync(_editorSsu, round, _ssuItem, HostileText, _ssuItem.Health, _ssuItem.Timing);
        var open = $"/plan/{PlanId}/runder/{round}/rapport";

        var signedOut = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await signedOut.GetAsync(open + ".xlsx", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await signedOut.GetAsync(open, Token)).StatusCode);

        var client = _app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Reader);
        var notClosed = await client.GetAsync(open, Token);
        Assert.Equal(HttpStatusCode.NotFound, notClosed.StatusCode);
        Assert.Contains("er ikke lukket endnu", await notClosed.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(open + ".xlsx", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/plan/{PlanId}/runder/99999/rapport", Token)).StatusCode);
        await CloseAsync(round);

        var page = await client.GetStringAsync(open, Token);
        Assert.Contains("&lt;b&gt;fed&lt;/b&gt;", page);
        Assert.DoesNotContain("<b>", page);
        Assert.Contains(FirstAuText, WebUtility.HtmlDecode(page));
        Assert.Contains(HostileText, WebUtility.HtmlDecode(page));
        Assert.Contains(RoundReport.FirstRound, WebUtility.HtmlDecode(page));
        var auPage = WebUtility.HtmlDecode(await client.GetStringAsync(open + "?udvalg=au", Token));
        Assert.Contains(FirstAuText, auPage);
        Assert.Contains(RoundReport.ExtractNote, auPage);
        Assert.DoesNotContain(HostileText, auPage);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(open + "?udvalg=ukendt", Token)).StatusCode);

        var response = await client.GetAsync(open + ".xlsx", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RoundReportWorkbook.ContentType, response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Token);
        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("Rapport fra opfølgningsrunde: Runde med farlig tekst", Text(rows[0], "A"));
        var (report, _) = await _reports.ReadAsync(PlanId, round, null, Token);
        var headers = RoundReportWorkbook.Headers(report!);
        Assert.Equal(headers, rows[RoundReportWorkbook.TitleLineCount].Values.Take(headers.Count).Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));

        var auRow = Assert.Single(rows, r => Text(r, "B") == _auItem.Code);
        Assert.Equal(["Arbejdsmarkedsudvalget", FirstAuText, _auItem.Health.Name()], new[] { "A", "D", "E" }.Select(c => Text(auRow, c)));
        var ssuRow = Assert.Single(rows, r => Text(r, "B") == _ssuItem.Code);
        Assert.Equal(["Social- og sundhedsudvalget", HostileText], new[] { "A", "D" }.Select(c => Text(ssuRow, c)));
        Assert.Equal(RoundReport.NoStatusText, Text(rows.First(r => Text(r, "B") is { Length: > 0 } code && code != "Nr." && code != _auItem.Code && code != _ssuItem.Code), "D"));

        // Amounts are numbers, per budget year, that add up to the total row.
        const string firstYear = "H";
        var amount = _ssuItem.EffectIn(report!.Years[0]);
        Assert.IsType<double>(ssuRow[firstYear]);
        Assert.Equal(amount, Convert.ToInt64(ssuRow[firstYear], CultureInfo.InvariantCulture));
        var total = Assert.Single(rows, r => Text(r, "A") == report!.TotalLine);
        Assert.Equal(report.Total[0], Convert.ToInt64(total[firstYear], CultureInfo.InvariantCulture));

        // The hostile text is a text cell, not a formula.
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var sheet = new StreamReader(zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Open());
        var xml = await sheet.ReadToEndAsync(Token);
        Assert.DoesNotContain("<x:f>", xml);
        Assert.DoesNotContain("<f>", xml);
    }

    private PlanItem Open(int committeeId) => _plan.Items
        .Where(i => i.CommitteeId == committeeId && !i.IsCompleted && i.Timing is not null && i.Slippage >= 0 && i.Kind != ItemKind.FiscalLeewayProposal && !i.IsCrossCutting)
        .OrderBy(i => i.Code, StringComparer.Ordinal)
        .First();

    private static Quarter Next(Quarter quarter) => quarter.Number == 4 ? new Quarter(quarter.Year + 1, 1) : new Quarter(quarter.Year, quarter.Number + 1);

    private async Task<int> OpenRoundAsync(string name, int? committeeId)
    {
        var opened = await _administration.OpenRoundAsync(_coordinator, PlanId, new RoundForm(name, new DateOnly(2026, 6, 30), committeeId), Token);
        Assert.True(opened.Succeeded, opened.Message);
        return opened.Value;
    }

    private async Task ReportAsync(ClaimsPrincipal user, int roundId, PlanItem item, string text, Health health, Quarter? timing)
    {
        var entry = (await _rounds.GetAsync(PlanId, roundId, Token))!.ItemFor(item.Id)!;
        var reported = await _items.ReportInRoundAsync(user, new RoundReportRequest(roundId, item.Id, entry.Version, text, health, timing), Token);
        Assert.True(reported.Succeeded, reported.Message);
    }

    private async Task CloseAsync(int roundId)
    {
        var round = (await _rounds.GetAsync(PlanId, roundId, Token))!;
        var closed = await _administration.CloseRoundAsync(_coordinator, roundId, round.Version, Token);
        Assert.True(closed.Succeeded, closed.Message);
    }

    private async Task<RoundReport> ReportAsync(int roundId, string? slug)
    {
        var (report, problem) = await _reports.ReadAsync(PlanId, roundId, slug, Token);
        Assert.True(report is not null, problem);
        return report;
    }

    private static ReportRow Row(RoundReport report, string code) => report.Committees.SelectMany(c => c.Rows).Single(r => r.Code == code);

    private static string Text(IDictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
}
