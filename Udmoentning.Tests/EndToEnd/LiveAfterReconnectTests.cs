using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rounds;
using Udmoentning.Domain.Rules;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data.Sample;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;
using Udmoentning.Web.Rounds;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// Every live page, while its connection is down (Wi-Fi gone, a laptop asleep), misses a change saved on another server
/// whose message to this one was lost on the way. Once the page is connected again it shows the change, without a
/// reload: its reconnect has this server compare its copy with the database at once (the server's own check comes only
/// every ten minutes here) and the page read what it shows again. One app for all of them, one item each.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LiveAfterReconnectTests(BrowserFixture browser, LiveAfterReconnectTests.LossyApp app) : IClassFixture<LiveAfterReconnectTests.LossyApp>
{
    private static readonly CultureInfo _danish = CultureInfo.GetCultureInfo("da-DK");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private PlanItemService Items => app.Services.GetRequiredService<PlanItemService>();

    [Theory]
    [InlineData("/", "buu")]
    [InlineData("/udvalg/au", "au")]
    public async Task TheBoardAndTheCommitteeView(string path, string committee)
    {
        var item = await ItemAsync(committee, 0);
        await using var page = await OpenAsync(path, TestUsers.Reader);
        var title = await WhileDownAsync(page, coordinator => RetitleAsync(coordinator, item));
        await Expect(page.Viewer.TitleOf(item.Code)).ToContainTextAsync(title);
    }

    [Fact]
    public async Task TheMeeting()
    {
        var item = await ItemAsync("kuu", 0);
        await using var page = await OpenAsync("/moede/kuu", TestUsers.Reader, ".meeting-status");
        var title = await WhileDownAsync(page, coordinator => RetitleAsync(coordinator, item));
        await Expect(page.Viewer.Page.Locator($".meeting-outline li[data-code='{item.Code}']")).ToContainTextAsync(title);
    }

    [Fact]
    public async Task TheArbejdsplan()
    {
        var item = await ItemAsync("au", 1);
        await using var page = await OpenAsync("/udvalg/au/arbejdsplan", TestUsers.Reader, "li.workplan-card");
        var title = await WhileDownAsync(page, coordinator => RetitleAsync(coordinator, item));
        await Expect(page.Viewer.Page.Locator($"li.workplan-card[data-code='{item.Code}'] .workplan-title")).ToHaveTextAsync(title);
    }

    [Fact]
    public async Task TheEconomy()
    {
        // A counted item of the sample's target, moved to Afsluttet: its saving is realised.
        var plan = await PlanAsync();
        var target = plan.Targets.Single(t => t.Name == SamplePlanData.TargetName);
        var item = plan.Items.Single(i => i.Code == "ØU-R1");
        var before = TargetProgress.Of(target, plan.Items, plan.Plan.BudgetYears).In(2026)!.Realised;
        await using var page = await OpenAsync("/oekonomi", TestUsers.Reader, $"table[data-target='{target.Id}']");
        var realised = page.Viewer.Page.Locator($"table[data-target='{target.Id}'] tr[data-year='2026'] td.realised");
        await Expect(realised).ToHaveTextAsync(before.ToString("N0", _danish));

        await WhileDownAsync(page, async coordinator =>
            Assert.True((await Items.MoveAsync(coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.Completed), Token)).Succeeded));
        await Expect(realised).ToHaveTextAsync((before + item.EffectIn(2026)).ToString("N0", _danish));
    }

    [Fact]
    public async Task TheRoundsList()
    {
        var (round, entry) = await OpenRoundAsync(committee: null, 0);
        await using var page = await OpenAsync("/" + PlanLinks.Rounds(round.PlanId), TestUsers.Coordinator, "h1");
        var ready = page.Viewer.Page.Locator($"li[data-round='{round.Id}'] .round-ready");
        await Expect(ready).ToHaveTextAsync($"0 af {round.Items.Count} klar");
        await WhileDownAsync(page, coordinator => ReportReadyAsync(coordinator, round, entry));
        await Expect(ready).ToHaveTextAsync($"1 af {round.Items.Count} klar");
    }

    [Fact]
    public async Task OneRound()
    {
        var (round, entry) = await OpenRoundAsync(committee: null, 1);
        await using var page = await OpenAsync("/" + PlanLinks.Round(round.PlanId, round.Id), TestUsers.Coordinator, "table.round-items");
        var row = page.Viewer.Page.Locator($"table.round-items tr[data-code='{entry.ItemCode}']");
        await Expect(row).ToContainTextAsync("Mangler");
        await WhileDownAsync(page, coordinator => ReportReadyAsync(coordinator, round, entry));
        await Expect(row).ToContainTextAsync("Klar");
    }

    [Fact]
    public async Task MyRoundItems()
    {
        // The AU editor's items; the coordinator answers one of them for the committee meanwhile.
        var (round, entry) = await OpenRoundAsync("au", 0);
        await using var page = await OpenAsync("/" + PlanLinks.MyRoundItems(round.PlanId), TestUsers.EditorAu, "section[data-item-code]");
        var section = page.Viewer.Page.Locator($"section[data-round='{round.Name}'][data-item-code='{entry.ItemCode}']");
        await Expect(section.GetByRole(AriaRole.Button, new() { Name = "Markér klar" })).ToBeVisibleAsync();
        await WhileDownAsync(page, coordinator => ReportReadyAsync(coordinator, round, entry));
        await Expect(section.Locator(".ready-word")).ToHaveTextAsync("Klar");
    }

    [Fact]
    public async Task TheCommentThread()
    {
        var item = await ItemAsync("au", 2);
        await using var page = await OpenAsync("/", TestUsers.EditorAu);
        await page.Viewer.TitleOf(item.Code).ClickAsync();
        await page.Viewer.Dialog.GetByRole(AriaRole.Tab, new() { NameRegex = new("^Kommentarer") }).ClickAsync();
        await Expect(page.Viewer.Dialog).ToContainTextAsync("Ingen kommentarer endnu.");

        const string text = "Skrevet mens du var væk";
        await WhileDownAsync(page, async coordinator => Assert.True((await Items.AddCommentAsync(coordinator, item.Id, text, Token)).Succeeded));
        await Expect(page.Viewer.Dialog.Locator("li.comment .comment-text")).ToHaveTextAsync(text);
    }

    [Fact]
    public async Task TheCheckpointList()
    {
        const CheckpointStep step = CheckpointStep.DiscussedByExecutiveBoard;
        var item = (await ItemsOfAsync("ssu")).First(i => i.Checkpoints.All(c => c.Step != step));
        await using var page = await OpenAsync("/", TestUsers.EditorAu);
        await page.Viewer.TitleOf(item.Code).ClickAsync();
        var checkpoint = page.Viewer.Dialog.GetByRole(AriaRole.Region, new() { Name = "Kontrolpunkter" }).Locator($"li[data-step='{step.Slug()}']");
        await Expect(checkpoint).ToContainTextAsync("Ikke gjort");

        await WhileDownAsync(page, async coordinator => Assert.True((await Items.MarkCheckpointAsync(coordinator, new CheckpointRequest(item.Id, step), Token)).Succeeded));
        await Expect(checkpoint).ToContainTextAsync($"Gjort af {Viewer.DisplayName(TestUsers.Coordinator)}");
    }

    /// <summary>Cuts the page's line, saves <paramref name="change"/> as the coordinator with its message lost, and mends the line.</summary>
    private async Task<T> WhileDownAsync<T>(LivePage page, Func<ClaimsPrincipal, Task<T>> change)
    {
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        await page.Line.CutAsync(page.Viewer.Page);
        T result;
        app.Losing = true;
        try
        {
            result = await change(coordinator);
        }
        finally
        {
            app.Losing = false;
        }

        await page.Line.MendAsync(page.Viewer.Page);
        return result;
    }

    private Task WhileDownAsync(LivePage page, Func<ClaimsPrincipal, Task> change) =>
        WhileDownAsync(page, async coordinator =>
        {
            await change(coordinator);
            return true;
        });

    private async Task<string> RetitleAsync(ClaimsPrincipal coordinator, PlanItem item)
    {
        var title = $"Ny titel {Guid.NewGuid():N}"[..20];
        var saved = await Items.UpdateAsync(coordinator, item.Id, item.Version, item.ToDetails() with { Title = title }, Token);
        Assert.True(saved.Succeeded, saved.Message);
        return title;
    }

    private async Task ReportReadyAsync(ClaimsPrincipal coordinator, FollowUpRound round, RoundItem entry)
    {
        var item = (await PlanAsync()).Item(entry.ItemId)!;
        var reported = await Items.ReportInRoundAsync(coordinator, new RoundReportRequest(round.Id, entry.ItemId, entry.Version, "Forløber efter planen.", item.Health, item.Timing), Token);
        Assert.True(reported.Succeeded, reported.Message);
        var current = (await app.Services.GetRequiredService<RoundReader>().GetAsync(round.PlanId, round.Id, Token))!.ItemFor(entry.ItemId)!;
        var ready = await Items.MarkReadyInRoundAsync(coordinator, round.Id, entry.ItemId, current.Version, true, Token);
        Assert.True(ready.Succeeded, ready.Message);
    }

    /// <summary>
    /// Opens a round (for a committee by slug, or the whole plan) and picks its <paramref name="index"/>th item of those a
    /// committee answers for (not the cross-cutting ones the coordinators answer).
    /// </summary>
    private async Task<(FollowUpRound Round, RoundItem Entry)> OpenRoundAsync(string? committee, int index)
    {
        var plan = await PlanAsync();
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var form = new RoundForm($"Runde {Guid.NewGuid():N}"[..20], new DateOnly(2026, 12, 31), committee is null ? null : plan.CommitteeBySlug(committee)!.Id);
        var opened = await app.Services.GetRequiredService<PlanAdministration>().OpenRoundAsync(coordinator, plan.Plan.Id, form, Token);
        Assert.True(opened.Succeeded, opened.Message);
        var round = (await app.Services.GetRequiredService<RoundReader>().GetAsync(plan.Plan.Id, opened.Value, Token))!;
        var own = round.Items.Where(e => plan.Item(e.ItemId) is { ConcernsAllCommittees: false }).OrderBy(e => e.ItemId);
        return (round, own.ElementAt(index));
    }

    private async Task<PlanSnapshot> PlanAsync() =>
        await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token) ?? throw new InvalidOperationException("No plan.");

    /// <summary>The items a committee owns itself (not the cross-cutting ones every extract shows), in the plan's order.</summary>
    private async Task<List<PlanItem>> ItemsOfAsync(string slug)
    {
        var plan = await PlanAsync();
        var committee = plan.CommitteeBySlug(slug)!;
        return [.. CommitteeExtract.For(committee, plan.Items).Where(i => i.CommitteeId == committee.Id && !i.ConcernsAllCommittees)];
    }

    private async Task<PlanItem> ItemAsync(string slug, int index) => (await ItemsOfAsync(slug))[index];

    /// <summary>A viewer on <paramref name="path"/> through a <see cref="CircuitLine"/>, once <paramref name="ready"/> is shown (a board: its cards).</summary>
    private async Task<LivePage> OpenAsync(string path, string user, string? ready = null)
    {
        CircuitLine? line = null;
        var viewer = await browser.OpenAsync(app, path, user, board: ready is null, prepare: async context => line = await CircuitLine.AttachAsync(context));
        if (ready is not null)
        {
            await Expect(viewer.Page.Locator(ready).First).ToBeVisibleAsync();
        }

        return new LivePage(viewer, line!);
    }

    private sealed record LivePage(Viewer Viewer, CircuitLine Line) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Viewer.DisposeAsync();
    }

    /// <summary>
    /// The app whose item changes are lost on their way to the viewers while <see cref="Losing"/> (as a message from another
    /// server can be), and whose own comparison with the database comes only every ten minutes.
    /// </summary>
    public sealed class LossyApp : LiveApp
    {
        private volatile bool _losing;

        public bool Losing
        {
            get => _losing;
            set => _losing = value;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(PlanResync.IntervalSetting, "00:10:00");
            builder.ConfigureTestServices(services => services.AddSingleton<IChangeTransport>(sp =>
                new LosingTransport(new InProcessChangeTransport(sp.GetRequiredService<LocalChangeFeed>()), this)));
        }
    }

    private sealed class LosingTransport(IChangeTransport inner, LossyApp app) : IChangeTransport
    {
        public Task PublishAsync(ItemChange change, CancellationToken cancellationToken = default) =>
            app.Losing ? Task.CompletedTask : inner.PublishAsync(change, cancellationToken);

        public Task PublishAsync(StructureChange change, CancellationToken cancellationToken = default) => inner.PublishAsync(change, cancellationToken);
    }
}
