using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>Only signed-in users see the plan, and a reader sees it without being able to change it.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AccessTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task AReaderSeesTheBoardButCannotMoveACard()
    {
        const string code = "KUU-D4";
        await using var reader = await browser.OpenAsync(app, "/", TestUsers.Reader);
        var lane = reader.LaneOf(code);

        await Expect(reader.Page.Locator("button.card-move")).ToHaveCountAsync(0);
        await Expect(reader.Page.Locator("li.card[draggable=true]")).ToHaveCountAsync(0);
        await reader.CardIn(lane, ItemStatus.NotStarted, code).Locator("button.card-title").FocusAsync();
        await reader.Page.Keyboard.PressAsync("Control+ArrowRight");

        await Expect(reader.Snackbar).ToContainTextAsync(AccessRules.ReadOnly);
        await Expect(reader.CardIn(lane, ItemStatus.NotStarted, code)).ToBeVisibleAsync();
        Assert.Equal(ItemStatus.NotStarted, await app.StatusOfAsync(code));
    }

    [Fact]
    public async Task OnlyThoseWhoMayMoveAreToldHowToMove()
    {
        await using var reader = await browser.OpenAsync(app, "/", TestUsers.Reader);
        await using var editor = await browser.OpenAsync(app, "/", TestUsers.EditorAu);

        await Expect(reader.Page.Locator("#board-help")).ToContainTextAsync("Enter åbner punktet.");
        await Expect(reader.Page.Locator("#board-help")).Not.ToContainTextAsync("Flyt");
        await Expect(editor.Page.Locator("#board-help")).ToContainTextAsync("Flyt et kort med Ctrl+pil");

        await reader.GoToPageAsync("/udvalg/au/arbejdsplan");
        await editor.GoToPageAsync("/udvalg/au/arbejdsplan");
        await Expect(editor.Page.Locator("#workplan-help")).ToContainTextAsync("Træk et punkt til et møde");
        await Expect(reader.Page.Locator(".workplan")).ToBeVisibleAsync();
        await Expect(reader.Page.Locator("#workplan-help")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task OnlyAMoveKeyTellsAReaderThatThePlanIsReadOnly()
    {
        const string code = "KUU-A501";
        await using var reader = await browser.OpenAsync(app, "/", TestUsers.Reader);
        await reader.RecordAnnouncementsAsync();
        await reader.TitleOf(code).FocusAsync();

        await reader.Page.Keyboard.PressAsync("Control+c");
        await reader.Page.Keyboard.PressAsync("Control+ArrowRight");

        // Keys reach the circuit in order: once the arrow's message is there, any message for Ctrl+C would be too.
        await Expect(reader.Announcer).ToContainTextAsync(AccessRules.ReadOnly);
        Assert.Single(await reader.AnnouncementsAsync());
    }

    [Fact]
    public async Task AReadersForgedDragIsRefusedByTheServer()
    {
        var code = NotStarted(i => i.Committee == "SSU");
        await using var reader = await browser.OpenAsync(app, "/", TestUsers.Reader);
        var lane = reader.LaneOf(code);

        // The card is not draggable for a reader; send the events a tampered page would send anyway.
        await ForgeDragAsync(reader, reader.CardIn(lane, ItemStatus.NotStarted, code), reader.Cell(lane, ItemStatus.InProgress));

        await Expect(reader.Snackbar).ToContainTextAsync(AccessRules.ReadOnly);
        await Expect(reader.CardIn(lane, ItemStatus.NotStarted, code)).ToBeVisibleAsync();
        Assert.Equal(ItemStatus.NotStarted, await app.StatusOfAsync(code));
    }

    [Fact]
    public async Task AnAuEditorMovesAuItemsButNotOthersAndTheHistoryNamesThem()
    {
        var own = NotStarted(i => i.Committee == "AU");
        var other = NotStarted(i => i.Committee == "BUU");
        await using var editor = await browser.OpenAsync(app, "/", TestUsers.EditorAu);
        var ownLane = editor.LaneOf(own);
        var otherLane = editor.LaneOf(other);

        await Expect(editor.Card(own).Locator("button.card-move")).ToHaveCountAsync(1);
        await Expect(editor.Card(other).Locator("button.card-move")).ToHaveCountAsync(0);
        await Expect(editor.Card(other)).ToHaveAttributeAsync("draggable", "false");

        await editor.CardIn(ownLane, ItemStatus.NotStarted, own).DragToAsync(editor.Cell(ownLane, ItemStatus.InProgress));
        await Expect(editor.CardIn(ownLane, ItemStatus.InProgress, own)).ToBeVisibleAsync();
        Assert.Equal(ItemStatus.InProgress, await app.StatusOfAsync(own));

        await ForgeDragAsync(editor, editor.CardIn(otherLane, ItemStatus.NotStarted, other), editor.Cell(otherLane, ItemStatus.InProgress));
        await Expect(editor.Snackbar).ToContainTextAsync("Du kan kun ændre punkter under de udvalg, du er redaktør for.");
        Assert.Equal(ItemStatus.NotStarted, await app.StatusOfAsync(other));

        await editor.TitleOf(own).ClickAsync();
        await editor.Dialog.GetByRole(AriaRole.Tab, new() { Name = "Historik" }).ClickAsync();
        await Expect(editor.Dialog).ToContainTextAsync($"Flyttet af {Viewer.DisplayName(TestUsers.EditorAu)}");
        await Expect(editor.Dialog).ToContainTextAsync("Status: Ikke påbegyndt → I gang");
    }

    [Fact]
    public async Task TheHubRefusesAClientThatIsNotSignedIn()
    {
        await using var connection = new HubConnectionBuilder().WithUrl(app.Url("/hubs/plan")).Build();

        await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    /// <summary>Sends the drag events a tampered page would send for a card the user may not drag.</summary>
    private static async Task ForgeDragAsync(Viewer viewer, ILocator card, ILocator cell)
    {
        var transfer = await viewer.Page.EvaluateHandleAsync("() => new DataTransfer()");
        await card.DispatchEventAsync("dragstart", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await cell.DispatchEventAsync("dragover", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await cell.DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = transfer });
    }

    private static string NotStarted(Func<Udmoentning.Web.Data.Sample.SampleItemSpec, bool> committee) =>
        Udmoentning.Web.Data.Sample.SamplePlanData.Items.First(i =>
            committee(i) && i.Status == ItemStatus.NotStarted && !i.CrossCutting && i.Kind != ItemKind.FiscalLeewayProposal).Code;
}
