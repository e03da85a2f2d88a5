using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>An amount typed in the item dialog is saved exactly as a Danish user means it, or refused next to the field.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AmountInputTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    private const string Code = "ØU-D2";

    [Fact]
    public async Task AmountsAreReadAsDanishOrRefusedNextToTheField()
    {
        await using var a = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        await a.TitleOf(Code).ClickAsync();
        var field = a.Dialog.GetByRole(AriaRole.Textbox, new LocatorGetByRoleOptions { Name = "2026", Exact = true });
        await Expect(field).ToHaveValueAsync("-11.000");

        await RefusedAsync(a, field, "1,5", "Beløb skal være hele tusinder (1.000 kr.); \"1,5\" er ikke et helt tal.");
        await RefusedAsync(a, field, "99999999999999999999", "Beløbet \"99999999999999999999\" er for stort: højst 9.999.999 (1.000 kr.).");
        await RefusedAsync(a, field, "abc", "\"abc\" er ikke et beløb. Skriv et helt tal i 1.000 kr., fx -1.250.");
        await RefusedAsync(a, field, "NaN", "\"NaN\" er ikke et beløb. Skriv et helt tal i 1.000 kr., fx -1.250.");

        await field.FillAsync("-1.250");
        await field.PressAsync("Tab");
        await Expect(a.Dialog.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await Gem(a).ClickAsync();
        await Expect(a.Dialog).ToHaveCountAsync(0);
        Assert.Equal(-1250, await AmountIn2026Async());

        await a.TitleOf(Code).ClickAsync();
        await Expect(field).ToHaveValueAsync("-1.250");
        await a.Dialog.GetByRole(AriaRole.Tab, new LocatorGetByRoleOptions { Name = "Historik" }).ClickAsync();
        await Expect(a.Dialog.Locator("ol.history > li")).ToHaveCountAsync(1);
        await Expect(a.Dialog.Locator("ol.history")).ToContainTextAsync("Økonomi 2026: -11000 → -1250");
    }

    private async Task RefusedAsync(Viewer viewer, ILocator field, string typed, string message)
    {
        await field.FillAsync(typed);
        await field.PressAsync("Tab");
        var nextToField = viewer.Dialog.Locator(".mud-input-control", new LocatorLocatorOptions
        {
            Has = viewer.Page.GetByRole(AriaRole.Textbox, new PageGetByRoleOptions { Name = "2026", Exact = true }),
        });
        await Expect(nextToField).ToContainTextAsync(message);
        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Gem(viewer).ClickAsync();
        await Expect(viewer.Dialog).ToContainTextAsync("Punktet er ikke gemt. Ret de markerede felter.");
        await Expect(field).ToHaveValueAsync(typed);
        Assert.Equal(-11000, await AmountIn2026Async());
    }

    private async Task<int> AmountIn2026Async()
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var item = await db.Items.AsNoTracking().SingleAsync(i => i.Code == Code, TestContext.Current.CancellationToken);
        return item.EffectIn(2026);
    }

    private static ILocator Gem(Viewer viewer) => viewer.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Gem", Exact = true });
}
