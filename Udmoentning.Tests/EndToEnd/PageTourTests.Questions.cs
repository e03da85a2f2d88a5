using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;
using static Udmoentning.Tests.Support.PdfText;

namespace Udmoentning.Tests.EndToEnd;

public abstract partial class PageTourTests
{
    /// <summary>
    /// A politician's question by the people who handle it, each in their own browser: the politician asks on an item in its
    /// dialog; the coordinator numbers and assigns it to the committee's editor, who drafts and sends the answer; the
    /// coordinator approves it; the politician (the dialog still open) and a second member (on the list) see it appear without
    /// reloading. No draft reaches the politician's screen or the hub; the collected document's PDF holds the answer. Each
    /// state is checked with axe at 1440 px (the list, a received question and the dialog's tab at 390 px too) and for
    /// sideways scrolling at 320 px.
    /// </summary>
    protected async Task QuestionsRoundTripAsync()
    {
        var token = TestContext.Current.CancellationToken;
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: token))!;
        var id = plan.Plan.Id;
        var buu = plan.Committees.Single(c => c.ShortCode == "BUU");
        var item = plan.Items.Where(i => i.CommitteeId == buu.Id && !i.IsCompleted).OrderBy(i => i.Id).First();
        var asked = $"Hvad betyder {item.Code} for dagtilbuddene i 2027?";
        const string Draft = "Et første udkast, som kun administrationen ser.";
        const string Answer = "Dagtilbuddene får 12 flere pladser fra august 2027.";
        await using var hub = await HubListener.FollowAsync(app, id, null);

        await using var politician = await browser.OpenAsync(app, "/udvalg/buu", TestUsers.Reader);
        await politician.TitleOf(item.Code).ClickAsync();
        await politician.Dialog.GetByRole(AriaRole.Tab, new() { Name = "Spørgsmål" }).ClickAsync();
        await politician.Dialog.GetByLabel("Stil et spørgsmål om punktet").FillAsync(asked);
        await politician.Dialog.GetByRole(AriaRole.Button, new() { Name = "Send spørgsmålet" }).ClickAsync();
        await Expect(politician.Dialog).ToContainTextAsync("Dit spørgsmål er sendt til administrationen.");
        var card = politician.Dialog.Locator("article.question").Filter(new() { HasText = asked });
        await Expect(card.Locator(".question-state")).ToHaveTextAsync("Modtaget");
        await Expect(politician.Dialog.GetByRole(AriaRole.Tab, new() { Name = "Spørgsmål (1)" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsOnPhoneAndDesktopAsync(politician.Page, "the item dialog's questions", "[role=dialog]");

        await using var member = await browser.OpenAsync(app, $"/plan/{id}/spoergsmaal", TestUsers.EditorAu, board: false);
        var listed = member.Page.Locator("article.question").Filter(new() { HasText = asked });
        await Expect(listed).ToHaveCountAsync(1);

        // The coordinator finds it in the queue, and numbers and assigns it: BUU's editor is offered first.
        await using var coordinator = await browser.OpenAsync(app, $"/plan/{id}/spoergsmaal", TestUsers.Coordinator, board: false);
        await coordinator.Page.GetByRole(AriaRole.Link, new() { Name = "modtaget og venter på nummer og fordeling", Exact = false }).ClickAsync();
        await Expect(coordinator.Page.Locator("#filter-status")).ToHaveValueAsync("modtaget");
        await CheckQuestionPageAsync(coordinator.Page, "the coordinator's queue");
        await coordinator.Page.Locator("article.question").Filter(new() { HasText = asked }).Locator("a.question-title").ClickAsync();
        var editorName = Viewer.DisplayName(TestUsers.EditorBuu);
        await Expect(coordinator.Page.Locator("#responsible option:checked")).ToHaveTextAsync($"{editorName} (redaktør for udvalget)");
        await CheckQuestionPageAsync(coordinator.Page, "a received question, for the coordinator");
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Nummerér og fordel" }).ClickAsync();
        await Expect(coordinator.Page.Locator("[data-question-outcome]")).ToContainTextAsync($"er fordelt til {editorName}");
        var number = (await coordinator.Page.Locator("h1").TextContentAsync())!.Trim();
        var questionPath = new Uri(coordinator.Page.Url).PathAndQuery;
        Assert.Matches(@"^Spørgsmål \d+$", number);
        await Expect(card.Locator(".question-title")).ToHaveTextAsync(number);
        await Expect(card.Locator(".question-state")).ToHaveTextAsync("Fordelt");

        // The editor drafts (the politician is told a step was taken, and sees no draft), then sends the answer.
        await using var editor = await browser.OpenAsync(app, questionPath, TestUsers.EditorBuu, board: false);
        var answerField = editor.Page.GetByLabel("Svar (udkast, ses kun af administrationen)");
        await answerField.FillAsync(Draft);
        await editor.Page.GetByRole(AriaRole.Button, new() { Name = "Gem udkast" }).ClickAsync();
        await Expect(editor.Page.Locator("[data-question-outcome]")).ToHaveTextAsync("Udkastet er gemt.");
        await Expect(politician.Dialog.Locator("[data-item-questions-announcer]")).ToHaveTextAsync($"{number}: udkast gemt.");
        await Expect(politician.Dialog).Not.ToContainTextAsync(Draft);
        await CheckQuestionPageAsync(editor.Page, "an assigned question, for the one who answers", phone: false);
        await answerField.FillAsync(Answer);
        await editor.Page.GetByRole(AriaRole.Button, new() { Name = "Send til godkendelse" }).ClickAsync();
        await Expect(editor.Page.Locator("[data-question-outcome]")).ToHaveTextAsync("Svaret er sendt til godkendelse.");

        // The coordinator's page follows by itself: the answer waits for approval.
        await Expect(coordinator.Page.Locator(".question-state")).ToHaveTextAsync("Besvaret");
        await CheckQuestionPageAsync(coordinator.Page, "an answered question, for the coordinator", phone: false);
        await Expect(politician.Dialog).Not.ToContainTextAsync(Answer);
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Godkend", Exact = true }).ClickAsync();
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Ja, godkend og offentliggør" }).ClickAsync();
        await Expect(coordinator.Page.Locator("[data-question-outcome]")).ToHaveTextAsync("Svaret er godkendt og offentliggjort for alle medlemmer.");

        // Published to every member at once, live.
        await Expect(card.Locator(".question-answer")).ToContainTextAsync(Answer);
        await Expect(card.Locator(".question-state")).ToHaveTextAsync("Offentliggjort");
        await Expect(listed.Locator(".question-answer")).ToContainTextAsync(Answer);
        await politician.Page.Keyboard.PressAsync("Escape");
        await politician.GoToPageAsync(questionPath);
        await Expect(politician.Page.Locator(".question-timeline")).ToContainTextAsync("Godkendt");
        await Expect(politician.Page.Locator("main")).Not.ToContainTextAsync(Draft);
        await CheckQuestionPageAsync(politician.Page, "a published question, for a politician", phone: false);

        // The hub carries no step of a question: a comment saved afterwards is the first message it sends.
        var comment = await app.Services.GetRequiredService<PlanItemService>().AddCommentAsync(
            await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorBuu), item.Id, "Svaret er sendt til politikerne.", token);
        Assert.True(comment.Succeeded, comment.Message);
        await hub.WaitForAsync(item.Code, TimeSpan.FromSeconds(10));
        Assert.Empty(hub.PlanChanges);
        Assert.DoesNotContain(hub.Received, m => m.GetRawText().Contains("udkast", StringComparison.OrdinalIgnoreCase) || m.GetRawText().Contains("Spørgsmål", StringComparison.Ordinal));

        // The collected document, printed as the annex is: a real text layer with the question and its answer.
        await politician.Page.GotoAsync($"/plan/{id}/spoergsmaal/samlet");
        await Expect(politician.Page.Locator("h1").First).ToBeVisibleAsync();
        var pdf = await politician.Page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });
        using var document = PdfDocument.Open(pdf);
        var text = Squeeze(string.Concat(document.GetPages().Select(p => p.Text)));
        Assert.Contains(Squeeze(number), text);
        Assert.Contains(Squeeze(asked), text);
        Assert.Contains(Squeeze(Answer), text);
        Assert.DoesNotContain(Squeeze(Draft), text);
        Assert.Contains(Squeeze($"Side 1 af {document.NumberOfPages}"), Squeeze(document.GetPage(1).Text));
        AssertNoServerErrors("the questions' round trip");
    }

    /// <summary>
    /// No axe violation at 1440 and 390 px, and no sideways scrolling at 320 px (WCAG 1.4.10). A later state of a page already
    /// checked on a phone (<paramref name="phone"/> false) is checked by axe at 1440 px only: below 600 px its controls are
    /// the same, laid out in one column, and each axe run costs the suite a second or two.
    /// </summary>
    private static async Task CheckQuestionPageAsync(IPage page, string where, bool phone = true)
    {
        await Expect(page.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
        if (phone)
        {
            await Axe.AssertNoViolationsOnPhoneAndDesktopAsync(page, where);
        }
        else
        {
            await Axe.AssertNoViolationsAsync(page, where);
        }

        await page.SetViewportSizeAsync(320, 900);
        var (pageWidth, window) = await ResponsiveLayoutTests.PageWidthAsync(page);
        Assert.True(pageWidth <= window, $"{where} at 320 px is {pageWidth} px wide.");
        await page.SetViewportSizeAsync(1440, 900);
    }
}
