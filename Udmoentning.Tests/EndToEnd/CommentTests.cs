using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Collaboration;
using Udmoentning.Web.Plans;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>Comments in an item's details: written in one browser, live in another with the same item open, counted on the card.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class CommentTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task ACommentAppearsLiveForAnotherViewerWithTheItemOpenAndIsCountedOnTheCard()
    {
        const string code = "AU-R1";
        const string text = "Husk <b>MED</b> før mødet, @ØU";
        var author = Viewer.DisplayName(TestUsers.Coordinator);
        await using var a = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        await using var b = await browser.OpenAsync(app, "/", TestUsers.EditorAu);
        await OpenThreadAsync(a, code);
        await OpenThreadAsync(b, code);
        await Expect(b.Dialog).ToContainTextAsync("Ingen kommentarer endnu.");
        await Expect(b.Card(code).Locator(".card-comments")).ToHaveCountAsync(0);

        await a.Dialog.GetByLabel("Skriv kommentar").FillAsync(text);
        await a.Dialog.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        var bComment = b.Dialog.Locator("li.comment").First;
        await Expect(bComment).ToContainTextAsync(author);
        await Expect(bComment.Locator(".comment-text")).ToHaveTextAsync(text);
        await Expect(bComment.Locator("time")).ToHaveTextAsync(DanishMoment());
        await Expect(bComment.Locator("mark.mention")).ToHaveTextAsync("@ØU");
        await Expect(bComment.Locator("b")).ToHaveCountAsync(0);
        await Expect(b.Page.Locator("[data-comment-announcer]")).ToHaveTextAsync($"Ny kommentar fra {author}: {text}");
        await Expect(b.Dialog.GetByRole(AriaRole.Tab, new() { Name = "Kommentarer (1)" })).ToBeVisibleAsync();
        // Only the author may change it.
        await Expect(bComment.GetByRole(AriaRole.Button, new() { NameRegex = RettenRegex() })).ToHaveCountAsync(0);
        await Expect(a.Dialog.Locator("li.comment").First.GetByRole(AriaRole.Button, new() { NameRegex = SlettenRegex() })).ToBeVisibleAsync();
        await Expect(b.Card(code).Locator(".card-comments")).ToContainTextAsync("1 kommentar");
        // The dialog alone: the board behind it is checked on its own page (the page tour), and with it each check took seconds.
        await Axe.AssertNoViolationsAsync(a.Page, "the comment thread", "[role=dialog]");

        // The author corrects it, then deletes it (after confirming); the other browser follows both.
        var aComment = a.Dialog.Locator("li.comment").First;
        await aComment.GetByRole(AriaRole.Button, new() { NameRegex = RettenRegex() }).ClickAsync();
        await a.Dialog.GetByLabel("Ret kommentar").FillAsync("Husk MED før mødet.");
        await a.Dialog.GetByRole(AriaRole.Button, new() { Name = "Gem rettelse" }).ClickAsync();
        await Expect(bComment.Locator(".comment-text")).ToHaveTextAsync("Husk MED før mødet.");
        await Expect(bComment).ToContainTextAsync("(rettet)");

        await aComment.GetByRole(AriaRole.Button, new() { NameRegex = SlettenRegex() }).ClickAsync();
        await Expect(aComment).ToContainTextAsync("Vil du slette kommentaren?");
        await Axe.AssertNoViolationsAsync(a.Page, "the comment's confirmation", "[role=dialog]");
        await aComment.GetByRole(AriaRole.Button, new() { Name = "Ja, slet" }).ClickAsync();
        await Expect(bComment.Locator(".comment-text")).ToHaveTextAsync(CommentView.DeletedText);
        await Expect(bComment).ToContainTextAsync(author);
        await Expect(b.Card(code).Locator(".card-comments")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AReaderSeesTheThreadButCannotWrite()
    {
        const string code = "BUU-R2";
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var itemId = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: TestContext.Current.CancellationToken))!.Items.Single(i => i.Code == code).Id;
        Assert.True((await app.Services.GetRequiredService<PlanItemService>().AddCommentAsync(coordinator, itemId, "Til orientering", TestContext.Current.CancellationToken)).Succeeded);
        await using var reader = await browser.OpenAsync(app, "/", TestUsers.Reader);
        await Expect(reader.Card(code).Locator(".card-comments")).ToContainTextAsync("1 kommentar");

        await OpenThreadAsync(reader, code);

        await Expect(reader.Dialog.Locator("li.comment .comment-text")).ToHaveTextAsync("Til orientering");
        await Expect(reader.Dialog).ToContainTextAsync("Du har kun læseadgang til planen.");
        await Expect(reader.Dialog.GetByLabel("Skriv kommentar")).ToHaveCountAsync(0);
        await Expect(reader.Dialog.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true })).ToHaveCountAsync(0);
    }

    private static async Task OpenThreadAsync(Viewer viewer, string code)
    {
        await viewer.TitleOf(code).ClickAsync();
        await Expect(viewer.Dialog).ToContainTextAsync(code);
        await viewer.Dialog.GetByRole(AriaRole.Tab, new() { NameRegex = KommentarerRegex() }).ClickAsync();
        await Expect(viewer.Dialog.Locator("section.comments")).ToBeVisibleAsync();
        await Expect(viewer.Dialog.GetByLabel("Indlæser kommentarer")).ToHaveCountAsync(0);
    }

    /// <summary>Now in Danish time, as the thread writes it; the comment may have been written in the minute before.</summary>
    private static Regex DanishMoment()
    {
        var now = DateTime.UtcNow;
        return new Regex($"^({Regex.Escape(CommentThreadTime(now))}|{Regex.Escape(CommentThreadTime(now.AddMinutes(-1)))})$");
    }

    private static string CommentThreadTime(DateTime utc) => Udmoentning.Web.Collaboration.CommentThread.When(utc);

    [GeneratedRegex("^Kommentarer")]
    private static partial Regex KommentarerRegex();

    [GeneratedRegex("^Ret din kommentar")]
    private static partial Regex RettenRegex();

    [GeneratedRegex("^Slet din kommentar")]
    private static partial Regex SlettenRegex();
}
