using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Rounds;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;
using static Udmoentning.Tests.Support.PdfText;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// A whole follow-up round in three browsers: the coordinator opens it, an AU editor and a BUU editor each see only their
/// committee's items, report and mark one ready, the coordinator watches the progress move live and closes the round; a
/// later change of an item does not alter the closed round, whose report, saved as PDF, reads back each committee's text.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class FollowUpRoundTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    private const string AuText = "Jobcentrets nye visitation er i drift; besparelsen er realiseret fra 1. maj.";
    private const string BuuText = "Dagtilbuddenes nye normering forsinkes af byggeriet i Grenaa; vi venter til Q4.";

    [Fact]
    public async Task TwoEditorsReportTheirOwnItemsTheCoordinatorSeesItLiveAndTheClosedRoundsReportKeepsIt()
    {
        var token = TestContext.Current.CancellationToken;
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: token))!;
        var planId = plan.Plan.Id;
        var committeeOf = plan.Items.ToDictionary(i => i.Code, i => plan.Committee(i.CommitteeId)!.ShortCode);
        var open = plan.Items.Count(i => !i.IsCompleted);
        var name = $"Budgetopfølgning {Guid.NewGuid():N}"[..26];

        // The coordinator opens a round for the whole plan from the form.
        await using var coordinator = await browser.OpenAsync(app, "/" + PlanLinks.Rounds(planId), TestUsers.Coordinator, board: false);
        await coordinator.Page.GetByLabel("Navn", new() { Exact = true }).FillAsync(name);
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Åbn runden" }).ClickAsync();
        await coordinator.Page.WaitForURLAsync(new Regex(@"/runder/\d+$"));
        await Expect(coordinator.Page.Locator("h1")).ToHaveTextAsync(name);
        var roundId = int.Parse(new Uri(coordinator.Page.Url).Segments[^1], System.Globalization.CultureInfo.InvariantCulture);
        var total = coordinator.Page.Locator(".round-total");
        await Expect(total).ToContainTextAsync($"Klar: 0 af {open}");

        // Each editor sees only their own committee's items in the round, and reports on one.
        await using var au = await browser.OpenAsync(app, "/" + PlanLinks.MyRoundItems(planId), TestUsers.EditorAu, board: false);
        await using var buu = await browser.OpenAsync(app, "/" + PlanLinks.MyRoundItems(planId), TestUsers.EditorBuu, board: false);
        var auCode = await ReportAsync(au, "AU", AuText, "Gul");
        await Expect(total).ToContainTextAsync($"Klar: 1 af {open}");
        await Expect(CommitteeRow(coordinator, "Arbejdsmarkedsudvalget")).ToContainTextAsync("1");
        var buuCode = await ReportAsync(buu, "BUU", BuuText, "Rød");
        await Expect(total).ToContainTextAsync($"Klar: 2 af {open}");

        // Closing freezes it; the editors' lists empty at once.
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Luk runden" }).ClickAsync();
        await coordinator.Dialog.GetByRole(AriaRole.Button, new() { Name = "Luk runden" }).ClickAsync();
        await Expect(coordinator.Page.Locator(".round-meta")).ToContainTextAsync("Lukket");
        await Expect(au.Page.Locator($"section[data-round='{name}']")).ToHaveCountAsync(0);

        // A later change of the AU item (back to green) does not alter what the closed round reported.
        var items = app.Services.GetRequiredService<PlanItemService>();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(token))
        {
            var item = await db.Items.AsNoTracking().SingleAsync(i => i.Code == auCode, token);
            var changed = await items.UpdateAsync(await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu), item.Id, item.Version,
                item.ToDetails() with { Health = Health.Green }, token);
            Assert.True(changed.Succeeded, changed.Message);
        }

        // A reader opens the report: each committee's text and the frozen traffic light, and the same in the PDF.
        await using var reader = await browser.OpenAsync(app, "/", TestUsers.Reader);
        await reader.Page.GotoAsync("/" + PlanLinks.RoundReport(planId, roundId));
        await Expect(reader.Page.Locator("h1")).ToHaveTextAsync(name);
        var auRow = Row(reader, auCode);
        await Expect(auRow).ToContainTextAsync(AuText);
        await Expect(auRow).ToContainTextAsync("Gul");
        await Expect(Row(reader, buuCode)).ToContainTextAsync(BuuText);

        var pdf = await reader.Page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });
        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => Squeeze(p.Text)));
        Assert.Contains(Squeeze(AuText), text);
        Assert.Contains(Squeeze(BuuText), text);
        Assert.Contains(Squeeze("Arbejdsmarkedsudvalget"), text);
        Assert.Contains(Squeeze("Børne- og ungdomsudvalget"), text);

        async Task<string> ReportAsync(Viewer editor, string committee, string statusText, string health)
        {
            var sections = editor.Page.Locator($"section[data-round='{name}']");
            await Expect(sections.First).ToBeVisibleAsync();
            var codes = await sections.EvaluateAllAsync<string[]>("s => s.map(e => e.dataset.itemCode)");
            Assert.NotEmpty(codes);
            Assert.All(codes, code => Assert.Equal(committee, committeeOf[code]));
            Assert.Equal(plan.Items.Count(i => !i.IsCompleted && committeeOf[i.Code] == committee), codes.Length);

            var section = sections.First;
            await section.GetByLabel("Statustekst").FillAsync(statusText);
            await section.GetByLabel(health, new() { Exact = true }).CheckAsync();
            await section.GetByRole(AriaRole.Button, new() { Name = "Gem", Exact = true }).ClickAsync();
            await Expect(section.GetByRole(AriaRole.Status)).ToContainTextAsync("er gemt");
            await section.GetByRole(AriaRole.Button, new() { Name = "Markér klar" }).ClickAsync();
            await Expect(section.Locator(".ready-word")).ToHaveTextAsync("Klar");
            return codes[0];
        }
    }

    private static ILocator CommitteeRow(Viewer viewer, string committee) =>
        viewer.Page.Locator("table.round-committees tr").Filter(new() { Has = viewer.Page.GetByRole(AriaRole.Rowheader, new() { Name = committee, Exact = true }) });

    private static ILocator Row(Viewer viewer, string code) =>
        viewer.Page.Locator("tr").Filter(new() { HasTextRegex = new Regex($@"(^|\s){Regex.Escape(code)}(\s|$)") });
}
