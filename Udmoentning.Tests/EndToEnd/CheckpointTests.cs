using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>X waits for the MED step: refused naming it, allowed once it is marked in the details, and everybody sees the card follow.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CheckpointTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task CompletingAMedItemWaitsUntilMedIsMarkedAndOthersSeeTheCardFollow()
    {
        // The AU editor's own item, flagged for MED, in progress, with no step done yet.
        const string code = "AU-D4";
        await using var editor = await browser.OpenAsync(app, "/", TestUsers.EditorAu);
        await using var reader = await browser.OpenAsync(app, "/", TestUsers.Reader);
        var missing = reader.Card(code).Locator(".card-missing");
        await Expect(missing).ToContainTextAsync("Mangler: MED");
        await Expect(missing).ToContainTextAsync("Mangler før afslutning (X): MED inddraget");
        var lane = editor.LaneOf(code);

        // A drag to Afsluttet is refused with the step's name, and nothing moves.
        await editor.CardIn(lane, ItemStatus.InProgress, code).DragToAsync(editor.Cell(lane, ItemStatus.Completed),
            new LocatorDragToOptions { TargetPosition = new TargetPosition { X = 8, Y = 8 } });
        await Expect(editor.Snackbar).ToContainTextAsync("\"MED inddraget\"");
        await Expect(editor.Announcer).ToContainTextAsync($"{code} kan først afsluttes (X), når \"MED inddraget\" er markeret som gjort.");
        await Expect(editor.CardIn(lane, ItemStatus.InProgress, code)).ToBeVisibleAsync();

        // "Flyt til…" offers no Afsluttet and says why.
        await editor.Card(code).Locator(".card-move").ClickAsync();
        var completed = editor.Dialog.Locator(".move-options li").Filter(new LocatorFilterOptions { HasText = "Afsluttet" });
        await Expect(completed.GetByRole(AriaRole.Button)).ToBeDisabledAsync();
        await Expect(completed.Locator(".move-reason")).ToContainTextAsync("\"MED inddraget\"");
        await editor.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Annullér", Exact = true }).ClickAsync();
        await Expect(editor.Dialog).ToHaveCountAsync(0);

        // Mark MED inddraget in the details, from the keyboard.
        await editor.TitleOf(code).ClickAsync();
        var checklist = editor.Dialog.GetByRole(AriaRole.Region, new LocatorGetByRoleOptions { Name = "Kontrolpunkter" });
        await Expect(checklist).ToContainTextAsync("Før punktet kan afsluttes (X), mangler: MED inddraget.");
        await Expect(checklist.Locator("li[data-step='direktion']")).ToContainTextAsync("Ikke gjort");
        await Expect(checklist.Locator("li[data-step='direktion'] button")).ToHaveCountAsync(0);
        var med = checklist.Locator("li[data-step='med']");
        var mark = med.GetByRole(AriaRole.Button);
        await Expect(mark).ToHaveAttributeAsync("aria-label", "Markér som gjort: MED inddraget");
        await mark.FocusAsync();
        await editor.Page.Keyboard.PressAsync("Enter");
        await Expect(med).ToContainTextAsync($"Gjort af {Viewer.DisplayName(TestUsers.EditorAu)}");
        await Expect(checklist).ToContainTextAsync("Alle kontrolpunkter, der kræves før afslutning (X), er gjort.");
        await Expect(med.GetByRole(AriaRole.Button)).ToHaveAttributeAsync("aria-label", "Tag tilbage: MED inddraget");

        // The other browser sees the card's "Mangler" go away, live.
        await Expect(missing).ToHaveCountAsync(0);

        await editor.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Annullér", Exact = true }).ClickAsync();
        await Expect(editor.Dialog).ToHaveCountAsync(0);
        await Expect(editor.Card(code).Locator(".card-missing")).ToHaveCountAsync(0);

        // Now the move to Afsluttet is saved, and the reader sees it.
        await editor.CardIn(lane, ItemStatus.InProgress, code).DragToAsync(editor.Cell(lane, ItemStatus.Completed),
            new LocatorDragToOptions { TargetPosition = new TargetPosition { X = 8, Y = 8 } });
        await Expect(editor.CardIn(lane, ItemStatus.Completed, code)).ToBeVisibleAsync();
        await Expect(reader.CardIn(reader.LaneOf(code), ItemStatus.Completed, code)).ToBeVisibleAsync();

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var stored = await db.Items.AsNoTracking().SingleAsync(i => i.Code == code, TestContext.Current.CancellationToken);
        Assert.Equal(ItemStatus.Completed, stored.Status);
        Assert.Equal([CheckpointStep.MedInvolved], stored.Checkpoints.Select(c => c.Step));
    }
}
