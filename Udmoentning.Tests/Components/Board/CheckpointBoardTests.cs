using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Collaboration;
using Udmoentning.Web.Data.Sample;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Components.Board;

/// <summary>The board's side of the checkpoints: the missing steps on the card, the "Venter på" filter, and the checklist in the details.</summary>
public sealed class CheckpointBoardTests : BoardContext
{
    // The seeder marks MED done for flagged items that are ready or completed; the open ones before that still wait for it.
    private static readonly string[] WaitingForMed = [.. SamplePlanData.Items
        .Where(i => i.Med && i.Status is ItemStatus.NotStarted or ItemStatus.InProgress).Select(i => i.Code).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task ACardNamesItsMissingRequiredStepsAndLosesThemLiveWhenTheyAreDone()
    {
        var board = RenderBoard();
        var view = await JoinViewAsync(board);
        var plain = SamplePlanData.Items.First(i => !i.Med && !i.CrossCutting && i.TreatedBy is null && i.Status == ItemStatus.InProgress).Code;

        Assert.Equal("Mangler: MEDMangler før afslutning (X): MED inddraget", Card(board, "AU-D4").QuerySelector(".card-missing")!.TextContent);
        Assert.Equal("Mangler: Politisk", Card(board, "AU-D3").QuerySelector(".card-missing > [aria-hidden=true]")!.TextContent);
        Assert.Equal("Mangler: MED, Direktion, Koncernledelse", Card(board, "ØU-R6").QuerySelector(".card-missing > [aria-hidden=true]")!.TextContent);
        Assert.Null(Card(board, plain).QuerySelector(".card-missing"));
        Assert.Null(Card(board, "ØU-R3").QuerySelector(".card-missing"));

        var editor = await TestUsers.PrincipalAsync(AppServices, TestUsers.EditorAu);
        var item = await StoredAsync("AU-D4");
        Assert.True((await ItemService.MarkCheckpointAsync(editor, new CheckpointRequest(item.Id, CheckpointStep.MedInvolved), Token)).Succeeded);

        board.WaitForAssertion(() => Assert.Null(Card(board, "AU-D4").QuerySelector(".card-missing")), TimeSpan.FromSeconds(10));
        await AssertHeardAsync(view, "Kontrolpunkter for AU-D4 opdateret af");
    }

    [Fact]
    public async Task WaitingForMedListsTheOpenItemsThatLackItAndAnItemLeavesWhenItIsDone()
    {
        var board = RenderBoardAt("/?venter=med");

        Assert.Equal(WaitingForMed, Codes(board));
        var group = board.FindAll("details.filter-menu").Single(d => d.QuerySelector("summary")!.TextContent.StartsWith("Venter på", StringComparison.Ordinal));
        Assert.Equal("Venter på (1)", group.QuerySelector("summary")!.TextContent);
        Assert.True(Checkbox(group, "MED inddraget").HasAttribute("checked"));

        var coordinator = await TestUsers.PrincipalAsync(AppServices, TestUsers.Coordinator);
        var item = await StoredAsync("BUU-D1");
        Assert.True((await ItemService.MarkCheckpointAsync(coordinator, new CheckpointRequest(item.Id, CheckpointStep.MedInvolved), Token)).Succeeded);

        board.WaitForAssertion(() => Assert.Equal(WaitingForMed.Where(c => c != "BUU-D1"), Codes(board)), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void TheFilterWorksInACommitteeViewAndChoosingAStepPutsItInTheAddress()
    {
        var board = RenderBoardAt("/udvalg/au?venter=med", ("Slug", "au"));

        var codes = Codes(board);
        Assert.Contains("AU-D4", codes);
        Assert.Contains("AU-D6", codes);
        Assert.Contains("ØU-D3", codes);      // cross-cutting: in every committee's extract
        Assert.DoesNotContain("BUU-D1", codes); // another committee's own item
        Assert.DoesNotContain("AU-D3", codes);  // MED done; it waits only for the political treatment
        Assert.All(codes, c => Assert.Contains(c, WaitingForMed));

        var group = board.FindAll("details.filter-menu").Single(d => d.QuerySelector("summary")!.TextContent.StartsWith("Venter på", StringComparison.Ordinal));
        Checkbox(group, "Drøftet i Direktionen").Change(true);

        var uri = new Uri(Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Equal("/udvalg/au", uri.AbsolutePath);
        Assert.Contains("venter=direktion,med", Uri.UnescapeDataString(uri.Query), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChecklistShowsTheStepsMarksOneAndFollowsAnotherUsersMarkLive()
    {
        var snapshot = (await AppServices.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var coordinator = await TestUsers.PrincipalAsync(AppServices, TestUsers.Coordinator);
        var item = await StoredAsync("ØU-R6");
        var list = Render<CheckpointList>(p => p.Add(c => c.Item, item).Add(c => c.Snapshot, snapshot).Add(c => c.User, coordinator));

        list.WaitForAssertion(() => Assert.NotNull(list.Find("li[data-step='direktion'] button")));
        Assert.Equal(["med", "direktion", "koncernledelse", "politisk"], list.FindAll("li.checkpoint").Select(l => l.GetAttribute("data-step")));
        Assert.Equal("Før punktet kan afsluttes (X), mangler: MED inddraget, Drøftet i Direktionen, Drøftet i Koncernledelsen.", list.Find(".checkpoints-summary").TextContent);
        Assert.Contains("kræves før X", Step(list, "direktion").TextContent);
        Assert.DoesNotContain("kræves før X", Step(list, "politisk").TextContent);
        Assert.Contains("Mangler", Step(list, "direktion").TextContent);

        Step(list, "direktion").QuerySelector("button")!.Click();

        list.WaitForAssertion(() => Assert.Contains("Gjort af Karin Koordinator", Step(list, "direktion").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal("Tag tilbage: Drøftet i Direktionen", Step(list, "direktion").QuerySelector("button")!.GetAttribute("aria-label"));
        Assert.Equal("\"Drøftet i Direktionen\" er markeret som gjort.", list.Find("[role=status]").TextContent);
        Assert.Contains(CheckpointStep.DiscussedByExecutiveBoard, (await StoredAsync("ØU-R6")).Checkpoints.Select(c => c.Step));

        var administrator = await TestUsers.PrincipalAsync(AppServices, TestUsers.Administrator);
        Assert.True((await ItemService.MarkCheckpointAsync(administrator, new CheckpointRequest(item.Id, CheckpointStep.DiscussedByGroupManagement), Token)).Succeeded);

        list.WaitForAssertion(() => Assert.Contains("Gjort af", Step(list, "koncernledelse").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal("Før punktet kan afsluttes (X), mangler: MED inddraget.", list.Find(".checkpoints-summary").TextContent);
        Assert.StartsWith("Kontrolpunkterne er opdateret af", list.Find("[role=status]").TextContent);
    }

    [Fact]
    public async Task AnEditorIsOfferedMedOnTheirOwnItemButNotTheDirektionSteps()
    {
        var snapshot = (await AppServices.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var editor = await TestUsers.PrincipalAsync(AppServices, TestUsers.EditorAu);
        var list = Render<CheckpointList>(p => p.Add(c => c.Item, snapshot.Items.Single(i => i.Code == "AU-D4")).Add(c => c.Snapshot, snapshot).Add(c => c.User, editor));

        list.WaitForAssertion(() => Assert.NotNull(list.Find("li[data-step='med'] button")));
        Assert.Equal("Markér som gjort: MED inddraget", Step(list, "med").QuerySelector("button")!.GetAttribute("aria-label"));
        Assert.Null(Step(list, "direktion").QuerySelector("button"));
        Assert.Null(Step(list, "koncernledelse").QuerySelector("button"));
        Assert.NotNull(Step(list, "politisk").QuerySelector("select"));
    }

    private static IElement Card(IRenderedComponent<BoardHost> board, string code) => board.Find($"li.card[data-code='{code}']");

    private static IElement Step(IRenderedComponent<CheckpointList> list, string slug) => list.Find($"li[data-step='{slug}']");

    private static IElement Checkbox(IElement group, string label) =>
        group.QuerySelectorAll("label").Single(l => l.TextContent.Trim() == label).QuerySelector("input")!;

    private static string[] Codes(IRenderedComponent<BoardHost> board) =>
        [.. board.FindAll("li.card[data-code]").Select(c => c.GetAttribute("data-code")!).Order(StringComparer.Ordinal)];
}
