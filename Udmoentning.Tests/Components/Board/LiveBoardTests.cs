using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Board;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data.Sample;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Components.Board;

/// <summary>
/// Another page (a meeting, an arbejdsplan) shows a board with the same lanes, cells and cards by hosting a
/// <see cref="LiveBoard"/>: no board page involved.
/// </summary>
public sealed class LiveBoardTests : BoardContext
{
    private LocalChangeFeed Feed => Services.GetRequiredService<LocalChangeFeed>();

    [Fact]
    public async Task AnotherPageShowsTheLanesLiveAndMovesFromTheKeyboard()
    {
        var subscribers = Feed.SubscriberCount;
        var board = RenderLanes("buu");
        var specs = SamplePlanData.Items.Where(i => i.Status == ItemStatus.NotStarted && i.Committee == "BUU").ToList();
        var byOther = specs[0];
        var byKeyboard = specs[^1];

        Assert.Equal(subscribers + 1, Feed.SubscriberCount);
        var view = await JoinViewAsync(board);
        var item = await StoredAsync(byOther.Code);
        var other = await TestUsers.PrincipalAsync(AppServices, TestUsers.Coordinator);
        Assert.True((await ItemService.MoveAsync(other, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token)).Succeeded);
        board.WaitForAssertion(() => Assert.Equal("I gang", StatusOf(board, byOther.Code)), TimeSpan.FromSeconds(10));
        await AssertHeardAsync(view, $"{byOther.Code} flyttet til I gang af");

        await CardActionAsync(board, byKeyboard.Code, "key", "ArrowRight");

        board.WaitForAssertion(() => Assert.Equal("I gang", StatusOf(board, byKeyboard.Code)), TimeSpan.FromSeconds(10));
        Assert.Equal(ItemStatus.InProgress, (await StoredAsync(byKeyboard.Code)).Status);
        Assert.Equal($"{byKeyboard.Code} flyttet til I gang.", board.Find("#board-announcer").TextContent);
    }

    [Fact]
    public void SwitchingCommitteeKeepsOneSubscriptionAndLeavingTheBoardEndsIt()
    {
        var subscribers = Feed.SubscriberCount;
        var board = RenderLanes("buu");
        Assert.Equal(Extract("BUU"), Codes(board));

        board.Render(p => p.Add(h => h.Board, Lanes("kuu")));

        board.WaitForAssertion(() => Assert.Equal(Extract("KUU"), Codes(board)), TimeSpan.FromSeconds(10));
        Assert.Equal(subscribers + 1, Feed.SubscriberCount);

        board.Render(p => p.Add(h => h.Board, builder => builder.AddContent(0, "Noget andet")));

        Assert.Equal(subscribers, Feed.SubscriberCount);
        Assert.Null(Services.GetRequiredService<BoardSession>().State);
    }

    private IRenderedComponent<BoardHost> RenderLanes(string committee)
    {
        var host = Render<BoardHost>(p => p.Add(h => h.Board, Lanes(committee)));
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll("li.card")), TimeSpan.FromSeconds(10));
        return host;
    }

    /// <summary>A page of its own: a committee's lanes in a <see cref="LiveBoard"/>, without the board page's header and filters.</summary>
    private static RenderFragment Lanes(string committee) => builder =>
    {
        builder.OpenComponent<LiveBoard>(0);
        builder.AddComponentParameter(1, nameof(LiveBoard.Committee), committee);
        builder.AddComponentParameter(2, nameof(LiveBoard.ChildContent), (RenderFragment<BoardSession>)(session => lanes =>
        {
            foreach (var theme in session.State?.Snapshot.Themes ?? [])
            {
                lanes.OpenComponent<ThemeLane>(0);
                lanes.SetKey(theme.Id);
                lanes.AddComponentParameter(1, nameof(ThemeLane.Theme), theme);
                lanes.AddComponentParameter(2, nameof(ThemeLane.State), session.State);
                lanes.CloseComponent();
            }
        }));
        builder.CloseComponent();
    };

    private static IEnumerable<string> Codes(IRenderedComponent<BoardHost> board) =>
        board.FindAll("li.card").Select(c => c.GetAttribute("data-code")!).Order();

    private static IEnumerable<string> Extract(string committee) => SamplePlanData.Items
        .Where(i => i.Committee == committee || i.TreatedBy == committee || i.CrossCutting || i.Kind == ItemKind.FiscalLeewayProposal)
        .Select(i => i.Code).Order();

    private static string StatusOf(IRenderedComponent<BoardHost> board, string code) =>
        board.Find($"li.card[data-code='{code}']").ParentElement!.GetAttribute("data-label")!;
}
