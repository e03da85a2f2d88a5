using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Annex;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data.Sample;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Integration;

/// <summary>A committee's agenda annex from the sample plan: what it holds, its totals, and the workbook a secretary downloads.</summary>
public sealed class AgendaAnnexTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Arbejdsmarkedsudvalget's extract, worked out from the sample data rather than from the rule under test.</summary>
    private static readonly IReadOnlyList<string> _auCodes =
    [
        .. SamplePlanData.Items
            .Where(i => i.Committee == "AU" || i.TreatedBy == "AU" || i.CrossCutting || i.Kind == ItemKind.FiscalLeewayProposal)
            .Select(i => i.Code),
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheAuAnnexHoldsExactlyTheExtractOwnItemsFirstThenTreatedThenCrossCuttingEachByTheme()
    {
        var snapshot = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var au = snapshot.CommitteeBySlug("au")!;

        var annex = AgendaAnnex.Build(snapshot, au, new DateOnly(2025, 1, 20));

        var extract = snapshot.Items.Where(i => CommitteeExtract.Includes(au, i)).ToList();
        Assert.Equal(extract.Select(i => i.Code).Order(StringComparer.Ordinal), annex.Themes.SelectMany(t => t.Rows).Select(r => r.Code).Order(StringComparer.Ordinal));
        Assert.Equal(_auCodes.Order(StringComparer.Ordinal), extract.Select(i => i.Code).Order(StringComparer.Ordinal));
        Assert.Equal(extract.Count, annex.ItemCount);
        Assert.True(annex.Themes.Count > 1);

        // AU's own items, then those it treats politically, then the cross-cutting ones; within each by main theme.
        ExtractGroup GroupOf(PlanItem item) =>
            item.CommitteeId == au.Id ? ExtractGroup.Own : item.TreatmentCommitteeId == au.Id ? ExtractGroup.TreatedPolitically : ExtractGroup.CrossCutting;
        Assert.Equal(extract.Select(GroupOf).Distinct().Order(), annex.Themes.Select(t => t.Group).Distinct());
        Assert.Equal(annex.Themes.Select(t => (t.Group, t.Position)).Order(), annex.Themes.Select(t => (t.Group, t.Position)));
        foreach (var theme in annex.Themes)
        {
            var planTheme = snapshot.Themes.Single(t => t.Position == theme.Position);
            var items = extract.Where(i => i.ThemeId == planTheme.Id && GroupOf(i) == theme.Group).ToList();
            Assert.Equal(items.Select(i => i.Code).Order(ItemCodes.Order), theme.Rows.Select(r => r.Code));
            Assert.Equal(PlanTotals.PerYear(items, snapshot.Plan.BudgetYears).ByYear, theme.Total.ByYear);
        }

        Assert.Equal(PlanTotals.PerYear(extract, snapshot.Plan.BudgetYears).ByYear, annex.Total.ByYear);
        Assert.Equal([2025, 2026, 2027, 2028], annex.Years);
        Assert.Equal(("Arbejdsmarkedsudvalget", "AU", SamplePlanData.PlanName), (annex.CommitteeName, annex.CommitteeCode, annex.PlanName));
        Assert.Equal(new DateOnly(2025, 1, 23), annex.NextMeeting);
        Assert.Equal("Pr. 20. jan. 2025 · næste møde 23. jan. 2025", annex.DateLine);
    }

    [Fact]
    public async Task TheAnnexEconomyHasTheExtractsSavingsAndExpansionsApartAndItsPartOfEachTarget()
    {
        var snapshot = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var au = snapshot.CommitteeBySlug("au")!;
        var extract = snapshot.Items.Where(i => CommitteeExtract.Includes(au, i)).ToList();

        var economy = AgendaAnnex.Build(snapshot, au, new DateOnly(2025, 1, 20)).Economy;

        foreach (var year in snapshot.Plan.BudgetYears)
        {
            Assert.Equal(extract.Where(i => i.EffectIn(year) < 0).Sum(i => (long)i.EffectIn(year)), economy.Savings[year]);
            Assert.Equal(extract.Where(i => i.EffectIn(year) > 0).Sum(i => (long)i.EffectIn(year)), economy.Expansions[year]);
        }

        Assert.True(economy.Savings.Sum < 0 && economy.Expansions.Sum > 0, "The AU extract has both savings and expansions.");
        var target = Assert.Single(economy.Targets);
        Assert.Equal($"Mål: {SamplePlanData.TargetName}", target.Heading);
        var counted = extract.Where(i => i.Kind == ItemKind.FiscalLeewayProposal).ToList();
        Assert.Equal(counted.Count, target.CountedItems);
        foreach (var year in snapshot.Plan.BudgetYears)
        {
            Assert.Equal(SamplePlanData.TargetAmounts[year], target.TargetIn(year));
            Assert.Equal(counted.Sum(i => (long)i.EffectIn(year)), target.PlannedIn(year));
            Assert.Equal(counted.Where(i => i.IsCompleted).Sum(i => (long)i.EffectIn(year)), target.RealisedIn(year));
        }
    }

    [Fact]
    public async Task RowsSayCompletedSlippageHealthAndTreatmentInWords()
    {
        var snapshot = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var annex = AgendaAnnex.Build(snapshot, snapshot.CommitteeBySlug("au")!, new DateOnly(2025, 1, 20));
        var rows = annex.Themes.SelectMany(t => t.Rows).ToDictionary(r => r.Code);

        var slipped = SamplePlanData.Items.First(i => _auCodes.Contains(i.Code) && i.Timing is not null && i.Baseline is not null && i.Timing != i.Baseline);
        var quarters = DanishTiming.Parse(slipped.Timing!).QuartersAfter(DanishTiming.Parse(slipped.Baseline!));
        Assert.Equal($"{slipped.Timing} (oprindeligt {slipped.Baseline}, {(quarters > 0 ? "+" : "")}{quarters} kvt.)", rows[slipped.Code].Timing);

        var completed = SamplePlanData.Items.First(i => _auCodes.Contains(i.Code) && i.Status == ItemStatus.Completed);
        Assert.Equal("X Afsluttet", rows[completed.Code].Status);

        var treated = SamplePlanData.Items.First(i => _auCodes.Contains(i.Code) && i.MeetingOn is not null);
        var meeting = DateOnly.ParseExact(treated.MeetingOn!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"{treated.TreatedBy} {AgendaAnnex.DateText(meeting)}", rows[treated.Code].Treatment);

        Assert.All(rows.Values, r => Assert.Contains(r.HealthText, new[] { "Grøn", "Gul", "Rød" }));
        var amounts = SamplePlanData.Items.First(i => _auCodes.Contains(i.Code) && i.Effects.Any(e => e != 0));
        Assert.Equal(amounts.Effects, rows[amounts.Code].Amounts);
    }

    [Fact]
    public async Task TheWorkbookNamesCommitteeAndPlanAndHoldsEveryExtractItemAndItsTotals()
    {
        var client = app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Reader);
        var snapshot = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;

        var response = await client.GetAsync($"/plan/{snapshot.Plan.Id}/udvalg/au/bilag.xlsx", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AgendaAnnexWorkbook.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("bilag-au-2025-2028-", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var rows = await ReadAsync(response);
        Assert.Equal("Arbejdsmarkedsudvalget (AU)", Text(rows[0], "A"));
        Assert.Equal($"Udsnit af udmøntningsplanen: {SamplePlanData.PlanName}", Text(rows[1], "A"));
        Assert.StartsWith("Pr. ", Text(rows[2], "A"));
        var header = rows.Single(r => Text(r, "A") == "Nr.");
        Assert.Equal(["Titel", "Type", "Udvalg", "Status", "Tilstand", "Vejledende tidspunkt", "Politisk behandling", "2025", "2026", "2027", "2028", "Bemærk"],
            new[] { "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M" }.Select(c => Text(header, c)));

        var itemRows = rows.Where(r => _auCodes.Contains(Text(r, "A"))).ToList();
        Assert.Equal(_auCodes.Order(StringComparer.Ordinal), itemRows.Select(r => Text(r, "A")).Order(StringComparer.Ordinal));
        var byCode = SamplePlanData.Items.ToDictionary(i => i.Code);
        Assert.All(itemRows, r => Assert.Equal(byCode[Text(r, "A")].Title, Text(r, "B")));

        var years = new[] { "I", "J", "K", "L" };
        var grandTotal = rows.Single(r => Text(r, "A") == "I alt");
        Assert.Equal("I alt", Text(grandTotal, "A"));
        var expected = Enumerable.Range(0, 4).Select(y => _auCodes.Sum(code => byCode[code].Effects[y])).ToList();
        Assert.Equal(expected, years.Select(c => Amount(grandTotal, c)));
        Assert.Equal(expected, years.Select(c => itemRows.Sum(r => Amount(r, c))));

        var themeTotals = rows.Where(r => Text(r, "A").StartsWith("I alt ", StringComparison.Ordinal)).ToList();
        // One total per main theme within each group (own, treated politically, cross-cutting), each group under its heading.
        var au = snapshot.CommitteeBySlug("au")!;
        var sections = snapshot.Items.Where(i => _auCodes.Contains(i.Code))
            .Select(i => (Group: i.CommitteeId == au.Id ? ExtractGroup.Own : i.TreatmentCommitteeId == au.Id ? ExtractGroup.TreatedPolitically : ExtractGroup.CrossCutting, i.ThemeId))
            .Distinct().ToList();
        Assert.Equal(sections.Count, themeTotals.Count);
        Assert.Equal(sections.Select(s => s.Group.Name()).Distinct().Order(StringComparer.Ordinal),
            rows.Select(r => Text(r, "A")).Where(t => sections.Any(s => s.Group.Name() == t)).Order(StringComparer.Ordinal));
        Assert.Equal(expected, years.Select(c => themeTotals.Sum(r => Amount(r, c))));

        // The economy section after the extract, read back: savings and expansions apart, and the plan's target.
        var economy = rows.SkipWhile(r => Text(r, "A") != AgendaAnnex.EconomyHeading).ToDictionary(r => Text(r, "A"));
        Assert.NotEmpty(economy);
        var effects = _auCodes.Select(code => byCode[code].Effects).ToList();
        Assert.Equal(Enumerable.Range(0, 4).Select(y => effects.Sum(e => Math.Min(0, e[y]))), years.Select(c => Amount(economy[AnnexEconomy.SavingsLabel], c)));
        Assert.Equal(Enumerable.Range(0, 4).Select(y => effects.Sum(e => Math.Max(0, e[y]))), years.Select(c => Amount(economy[AnnexEconomy.ExpansionsLabel], c)));
        Assert.Equal(expected, years.Select(c => Amount(economy[AnnexEconomy.NetLabel], c)));
        Assert.Contains($"Mål: {SamplePlanData.TargetName}", economy.Keys);
        Assert.Equal(SamplePlanData.TargetAmounts.Values, years.Select(c => Amount(economy[AnnexTarget.TargetLabel], c)));
        Assert.Single(economy.Keys, k => k.StartsWith("Planlagt af udvalgets", StringComparison.Ordinal));
        Assert.Contains(AnnexTarget.RealisedLabel, economy.Keys);
    }

    [Fact]
    public async Task ASignedOutClientGetsNoWorkbook()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var snapshot = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;

        foreach (var path in new[] { $"/plan/{snapshot.Plan.Id}/udvalg/au/bilag.xlsx", "/udvalg/au/bilag", $"/plan/{snapshot.Plan.Id}/udvalg/au/bilag" })
        {
            var response = await client.GetAsync(path, Token);
            var body = await response.Content.ReadAsStringAsync(Token);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/konto/log-ind", response.Headers.Location!.PathAndQuery);
            Assert.NotEqual(AgendaAnnexWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("AU-", body);
        }
    }

    [Theory]
    [InlineData("/plan/{plan}/udvalg/ingen/bilag.xlsx", "Udvalget \"ingen\" findes ikke i planen")]
    [InlineData("/plan/99999/udvalg/au/bilag.xlsx", "Planen findes ikke.")]
    [InlineData("/udvalg/ingen/bilag", "Udvalget &quot;ingen&quot; findes ikke i planen")]
    [InlineData("/plan/99999/udvalg/au/bilag", "Planen findes ikke.")]
    public async Task AnUnknownCommitteeOrPlanIsNotFoundWithADanishMessage(string path, string message)
    {
        var client = app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Reader);
        var snapshot = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;

        var response = await client.GetAsync(path.Replace("{plan}", snapshot.Plan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(body.Contains(message, StringComparison.Ordinal), body[Math.Max(0, body.IndexOf("<body", StringComparison.Ordinal))..]);
        Assert.NotEqual(AgendaAnnexWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ThePrintPageIsOneTableWithARepeatingHeaderAndNoAppBar()
    {
        var client = app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Reader);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/udvalg/au/bilag", Token));

        Assert.Contains($"<h1><bdi>{Udmoentning.Domain.CompoundWords.Hyphenate("Arbejdsmarkedsudvalget")}</bdi> (<bdi>AU</bdi>)</h1>", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<table"));
        Assert.Contains("<thead>", html);
        Assert.All(_auCodes, code => Assert.Contains($"<bdi>{code}</bdi>", html));
        Assert.Contains("data-annex-print", html);
        Assert.Contains("css/annex", html);
        Assert.DoesNotContain("mud-appbar", html);
        Assert.DoesNotContain("Log ud", html);
        Assert.DoesNotContain("Spring til indhold", html);
    }

    private static async Task<List<IDictionary<string, object?>>> ReadAsync(HttpResponseMessage response)
    {
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Token));
        return [.. stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>()];
    }

    private static string Text(IDictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;

    private static int Amount(IDictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var value) && value is not null ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
