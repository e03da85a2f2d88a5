using Microsoft.Playwright;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data.Sample;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>Editing an item in its details dialog: a save shows on everybody's board, an invalid one saves nothing.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ItemDetailsTests(BrowserFixture browser, LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task ItemDetailsSaveIsPushedLive()
    {
        const string code = "BUU-H1";
        const string newTitle = "Flere legepladser i landsbyerne (ændret under mødet)";
        await using var a = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        await using var b = await browser.OpenAsync(app, "/", TestUsers.Reader);
        await Expect(b.TitleOf(code)).ToHaveTextAsync(SampleTitle(code));
        await b.Page.EvaluateAsync("() => { window.__marker = 1; }");

        await a.TitleOf(code).ClickAsync();
        await Expect(a.Dialog).ToContainTextAsync($"{code} · {SampleTitle(code)}");
        await TitleField(a).FillAsync(newTitle);
        await Gem(a).ClickAsync();

        await Expect(a.Dialog).ToHaveCountAsync(0);
        await Expect(a.TitleOf(code)).ToHaveTextAsync(newTitle);
        await Expect(a.Announcer).ToHaveTextAsync($"{code} er gemt.");
        await Expect(b.TitleOf(code)).ToHaveTextAsync(newTitle);
        await Expect(b.Heard).ToHaveTextAsync($"{code} opdateret af {Viewer.DisplayName(TestUsers.Coordinator)}.");
        Assert.Equal(1, await b.Page.EvaluateAsync<int?>("() => window.__marker ?? null"));
        Assert.Equal(newTitle, await app.TitleOfAsync(code));
    }

    [Fact]
    public async Task AnEmptyTitleIsRefusedInDanishAndNothingIsSaved()
    {
        const string code = "MTU-H1";
        var title = SampleTitle(code);
        await using var a = await browser.OpenAsync(app, "/", TestUsers.Coordinator);
        await using var b = await browser.OpenAsync(app, "/", TestUsers.Reader);
        await b.RecordAnnouncementsAsync();

        await a.TitleOf(code).ClickAsync();
        await Expect(a.Dialog).ToContainTextAsync($"{code} · {title}");
        await TitleField(a).FillAsync(string.Empty);
        await Gem(a).ClickAsync();

        await Expect(a.Dialog).ToContainTextAsync("Titel skal udfyldes.");
        await Expect(a.Dialog).ToBeVisibleAsync();
        await a.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Annullér", Exact = true }).ClickAsync();
        await Expect(a.Dialog).ToHaveCountAsync(0);
        await Expect(a.TitleOf(code)).ToHaveTextAsync(title);
        Assert.Equal(title, await app.TitleOfAsync(code));

        await a.ReloadAsync();
        await Expect(a.TitleOf(code)).ToHaveTextAsync(title);
        await Expect(b.TitleOf(code)).ToHaveTextAsync(title);
        Assert.DoesNotContain(await b.AnnouncementsAsync(), text => text.Contains(code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AYearAloneIsReadAsItsFourthQuarterAndTheFormSaysSoBeforeSaving()
    {
        const string code = "KUU-D2";
        await using var a = await browser.OpenAsync(app, "/", TestUsers.Coordinator);

        await a.TitleOf(code).ClickAsync();
        await Expect(a.Dialog).ToContainTextAsync($"{code} · {SampleTitle(code)}");
        await TimingField(a).FillAsync("2027");
        await TimingField(a).BlurAsync();
        await Expect(a.Dialog).ToContainTextAsync("\"2027\" læses som Q4 2027.");
        await Gem(a).ClickAsync();
        await Expect(a.Dialog).ToHaveCountAsync(0);

        await a.TitleOf(code).ClickAsync();
        await Expect(TimingField(a)).ToHaveValueAsync("Q4 2027");
    }

    private static ILocator TimingField(Viewer viewer) => viewer.Dialog.GetByLabel("Vejledende tidspunkt", new LocatorGetByLabelOptions { Exact = true });

    private static ILocator TitleField(Viewer viewer) => viewer.Dialog.GetByLabel("Titel", new LocatorGetByLabelOptions { Exact = true });

    private static ILocator Gem(Viewer viewer) => viewer.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Gem", Exact = true });

    private static string SampleTitle(string code) => SamplePlanData.Items.Single(i => i.Code == code).Title;
}
