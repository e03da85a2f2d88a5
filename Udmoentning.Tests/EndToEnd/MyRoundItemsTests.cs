using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rounds;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Rounds;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// The responsible person's side of a follow-up round: the reminder (notice and badge), "Mine punkter i runden" with a
/// report per item, live changes from others without losing what is typed, and the item's texts in its details.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class MyRoundItemsTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAuEditorIsRemindedReportsOnTheirItemsAndMarksOneReadyAndTheDetailsShowTheText()
    {
        var (plan, round, name, mine) = await OpenAuRoundAsync();
        var rounds = app.Services.GetRequiredService<RoundReader>();
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var missing = await rounds.MissingCountAsync(editor, plan.Plan.Id, Cancel);
        Assert.True(mine.Count >= 3, "The sample plan should give AU at least three open items.");

        await using var viewer = await browser.OpenAsync(app, "/", TestUsers.EditorAu);
        var page = viewer.Page;
        page.Dialog += (_, dialog) => Assert.Fail($"A script ran in the page: {dialog.Message}");
        var deadline = MeetingDates.Format(round.Deadline);
        var notice = page.Locator(".round-notice");
        await Expect(notice).ToContainTextAsync($"Du mangler at rapportere {mine.Count} punkter i «{name}» (frist {deadline}).");
        var roundsLink = page.GetByRole(AriaRole.Link, new() { Name = "Opfølgning" }).First;
        await Expect(roundsLink).ToContainTextAsync($"{missing} punkter mangler i runden");

        await notice.GetByRole(AriaRole.Link, new() { Name = "Gå til mine punkter" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/plan/{plan.Plan.Id}/runder/mine");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Mine punkter i runden");
        await Expect(page.Locator(".round-notice")).ToHaveCountAsync(0);
        await Expect(page.GetByText($"Du mangler {mine.Count} af {mine.Count} punkter i «{name}» · frist {deadline}")).ToBeVisibleAsync();

        var sections = page.Locator($"section[data-round='{name}']");
        await Expect(sections).ToHaveCountAsync(mine.Count);
        var shown = await sections.EvaluateAllAsync<string[]>("s => s.map(e => e.dataset.itemCode)");
        Assert.Equal(mine.Select(i => i.Code), shown.Order(StringComparer.Ordinal));
        shown = await page.Locator("section[data-item-code]").EvaluateAllAsync<string[]>("s => s.map(e => e.dataset.itemCode)");
        var auCodes = plan.Items.Where(i => i.CommitteeId == mine[0].CommitteeId).Select(i => i.Code).ToHashSet();
        Assert.All(shown, code => Assert.Contains(code, auCodes));
        await Axe.AssertNoViolationsAsync(page);

        // A report with HTML in it, "Gul", saved; then ready.
        var first = Section(page, name, mine[0].Code);
        await Expect(first.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync($"{mine[0].Code} {mine[0].Title}");
        await Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Tidligere runder" })).ToBeVisibleAsync();
        await Expect(first).ToContainTextAsync("Du er den eneste redaktør for Arbejdsmarkedsudvalget, der svarer for punktet.");
        await Expect(first.GetByRole(AriaRole.Button, new() { Name = "Markér klar" })).ToBeDisabledAsync();
        const string report = "Tidsplanen holder, men udbuddet er forsinket. <script>alert(1)</script>";
        await first.GetByLabel("Statustekst").FillAsync(report);
        await Expect(first.Locator(".counter")).ToHaveTextAsync($"{report.Length}/2000");
        await first.GetByLabel("Gul", new() { Exact = true }).CheckAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Gem", Exact = true }).ClickAsync();
        await Expect(first.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Opfølgningen på {mine[0].Code} er gemt.");
        var saved = (await rounds.GetAsync(plan.Plan.Id, round.Id, Cancel))!.ItemFor(mine[0].Id)!;
        Assert.Equal((report, Health.Yellow), (saved.StatusText, saved.Health));
        Assert.Equal(Health.Yellow, (await app.Services.GetRequiredService<PlanCache>().GetAsync(plan.Plan.Id, Cancel))!.Item(mine[0].Id)!.Health);

        await first.GetByRole(AriaRole.Button, new() { Name = "Markér klar" }).ClickAsync();
        await Expect(first.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{mine[0].Code} er markeret klar.");
        await Expect(first.Locator(".ready-word")).ToHaveTextAsync("Klar");
        await Expect(first).ToContainTextAsync($"markeret af {Viewer.DisplayName(TestUsers.EditorAu)}");
        await Expect(first.GetByRole(AriaRole.Button, new() { Name = "Fortryd klar" })).ToBeVisibleAsync();
        await Expect(roundsLink).ToContainTextAsync($"{missing - 1} punkter mangler i runden");
        await Expect(page.GetByText($"Du mangler {mine.Count - 1} af {mine.Count} punkter i «{name}»")).ToBeVisibleAsync();

        // Typing in two items while the coordinator reports on one of them: the list follows, and nothing typed is lost.
        var second = Section(page, name, mine[1].Code);
        var third = Section(page, name, mine[2].Code);
        var tooLong = new string('a', RoundItem.StatusTextLength + 1);
        await second.GetByLabel("Statustekst").FillAsync(tooLong);
        await third.GetByLabel("Statustekst").FillAsync("Min egen tekst om punktet");
        // What was typed has reached the server (its counter follows the text) before the coordinator's report arrives.
        await Expect(second.Locator(".counter")).ToContainTextAsync($"{tooLong.Length}/");
        await Expect(third.Locator(".counter")).ToContainTextAsync($"{"Min egen tekst om punktet".Length}/");
        var entry = (await rounds.GetAsync(plan.Plan.Id, round.Id, Cancel))!.ItemFor(mine[2].Id)!;
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var theirs = await app.Services.GetRequiredService<PlanItemService>().ReportInRoundAsync(coordinator,
            new RoundReportRequest(round.Id, mine[2].Id, entry.Version, "Koordinatorens tekst", mine[2].Health, mine[2].Timing), Cancel);
        Assert.True(theirs.Succeeded, theirs.Message);
        await Expect(page.Locator("#rounds-announcer")).ToContainTextAsync($"{mine[2].Code} er opdateret i runden af {Viewer.DisplayName(TestUsers.Coordinator)}");
        await Expect(second.GetByLabel("Statustekst")).ToHaveValueAsync(tooLong);
        await Expect(third.GetByLabel("Statustekst")).ToHaveValueAsync("Min egen tekst om punktet");

        await third.GetByRole(AriaRole.Button, new() { Name = "Gem", Exact = true }).ClickAsync();
        await Expect(third.GetByRole(AriaRole.Status)).ToContainTextAsync("er ændret i runden af en anden");
        await Expect(third.GetByLabel("Statustekst")).ToHaveValueAsync("Koordinatorens tekst");
        await Expect(third.Locator(".your-text")).ToContainTextAsync("Din tekst:");
        await Expect(third.Locator(".your-text")).ToContainTextAsync("Min egen tekst om punktet");

        await Expect(second.Locator(".counter")).ToHaveTextAsync("2001/2000 (for lang)");
        await second.GetByRole(AriaRole.Button, new() { Name = "Gem", Exact = true }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Status)).ToHaveTextAsync("Statusteksten må højst være 2000 tegn (er 2001).");
        await Expect(second.Locator("p.problem-error[role=status]")).ToBeVisibleAsync();
        Assert.Null((await rounds.GetAsync(plan.Plan.Id, round.Id, Cancel))!.ItemFor(mine[1].Id)!.StatusText);
        await Axe.AssertNoViolationsAsync(page);

        // The item's details show the text round by round, as text.
        await viewer.GoToAsync("/");
        await Expect(notice).ToContainTextAsync($"Du mangler at rapportere {mine.Count - 1} punkter i «{name}»");
        await notice.GetByRole(AriaRole.Button, new() { Name = "Skjul" }).ClickAsync();
        await Expect(page.Locator(".round-notice")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Oversigt", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.EndsWith("/oversigt", StringComparison.Ordinal));
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Expect(page.Locator(".round-notice")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Tavle", Exact = true }).ClickAsync();
        await viewer.WaitUntilInteractiveAsync();
        await viewer.TitleOf(mine[0].Code).ClickAsync();
        await viewer.Dialog.GetByRole(AriaRole.Tab, new() { Name = "Opfølgning" }).ClickAsync();
        var texts = viewer.Dialog.Locator($".round-text[data-round='{name}']");
        await Expect(texts.Locator(".round-text-status")).ToHaveTextAsync(report);
        await Expect(texts).ToContainTextAsync("Åben");
        await Expect(texts).ToContainTextAsync("Gul");
        await Expect(texts).ToContainTextAsync($"Klar ({Viewer.DisplayName(TestUsers.EditorAu)}");
    }

    [Fact]
    public async Task AnEditorForACommitteeOutsideTheRoundSeesNoneOfItsItemsAndNoReminder()
    {
        var (plan, round, name, mine) = await OpenAuRoundAsync();

        // A committee none of whose items are in AU's round (items only treated in AU are answered by their own committee).
        var inRound = round.Items.Select(e => plan.Item(e.ItemId)!.CommitteeId).ToHashSet();
        var other = plan.Committees.First(c => !inRound.Contains(c.Id) && plan.Items.Any(i => i.CommitteeId == c.Id));
        var UserName = $"runde-redaktoer-{other.Id}";
        const string Password = "en-lang-adgangskode-til-test";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await AccessStartup.EnsureUserAsync(scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>(), UserName, "Anden Redaktør", Password, Role.Editor, other.ShortCode);
        }

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "da-DK" });
        context.SetDefaultTimeout(BrowserFixture.TimeoutMs);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/konto/log-ind?returnUrl={Uri.EscapeDataString($"/plan/{plan.Plan.Id}/runder/mine")}");
        await page.Locator("#username").FillAsync(UserName);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("form.login-form button[type=submit]").ClickAsync();
        await page.Locator("[data-interactive=true]").WaitForAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Mine punkter i runden");
        await Expect(page.GetByText("Du har ingen punkter i en åben runde.")).ToBeVisibleAsync();
        await Expect(page.Locator($"section[data-round='{name}']")).ToHaveCountAsync(0);
        foreach (var item in mine)
        {
            await Expect(page.Locator($"section[data-item-code='{item.Code}']")).ToHaveCountAsync(0);
        }

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Opfølgning", Exact = true }).First).ToBeVisibleAsync();
        await Expect(page.Locator(".round-badge")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mine punkter i runden" })).ToHaveCountAsync(0);
        await page.GotoAsync("/");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Expect(page.Locator(".round-notice")).ToHaveCountAsync(0);
        await context.CloseAsync();
    }

    private static ILocator Section(IPage page, string round, string code) => page.Locator($"section[data-round='{round}'][data-item-code='{code}']");

    /// <summary>Opens a round with a name of its own for AU; returns the items AU's editors answer for in it, by code.</summary>
    private async Task<(PlanSnapshot Plan, FollowUpRound Round, string Name, IReadOnlyList<PlanItem> Mine)> OpenAuRoundAsync()
    {
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Cancel))!;
        var au = plan.Committees.Single(c => c.ShortCode == "AU");
        var rounds = app.Services.GetRequiredService<RoundReader>();
        var name = $"Budgetopfølgning pr. 30. juni 2026 ({Guid.NewGuid().ToString("N")[..6]})";
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var opened = await app.Services.GetRequiredService<PlanAdministration>()
            .OpenRoundAsync(coordinator, plan.Plan.Id, new RoundForm(name, rounds.Today.AddDays(30), au.Id), Cancel);
        Assert.True(opened.Succeeded, opened.Message);
        var round = (await rounds.GetAsync(plan.Plan.Id, opened.Value, Cancel))!;
        var mine = round.Items.Select(e => plan.Item(e.ItemId)!).Where(i => i.CommitteeId == au.Id).OrderBy(i => i.Code, StringComparer.Ordinal).ToList();
        return (plan, round, name, mine);
    }
}
