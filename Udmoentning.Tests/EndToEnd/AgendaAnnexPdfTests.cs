using Microsoft.Playwright;
using Udmoentning.Domain;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Questions;
using Udmoentning.Tests.Questions;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Annex;
using Udmoentning.Web.Data.Sample;
using Udmoentning.Web.Plans;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;
using static Udmoentning.Tests.Support.PdfText;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// The agenda annex as the secretary makes it: from the committee's board to the print page, then "Save as PDF".
/// The PDF must carry a real text layer (the case system and the members' reading app search it), be A4 landscape,
/// and name committee, plan and date on every page, with page numbers, and nothing of the app around it. The collected
/// questions and answers print the same way, on A4 portrait (in this class, as it has an app and a browser already).
/// </summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class AgendaAnnexPdfTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    private static readonly IReadOnlyList<SampleItemSpec> _auExtract =
    [
        .. SamplePlanData.Items.Where(i =>
            i.Committee == "AU" || i.TreatedBy == "AU" || i.CrossCutting || i.Kind == ItemKind.FiscalLeewayProposal),
    ];

    private static readonly TimeZoneInfo _danish = Udmoentning.Domain.DanishTime.Zone;

    [Fact]
    public async Task TheBoardsAnnexPrintsAsALandscapePdfWithHeaderAndPageNumbersOnEveryPage()
    {
        await using var viewer = await browser.OpenAsync(app, "/udvalg/au", TestUsers.Reader);
        await viewer.Page.GetByRole(AriaRole.Link, new() { Name = "Bilag til dagsordenen" }).ClickAsync();
        await viewer.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/udvalg/au/bilag");
        await Expect(viewer.Page.Locator("h1")).ToHaveTextAsync(CompoundWords.Hyphenate("Arbejdsmarkedsudvalget (AU)"));
        await Expect(viewer.Page.GetByRole(AriaRole.Button, new() { Name = "Udskriv / gem som PDF" })).ToBeVisibleAsync();
        await Expect(viewer.Page.GetByRole(AriaRole.Link, new() { Name = "Hent som Excel" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^plan/\d+/udvalg/au/bilag\.xlsx$"));

        // The page's own @page rule decides size and orientation, as it does when a user prints from the browser.
        var pdf = await viewer.Page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });

        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => (p.Width, p.Height, Text: Squeeze(p.Text))).ToList();
        var all = string.Concat(pages.Select(p => p.Text));
        Assert.True(pages.Count >= 2, $"The AU extract ({_auExtract.Count} items) should run over more than one page; it took {pages.Count}.");
        Assert.All(pages, p =>
        {
            Assert.True(p.Width > p.Height, $"Page is {p.Width} x {p.Height} points, not landscape.");
            Assert.InRange(p.Width, 835, 848);
            Assert.InRange(p.Height, 590, 600);
        });

        var today = AgendaAnnex.DateText(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, _danish)));
        Assert.Contains(Squeeze($"Pr. {today}"), pages[0].Text);
        Assert.Contains(Squeeze(SamplePlanData.PlanName), pages[0].Text);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains("Arbejdsmarkedsudvalget", pages[i].Text);
            Assert.Contains(Squeeze($"Side {i + 1} af {pages.Count}"), pages[i].Text);
        }

        Assert.All(_auExtract, item => Assert.Contains(Squeeze(item.Code), all));
        // A search of the PDF finds the plan's words: no ligature glyphs, and the letter pairs they would have joined are there.
        Assert.DoesNotContain(all, IsLigature);
        Assert.Matches("ff|fi|fl", all);
        var outsider = SamplePlanData.Items.First(i => !_auExtract.Contains(i) && !_auExtract.Any(a => Squeeze(a.Code).Contains(Squeeze(i.Code), StringComparison.Ordinal)));
        Assert.DoesNotContain(Squeeze(outsider.Code), all);
        Assert.Contains(Squeeze("I alt"), all);
        var economy = all[all.IndexOf(Squeeze(AnnexEconomy.SavingsLabel), StringComparison.Ordinal)..];
        Assert.Contains(Squeeze(AgendaAnnex.EconomyHeading), all);
        Assert.Contains(Amounts.Format(_auExtract.Sum(i => Math.Min(0, i.Effects[1]))), economy);
        Assert.Contains(Squeeze(AnnexEconomy.ExpansionsLabel), economy);
        Assert.True(economy.Contains(Squeeze($"Mål: {SamplePlanData.TargetName}{AnnexTarget.TargetLabel}"), StringComparison.Ordinal), economy);
        Assert.Contains(Amounts.Format(SamplePlanData.TargetAmounts[2026]), economy);

        // Nothing of the app bar, the menus or the page's own buttons.
        foreach (var chrome in new[] { "Log ud", "Spring til indhold", "Ændringer", "Udskriv / gem som PDF", "Hent som Excel", "Tilbage til tavlen", Viewer.DisplayName(TestUsers.Reader) })
        {
            Assert.DoesNotContain(Squeeze(chrome), all);
        }
    }

    [Fact]
    public async Task ThePrintButtonOpensPrintingWithoutInlineScript()
    {
        await using var viewer = await browser.OpenAsync(app, "/udvalg/au", TestUsers.Reader);
        var violations = new List<string>();
        viewer.Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        await viewer.Page.GotoAsync("/udvalg/au/bilag");
        await viewer.Page.EvaluateAsync("() => { window.__printed = 0; window.print = () => window.__printed++; }");

        await viewer.Page.GetByRole(AriaRole.Button, new() { Name = "Udskriv / gem som PDF" }).ClickAsync();

        Assert.Equal(1, await viewer.Page.EvaluateAsync<int>("() => window.__printed"));
        Assert.Empty(violations);
    }

    [Fact]
    public async Task TheCollectedQuestionsPrintAsAPortraitPdfInNumberOrderWithPageNumbers()
    {
        var (planId, _) = await QuestionSteps.ItemAsync(app.Services, "AU-D1");
        var asked = new List<PlanQuestion>();
        for (var i = 1; i <= 3; i++)
        {
            asked.Add(await QuestionSteps.AskAsync(app.Services, TestUsers.Reader, planId, QuestionScope.Plan, null, $"Spørgsmål til PDF nr. {i}: hvad er effekten?", assign: false));
        }

        // Numbered the other way round from how they were asked: the document goes by number.
        var answered = new List<(int Number, string Mark)>();
        foreach (var question in Enumerable.Reverse(asked))
        {
            var assigned = await QuestionSteps.AssignAsync(app.Services, question);
            // Long enough to run over pages; the mark at its start tells where it begins.
            var mark = $"Svaret med mærket {Guid.NewGuid():N} om effekten af tiltaget.";
            await QuestionSteps.AnswerAsync(app.Services, assigned, mark + string.Concat(Enumerable.Repeat(" Effekten følges hvert kvartal i opfølgningen.", 25)));
            answered.Add((assigned.Number!.Value, mark));
        }

        await using var viewer = await browser.OpenAsync(app, "/", TestUsers.Reader);
        await viewer.Page.GotoAsync("/" + PlanLinks.QuestionsDocument(planId));
        await Expect(viewer.Page.Locator("h1")).ToHaveTextAsync(Udmoentning.Web.Questions.QuestionSubject.WholePlan);
        await Expect(viewer.Page.GetByRole(AriaRole.Link, new() { Name = "Hent som Excel" })).ToHaveAttributeAsync("href", $"plan/{planId}/spoergsmaal/samlet.xlsx");

        var pdf = await viewer.Page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });

        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => (p.Width, p.Height, Text: Squeeze(p.Text))).ToList();
        var all = string.Concat(pages.Select(p => p.Text));
        Assert.All(pages, p =>
        {
            Assert.True(p.Height > p.Width, $"Page is {p.Width} x {p.Height} points, not portrait.");
            Assert.InRange(p.Width, 590, 600);
            Assert.InRange(p.Height, 835, 848);
        });
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains(Squeeze($"Side {i + 1} af {pages.Count}"), pages[i].Text);
        }

        var positions = answered.OrderBy(a => a.Number).Select(a => all.IndexOf(Squeeze(a.Mark), StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0, "Every published answer is in the PDF's text."));
        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain(all, IsLigature);
        foreach (var chrome in new[] { "Log ud", "Udskriv / gem som PDF", "Hent som Excel", "Tilbage til spørgsmålene" })
        {
            Assert.DoesNotContain(Squeeze(chrome), all);
        }
    }
}
