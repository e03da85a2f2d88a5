using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Rounds;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;
using static Udmoentning.Tests.Support.PdfText;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// A closed round's report as a reader saves it: the print page, then "Save as PDF". The PDF's text layer carries each
/// committee's status texts and the traffic lights as words, and names the round on every page, with page numbers.
/// </summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class RoundReportPdfTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    private const string AuText = "Udbuddet af jobtræningen er afsluttet; kontrakten underskrives i august.";
    private const string SsuText = "Hjemmeplejen mangler stadig to medarbejdere, så besparelsen kommer et kvartal senere.";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheReportPrintsAsALandscapePdfWithEachCommitteesTextsAndTheRoundOnEveryPage()
    {
        var (path, name) = await CloseARoundAsync();
        await using var viewer = await browser.OpenAsync(app, "/", TestUsers.Reader);
        await viewer.Page.GotoAsync(path);
        await Expect(viewer.Page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(viewer.Page.GetByRole(AriaRole.Button, new() { Name = "Udskriv / gem som PDF" })).ToBeVisibleAsync();
        await Expect(viewer.Page.GetByRole(AriaRole.Link, new() { Name = "Hent som Excel" }))
            .ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^plan/\d+/runder/\d+/rapport\.xlsx$"));
        await Expect(viewer.Page.GetByRole(AriaRole.Link, new() { Name = "Tilbage til runden" })).ToBeVisibleAsync();

        var pdf = await viewer.Page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });

        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => (p.Width, p.Height, Text: Squeeze(p.Text))).ToList();
        var all = string.Concat(pages.Select(p => p.Text));
        // A search of the PDF finds the plan's words: no ligature glyphs, and the letter pairs they would have joined are there.
        Assert.DoesNotContain(all, IsLigature);
        Assert.Matches("ff|fi|fl", all);
        Assert.True(pages.Count >= 2, $"The whole plan's round should run over more than one page; it took {pages.Count}.");
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.True(pages[i].Width > pages[i].Height, $"Page {i + 1} is {pages[i].Width} x {pages[i].Height} points, not landscape.");
            Assert.Contains(Squeeze(name), pages[i].Text);
            Assert.Contains(Squeeze($"Side {i + 1} af {pages.Count}"), pages[i].Text);
        }

        Assert.Contains(Squeeze(AuText), all);
        Assert.Contains(Squeeze(SsuText), all);
        Assert.Contains(Squeeze("Arbejdsmarkedsudvalget"), all);
        Assert.Contains(Squeeze("Social- og sundhedsudvalget"), all);
        foreach (var word in new[] { "Grøn", "Gul", "Rød" })
        {
            Assert.Contains(word, all);
        }

        Assert.Contains(Squeeze(RoundReport.NoStatusText), all);
        foreach (var chrome in new[] { "Log ud", "Udskriv / gem som PDF", "Hent som Excel", "Tilbage til runden" })
        {
            Assert.DoesNotContain(Squeeze(chrome), all);
        }
    }

    [Fact]
    public async Task TheReportPageMeetsWcag21AA()
    {
        var (path, name) = await CloseARoundAsync();
        await using var viewer = await browser.OpenAsync(app, "/", TestUsers.Reader);
        await viewer.Page.GotoAsync(path);
        await Expect(viewer.Page.Locator("h1")).ToHaveTextAsync(name);

        await Axe.AssertNoViolationsOnPhoneAndDesktopAsync(viewer.Page, "a closed round's report with reports in it");
    }

    /// <summary>Opens a whole-plan round, has an AU and an SSU editor report (Gul and Rød), closes it; its report's address and name.</summary>
    private async Task<(string Path, string Name)> CloseARoundAsync()
    {
        var services = app.Services;
        var administration = services.GetRequiredService<PlanAdministration>();
        var rounds = services.GetRequiredService<RoundReader>();
        var items = services.GetRequiredService<PlanItemService>();
        var coordinator = await TestUsers.PrincipalAsync(services, TestUsers.Coordinator);
        var plan = (await services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var name = $"Rapportrunde {Guid.NewGuid().ToString("N")[..6]}";

        var opened = await administration.OpenRoundAsync(coordinator, plan.Plan.Id, new RoundForm(name, new DateOnly(2026, 6, 30), null), Token);
        Assert.True(opened.Succeeded, opened.Message);
        var roundId = opened.Value;
        await ReportAsync(await TestUsers.PrincipalAsync(services, TestUsers.EditorAu), "AU", AuText, Health.Yellow);
        await ReportAsync(await TestUsers.CreateAsync(services, $"ssu-{name[^6..]}", Role.Editor, "SSU"), "SSU", SsuText, Health.Red);
        var round = (await rounds.GetAsync(plan.Plan.Id, roundId, Token))!;
        var closed = await administration.CloseRoundAsync(coordinator, roundId, round.Version, Token);
        Assert.True(closed.Succeeded, closed.Message);
        return ("/" + PlanLinks.RoundReport(plan.Plan.Id, roundId), name);

        async Task ReportAsync(ClaimsPrincipal editor, string committee, string text, Health health)
        {
            var item = plan.Items.Where(i => plan.Committee(i.CommitteeId)!.ShortCode == committee && !i.IsCompleted).OrderBy(i => i.Code, StringComparer.Ordinal).First();
            var entry = (await rounds.GetAsync(plan.Plan.Id, roundId, Token))!.ItemFor(item.Id)!;
            var reported = await items.ReportInRoundAsync(editor, new RoundReportRequest(roundId, item.Id, entry.Version, text, health, item.Timing), Token);
            Assert.True(reported.Succeeded, reported.Message);
        }
    }
}
