using Microsoft.Playwright;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// The database goes away while a coordinator works on the board: a move and a save say so in Danish, the page lives on,
/// the open dialog keeps what was typed, and the same save works once the database is back.
/// </summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class DatabaseOutageTests(BrowserFixture browser, DatabaseOutageTests.App app) : IClassFixture<DatabaseOutageTests.App>
{
    /// <summary>The app with rights read anew on every question, as they are once the usual 5 s have passed in an outage.</summary>
    public sealed class App : LiveApp
    {
        public App() => Settings = new Dictionary<string, string> { ["Access:CacheSeconds"] = "0" };
    }

    [Fact]
    public async Task MovesAndASaveDuringAnOutageSayItKeepTheFormAndSaveWhenTriedAgain()
    {
        const string code = "MTU-D4";
        const string title = "Skrevet mens databasen var væk";
        await using var a = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        var lane = a.LaneOf(code);
        await a.RecordAnnouncementsAsync();

        var outage = DatabaseOutage.Begin(app);
        await a.CardIn(lane, ItemStatus.NotStarted, code).Locator("button.card-title").FocusAsync();
        await a.Page.Keyboard.PressAsync("Control+ArrowRight");
        await Expect(a.Announcer).ToContainTextAsync(StorageFailure.NotSaved);
        await a.CardIn(lane, ItemStatus.NotStarted, code).DragToAsync(a.Cell(lane, ItemStatus.InProgress),
            new LocatorDragToOptions { TargetPosition = new TargetPosition { X = 8, Y = 8 } });
        await a.Page.WaitForFunctionAsync("text => (window.__announced ?? []).filter(t => t.includes(text)).length >= 2", StorageFailure.NotSaved);
        await Expect(a.CardIn(lane, ItemStatus.NotStarted, code)).ToBeVisibleAsync();
        await Expect(a.Snackbar.Filter(new LocatorFilterOptions { HasText = StorageFailure.NotSaved }).First).ToBeVisibleAsync();

        await a.TitleOf(code).ClickAsync();
        await TitleField(a).FillAsync(title);
        await Button(a, "Gem").ClickAsync();
        await Expect(a.Dialog).ToContainTextAsync(StorageFailure.NotSaved);
        await Expect(TitleField(a)).ToHaveValueAsync(title);
        await a.Dialog.GetByRole(AriaRole.Tab, new() { Name = "Historik", Exact = true }).ClickAsync();
        await Expect(a.Dialog).ToContainTextAsync(StorageFailure.NotRead);
        await a.Dialog.GetByRole(AriaRole.Tab, new() { Name = "Detaljer", Exact = true }).ClickAsync();
        await Expect(TitleField(a)).ToHaveValueAsync(title);

        outage.Dispose();
        await Button(a, "Gem").ClickAsync();
        await Expect(a.Dialog).ToHaveCountAsync(0);
        await Expect(a.TitleOf(code)).ToHaveTextAsync(title);
        Assert.Equal(title, await app.TitleOfAsync(code));

        await a.CardIn(lane, ItemStatus.NotStarted, code).Locator("button.card-title").FocusAsync();
        await a.Page.Keyboard.PressAsync("Control+ArrowRight");
        await Expect(a.CardIn(lane, ItemStatus.InProgress, code)).ToBeVisibleAsync();
        await Expect(a.Announcer).ToHaveTextAsync($"{code} flyttet til I gang.");
        Assert.Equal(ItemStatus.InProgress, await app.StatusOfAsync(code));
    }

    [Fact]
    public async Task ACommitteeEditDuringAnOutageSaysItKeepsWhatWasTypedAndSavesWhenTriedAgain()
    {
        const string name = "Kultur-, fritids- og udviklingsudvalget";
        await using var a = await browser.OpenAsync(app, "/admin/udvalg", TestUsers.Coordinator, board: false);
        var field = a.Page.GetByLabel("Navn (KUU)", new PageGetByLabelOptions { Exact = true });
        var save = a.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Gem Kultur- og udviklingsudvalget", Exact = true });

        using (DatabaseOutage.Begin(app))
        {
            await field.FillAsync(name);
            await save.ClickAsync();
            await Expect(a.Snackbar.Filter(new LocatorFilterOptions { HasText = StorageFailure.NotSaved })).ToBeVisibleAsync();
            await Expect(field).ToHaveValueAsync(name);
        }

        await save.ClickAsync();
        await Expect(a.Snackbar.Filter(new LocatorFilterOptions { HasText = $"{name} er gemt." })).ToBeVisibleAsync();
        await Expect(a.Page.GetByLabel("Navn (KUU)", new PageGetByLabelOptions { Exact = true })).ToHaveValueAsync(name);
    }

    private static ILocator TitleField(Viewer viewer) => viewer.Dialog.GetByLabel("Titel", new LocatorGetByLabelOptions { Exact = true });

    private static ILocator Button(Viewer viewer, string name) =>
        viewer.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = name, Exact = true });
}
