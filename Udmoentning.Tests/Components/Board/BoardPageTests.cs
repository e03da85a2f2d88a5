using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Board;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data.Sample;

namespace Udmoentning.Tests.Components.Board;

public sealed class BoardPageTests : BoardContext
{
    private static readonly ItemStatus[] Columns = Enum.GetValues<ItemStatus>();

    [Fact]
    public void LanesFollowThePlansThemesInOrderWithTheirCounts()
    {
        var board = RenderBoard();

        var headings = board.FindAll(".lane-heading");
        var themes = Services.GetRequiredService<BoardSession>().State!.Snapshot.Themes;
        var figures = RenderedFigures(board);

        Assert.Equal(SamplePlanData.Themes.Count, headings.Count);
        for (var i = 0; i < headings.Count; i++)
        {
            var expected = SamplePlanData.Items.Count(item => item.Theme == i + 1);
            Assert.Contains($"{i + 1}. {SamplePlanData.Themes[i]}", headings[i].TextContent);
            // The board's script writes "(n)" here from the figures (ADR 0025).
            Assert.NotNull(headings[i].QuerySelector($"[data-fig='lane-{themes[i].Id}']"));
            Assert.Equal(expected, figures.Lane(themes[i].Id));
        }

        Assert.Contains($"af {SamplePlanData.Items.Count} punkter vist", board.Find(".board-summary").TextContent);
        Assert.Equal(SamplePlanData.Items.Count, figures.Shown);
    }

    [Fact]
    public void EveryCardSitsInItsThemesLaneAndItsStatusColumn()
    {
        var board = RenderBoard();

        var lanes = board.FindAll("section.lane");
        foreach (var spec in SamplePlanData.Items)
        {
            var cells = lanes[spec.Theme - 1].QuerySelectorAll(".cell");
            var cell = cells[Array.IndexOf(Columns, spec.Status)];
            Assert.NotNull(cell.QuerySelector($"li.card[data-code='{spec.Code}']"));
        }
    }

    [Fact]
    public void TheSamplePlanShowsEveryCardWithoutPaging()
    {
        var board = RenderBoard();

        Assert.Equal(SamplePlanData.Items.Count, board.FindAll("li.card").Count);
        Assert.Empty(board.FindAll("ul.cards.long"));
    }

    [Fact]
    public void ACardShowsWhatAMeetingNeedsToSee()
    {
        var board = RenderBoard();
        var completed = SamplePlanData.Items.First(i => i.Status == ItemStatus.Completed);
        var slipped = SamplePlanData.Items.First(i => i.Timing != i.Baseline);
        var flagged = SamplePlanData.Items.First(i => i.CrossCutting && i.Med);

        var completedCard = Card(board, completed.Code);
        var slippedCard = Card(board, slipped.Code);
        var flaggedCard = Card(board, flagged.Code);

        Assert.Contains("completed", completedCard.ClassList);
        Assert.Equal("X (afsluttet)", completedCard.QuerySelector(".card-x")!.TextContent);
        Assert.Equal(completed.Title, completedCard.QuerySelector(".card-title")!.TextContent);
        var slip = DanishTiming.Parse(slipped.Timing!).QuartersAfter(DanishTiming.Parse(slipped.Baseline!));
        Assert.Contains($"+{slip} kvt. forsinket i forhold til {slipped.Baseline}", slippedCard.QuerySelector(".slip")!.TextContent);
        Assert.Equal(["Tværgående", "MED"], flaggedCard.QuerySelectorAll(".flag").Select(f => f.TextContent));
        Assert.Contains($"Tilstand: {flagged.Health.Name()}", flaggedCard.TextContent);
        Assert.Equal($"Flyt {flagged.Code} til…", flaggedCard.QuerySelector(".card-move")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void CollapsingALaneHidesItsCardsAndShowsCountsPerColumn()
    {
        var board = RenderBoard();
        var lane = () => board.FindAll("section.lane")[0];

        lane().QuerySelector(".lane-toggle")!.Click();

        Assert.Equal("false", lane().QuerySelector(".lane-toggle")!.GetAttribute("aria-expanded"));
        Assert.Empty(lane().QuerySelectorAll(".card"));
        var inProgress = SamplePlanData.Items.Count(i => i.Theme == 1 && i.Status == ItemStatus.InProgress);
        var themeId = Services.GetRequiredService<BoardSession>().State!.Snapshot.Themes[0].Id;
        Assert.Contains("I gang:", lane().QuerySelector(".lane-summary")!.TextContent);
        Assert.NotNull(lane().QuerySelector($".lane-summary [data-fig='cell-{themeId}-{(int)ItemStatus.InProgress}']"));
        Assert.Equal(inProgress, RenderedFigures(board).Cell(themeId, ItemStatus.InProgress));
    }

    [Fact]
    public void TheFilterInTheUrlShowsOnlyMatchingCardsAndTheirTotal()
    {
        var board = RenderBoardAt("/?status=afsluttet&type=raaderum");

        var expected = SamplePlanData.Items.Where(i => i.Status == ItemStatus.Completed && i.Kind == ItemKind.FiscalLeewayProposal).ToList();
        Assert.Equal(expected.Select(i => i.Code).Order(), board.FindAll("li.card").Select(c => c.GetAttribute("data-code")!).Order());
        var total2026 = expected.Sum(i => i.Effects[1]);
        Assert.NotNull(board.Find(".board-summary [data-fig='total-2026']"));
        Assert.Equal(Udmoentning.Domain.Items.Amounts.Format(total2026), RenderedFigures(board).Total(2026));
    }

    [Fact]
    public async Task NotFullyOnAccountsShowsTheItemsStillToPlaceAndFollowsTheirKonteringLive()
    {
        var withAmounts = SamplePlanData.Items.Where(i => i.Effects.Count(e => e != 0) >= 2).Take(3).ToList();
        var (unplaced, placed, edited) = (withAmounts[0].Code, withAmounts[1].Code, withAmounts[2].Code);
        var coordinator = await TestUsers.PrincipalAsync(AppServices, TestUsers.Coordinator);
        var placedLines = await PlaceInFullAsync(coordinator, placed);
        await PlaceInFullAsync(coordinator, edited);

        var board = RenderBoardAt("/?flag=konti");
        var view = await JoinViewAsync(board);

        var shown = Codes(board);
        Assert.Contains(unplaced, shown);
        Assert.DoesNotContain(placed, shown);
        Assert.DoesNotContain(edited, shown);
        Assert.DoesNotContain(SamplePlanData.Items.Where(i => i.Effects.All(e => e == 0)).Select(i => i.Code), shown.Contains);
        Assert.True(board.Find("input[type=checkbox][checked]").ParentElement!.TextContent.Contains("Ikke fuldt på konti", StringComparison.Ordinal));

        // Another viewer takes a line off the kontering: the item is short of its amount again and appears, unreloaded.
        var item = await StoredAsync(placed);
        var removed = await ItemService.PlaceOnAccountsAsync(coordinator, new AccountsRequest(item.Id, placedLines, placedLines.Skip(1).ToList()), Token);
        Assert.True(removed.Succeeded);
        board.WaitForAssertion(() => Assert.Contains(placed, Codes(board)), TimeSpan.FromSeconds(10));
        await AssertHeardAsync(view, $"Konti for {placed} opdateret af");

        // An amount changed after the item was placed in full leaves a gap too.
        var before = await StoredAsync(edited);
        var details = before.ToDetails();
        var changed = details with { Effects = [.. details.Effects.Select((e, i) => i == 0 ? e with { AmountThousands = e.AmountThousands - 100 } : e)] };
        Assert.True((await ItemService.UpdateAsync(coordinator, before.Id, before.Version, changed, Token)).Succeeded);
        board.WaitForAssertion(() => Assert.Contains(edited, Codes(board)), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(board.FindAll("li.card"), c => c.GetAttribute("data-code") is { } code && code != placed && code != edited && !shown.Contains(code));
    }

    /// <summary>Places each of the item's amounts on one account, as a coordinator would; returns the lines.</summary>
    private async Task<IReadOnlyList<AccountLine>> PlaceInFullAsync(System.Security.Claims.ClaimsPrincipal coordinator, string code)
    {
        var item = await StoredAsync(code);
        IReadOnlyList<AccountLine> lines = [.. item.Effects.Where(e => e.AmountThousands != 0).Select(e => new AccountLine("3.22.01-1-4.0", e.Year, e.AmountThousands))];
        Assert.True((await ItemService.PlaceOnAccountsAsync(coordinator, new AccountsRequest(item.Id, [], lines), Token)).Succeeded);
        return lines;
    }

    private static List<string> Codes(IRenderedComponent<BoardHost> board) =>
        [.. board.FindAll("li.card").Select(c => c.GetAttribute("data-code")!)];

    [Fact]
    public void ACommitteeViewHoldsItsExtract()
    {
        var board = RenderBoard(("Slug", "buu"));

        var expected = SamplePlanData.Items
            .Where(i => i.Committee == "BUU" || i.TreatedBy == "BUU" || i.CrossCutting || i.Kind == ItemKind.FiscalLeewayProposal)
            .Select(i => i.Code).Order();
        Assert.Equal(expected, board.FindAll("li.card").Select(c => c.GetAttribute("data-code")!).Order());
        Assert.Equal(CompoundWords.Hyphenate("Børne- og ungdomsudvalget"), board.Find("h1").TextContent);
    }

    [Fact]
    public void AnUnknownCommitteeSaysSoInsteadOfShowingAnEmptyBoard()
    {
        var host = Render<BoardHost>(p => p.Add(h => h.Board, builder =>
        {
            builder.OpenComponent<BoardPage>(0);
            builder.AddComponentParameter(1, "Slug", "xyz");
            builder.CloseComponent();
        }));

        host.WaitForAssertion(() => Assert.Contains("Der findes ikke et udvalg med kortnavnet \"xyz\"", host.Markup), TimeSpan.FromSeconds(10));
        Assert.Empty(host.FindAll("li.card"));
    }

    [Fact]
    public async Task TheMoveMenuOffersOnlyAllowedMovesAndMovesTheCard()
    {
        var board = RenderBoard();
        var spec = SamplePlanData.Items.First(i => i.Status == ItemStatus.NotStarted);

        // The handler waits for the dialog's answer, so the event completes only once a choice is made.
        var menu = CardActionAsync(board, spec.Code, "move");
        board.WaitForAssertion(() => Assert.NotEmpty(board.FindAll(".move-options button")));
        var options = board.FindAll(".move-options li");
        var completed = options.Single(o => o.QuerySelector("button")!.TextContent.Trim() == "Afsluttet");
        Assert.True(completed.QuerySelector("button")!.HasAttribute("disabled"));
        Assert.Contains("er ikke påbegyndt", completed.QuerySelector(".move-reason")!.TextContent);

        options.Single(o => o.QuerySelector("button")!.TextContent.Trim() == "I gang").QuerySelector("button")!.Click();

        await menu.WaitAsync(TimeSpan.FromSeconds(10), Token);
        board.WaitForAssertion(() => Assert.Equal(ItemStatus.InProgress, ColumnOf(board, spec.Code)), TimeSpan.FromSeconds(10));
        Assert.Equal(ItemStatus.InProgress, (await StoredAsync(spec.Code)).Status);
        Assert.Equal($"{spec.Code} flyttet til I gang.", board.Find("#board-announcer").TextContent);
    }

    [Fact]
    public async Task DraggingACardToAnotherColumnMovesIt()
    {
        var board = RenderBoard();
        // Flagged items need their coordination checkpoints before X; this one needs none.
        var spec = SamplePlanData.Items.First(i => i.Status == ItemStatus.InProgress && !i.Med && !i.CrossCutting);

        await DropAsync(board, spec.Code, Cell(board, spec.Theme, ItemStatus.Completed));

        board.WaitForAssertion(() => Assert.Equal(ItemStatus.Completed, ColumnOf(board, spec.Code)), TimeSpan.FromSeconds(10));
        Assert.Equal(ItemStatus.Completed, (await StoredAsync(spec.Code)).Status);
    }

    [Fact]
    public async Task ARefusedDropLeavesTheCardAndSaysWhy()
    {
        var board = RenderBoard();
        var spec = SamplePlanData.Items.First(i => i.Status == ItemStatus.NotStarted);

        await DropAsync(board, spec.Code, Cell(board, spec.Theme, ItemStatus.Completed));

        board.WaitForAssertion(() => Assert.Contains("er ikke påbegyndt", board.Find("#board-announcer").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("er ikke påbegyndt", board.Find(".mud-snackbar").TextContent);
        Assert.Equal(ItemStatus.NotStarted, ColumnOf(board, spec.Code));
        Assert.Equal(ItemStatus.NotStarted, (await StoredAsync(spec.Code)).Status);
    }

    [Fact]
    public async Task DroppingInAnotherThemesLaneIsRefusedWithoutSaving()
    {
        var board = RenderBoard();
        var spec = SamplePlanData.Items.First(i => i.Status == ItemStatus.InProgress && i.Theme == 1);

        await DropAsync(board, spec.Code, Cell(board, 2, ItemStatus.Completed));

        board.WaitForAssertion(() => Assert.Contains("Træk det inden for sin egen række", board.Find("#board-announcer").TextContent));
        Assert.Equal(ItemStatus.InProgress, (await StoredAsync(spec.Code)).Status);
    }

    [Fact]
    public async Task CtrlArrowMovesTheCardFromTheKeyboardAndKeepsFocusOnIt()
    {
        var board = RenderBoard();
        var spec = SamplePlanData.Items.Last(i => i.Status == ItemStatus.NotStarted);

        await CardActionAsync(board, spec.Code, "key", "ArrowRight");

        board.WaitForAssertion(() => Assert.Equal(ItemStatus.InProgress, ColumnOf(board, spec.Code)), TimeSpan.FromSeconds(10));
        Assert.Equal(ItemStatus.InProgress, (await StoredAsync(spec.Code)).Status);
        Assert.Equal($"{spec.Code} flyttet til I gang.", board.Find("#board-announcer").TextContent);
        board.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations["udmBoard.focusCard"], call => (int)call.Arguments[0]! == ItemIdOf(board, spec.Code)));
    }

    [Fact]
    public async Task AChangeByAnotherUserMovesTheCardAndRerendersOnlyTheCellsItTouched()
    {
        var board = RenderBoard();
        var view = await JoinViewAsync(board);
        var spec = SamplePlanData.Items.First(i => i.Status == ItemStatus.NotStarted);
        var themeId = (await StoredAsync(spec.Code)).ThemeId;
        var others = board.FindComponents<StatusCell>()
            .Where(c => c.Instance.Key != new CellKey(themeId, ItemStatus.NotStarted) && c.Instance.Key != new CellKey(themeId, ItemStatus.InProgress)).ToList();
        var rendersBefore = others.ToDictionary(c => c.Instance.Key, c => c.RenderCount);
        var item = await StoredAsync(spec.Code);

        var other = await TestUsers.PrincipalAsync(AppServices, TestUsers.Coordinator);
        var outcome = await ItemService.MoveAsync(other, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);

        Assert.True(outcome.Succeeded);
        board.WaitForAssertion(() => Assert.Equal(ItemStatus.InProgress, ColumnOf(board, spec.Code)), TimeSpan.FromSeconds(10));
        await AssertHeardAsync(view, $"{spec.Code} flyttet til I gang af Karin Koordinator (direktionen).");
        Assert.NotNull(Card(board, spec.Code).QuerySelector(".flash"));
        Assert.All(others, c => Assert.Equal(rendersBefore[c.Instance.Key], c.RenderCount));
    }

    private static IElement Card(IRenderedComponent<BoardHost> board, string code) => board.Find($"li.card[data-code='{code}']");

    private static IElement Cell(IRenderedComponent<BoardHost> board, int theme, ItemStatus status) =>
        board.FindAll("section.lane")[theme - 1].QuerySelectorAll(".cell")[Array.IndexOf(Columns, status)];

    private static ItemStatus ColumnOf(IRenderedComponent<BoardHost> board, string code)
    {
        foreach (var lane in board.FindAll("section.lane"))
        {
            var cells = lane.QuerySelectorAll(".cell");
            for (var i = 0; i < cells.Length; i++)
            {
                if (cells[i].QuerySelector($"li.card[data-code='{code}']") is not null)
                {
                    return Columns[i];
                }
            }
        }

        throw new InvalidOperationException($"{code} is not on the board.");
    }
}
