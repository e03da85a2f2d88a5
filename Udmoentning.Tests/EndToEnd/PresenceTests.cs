using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Realtime.Presence;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// "Ser med nu" in real browsers: one person sees another arrive on the board and go when they close the tab, and many
/// viewers counted with everyone in a disclosure; a committee's view and its meeting have viewers of their own. The waits are Playwright's own: on the condition, within a few seconds.
/// </summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class PresenceTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    private static readonly string _karin = Viewer.DisplayName(TestUsers.Coordinator);
    private static readonly string _rasmus = Viewer.DisplayName(TestUsers.EditorAu);
    private static readonly string _lise = Viewer.DisplayName(TestUsers.Reader);

    [Fact]
    public async Task AViewerSeesAnotherArriveAndGoWhenTheyCloseTheTabAndManyAreCountedWithEveryoneInADisclosure()
    {
        await using var karin = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        await Expect(Line(karin)).ToHaveTextAsync(PresenceText.NobodyElse);

        await using var rasmus = await browser.OpenAsync(app, "/", TestUsers.EditorAu);
        await Expect(Line(karin)).ToHaveTextAsync($"Ser med nu: {_rasmus}");
        await Expect(Line(rasmus)).ToHaveTextAsync($"Ser med nu: {_karin}");
        await Expect(LiveRegion(karin)).ToHaveTextAsync($"{_rasmus} ser nu med.");

        // A second tab of the same person shows them once.
        var secondTab = await rasmus.Page.Context.NewPageAsync();
        await secondTab.GotoAsync("/");
        await Expect(secondTab.Locator(".presence-summary")).ToHaveTextAsync($"Ser med nu: {_karin}");
        await Expect(Line(karin)).ToHaveTextAsync($"Ser med nu: {_rasmus}");

        await secondTab.CloseAsync();
        await rasmus.Page.CloseAsync();
        await Expect(Line(karin)).ToHaveTextAsync(PresenceText.NobodyElse);
        await Expect(LiveRegion(karin)).ToHaveTextAsync($"{_rasmus} ser ikke længere med.");

        // Six people on another node look at the economy committee's view (as its heartbeat would say).
        string[] names = ["Anna Jensen", "Bo Hansen", "Carl Berg", "Dan Lund", "Eva Holm", "Finn Bak"];
        var scope = PresenceScopes.Board(1, "oeu");
        app.Services.GetRequiredService<PresenceRegistry>().ApplyRemote("another-node", 1,
            [.. names.Select((name, i) => new PresenceRecord(scope, $"remote-{i}", name, DateTimeOffset.UtcNow.AddMinutes(i - 10)))]);

        await karin.GoToAsync("/udvalg/oeu");
        await karin.Page.SetViewportSizeAsync(1280, 800);
        await Expect(Line(karin)).ToHaveTextAsync("Ser med nu: Anna Jensen, Bo Hansen, Carl Berg, Dan Lund og 2 andre");
        var everyone = karin.Page.Locator(".presence details li");
        await Expect(everyone.First).Not.ToBeVisibleAsync();

        await karin.Page.Locator(".presence summary").FocusAsync();
        await karin.Page.Keyboard.PressAsync("Enter");
        await Expect(everyone).ToHaveTextAsync([.. names, $"{_karin} (dig)"]);

        await Axe.AssertNoViolationsAsync(karin.Page, "the board with everyone watching shown");
    }

    [Fact]
    public async Task ACommitteesViewAndItsMeetingHaveViewersOfTheirOwn()
    {
        await using var karin = await browser.OpenAsync(app, "/udvalg/mtu", TestUsers.Coordinator);
        await using var lise = await browser.OpenAsync(app, "/udvalg/mtu", TestUsers.Reader);
        await using var rasmus = await browser.OpenAsync(app, "/", TestUsers.EditorAu);
        await Expect(Line(karin)).ToHaveTextAsync($"Ser med nu: {_lise}");
        await Expect(Line(lise)).ToHaveTextAsync($"Ser med nu: {_karin}");
        await Expect(Line(rasmus)).Not.ToContainTextAsync(_karin);
        await Expect(Line(rasmus)).Not.ToContainTextAsync(_lise);

        // Lise goes from the committee's board to its meeting: she leaves the one and is alone in the other.
        await lise.GoToPageAsync("/moede/mtu");
        await Expect(Line(karin)).ToHaveTextAsync(PresenceText.NobodyElse);
        await Expect(Line(lise)).ToHaveTextAsync(PresenceText.NobodyElse);
        await rasmus.GoToPageAsync("/moede/mtu");
        await Expect(Line(lise)).ToHaveTextAsync($"Ser med nu: {_rasmus}");

        // The line fits the meeting's header on a narrow screen and at 1280 px.
        foreach (var width in new[] { 360, 1280 })
        {
            await lise.Page.SetViewportSizeAsync(width, 800);
            var widths = await lise.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            Assert.True(widths[0] <= widths[1], $"The meeting page at {width} px is {widths[0]} px wide.");
            await Expect(Line(lise)).ToBeInViewportAsync();
        }
    }

    private static ILocator Line(Viewer viewer) => viewer.Page.Locator(".presence-summary");

    private static ILocator LiveRegion(Viewer viewer) => viewer.Page.Locator(".presence [role=status]");
}
