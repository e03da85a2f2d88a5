using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Board;
using Udmoentning.Web.Board.Views;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Data.Sample;

namespace Udmoentning.Tests.Integration;

/// <summary>
/// <c>/hubs/board</c> as the board's script uses it (ADR 0025): a page joins the view its board shows, gets the view's
/// figures, and after another user's change one message with the new counts and what to announce; hostile or unknown
/// views are refused in Danish, and a view goes when its last page does.
/// </summary>
public sealed class BoardViewsTests(LiveApp app) : IClassFixture<LiveApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APageJoinsItsBoardsViewAndHearsAnotherUsersChangeWithTheNewCounts()
    {
        var (view, rendered) = await ViewOfAsync("/");
        await using var page = await BoardLink.ConnectAsync(app, TestUsers.Reader);

        var joined = await page.JoinAsync(view);
        Assert.Equal(view, joined.View);
        Assert.Equal(rendered.Counts, joined.Counts);
        Assert.Equal(SamplePlanData.Items.Count, new ShownFigures(joined).Shown);

        var spec = SamplePlanData.Items.First(i => i.Status == ItemStatus.NotStarted);
        var item = await StoredAsync(spec.Code);
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        Assert.True((await app.Services.GetRequiredService<PlanItemService>().MoveAsync(coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token)).Succeeded);

        var message = await page.NextAsync();
        Assert.True(message.Sequence > joined.Sequence);
        var before = new ShownFigures(joined);
        var after = new ShownFigures(message);
        Assert.Equal(before.Cell(item.ThemeId, ItemStatus.NotStarted) - 1, after.Cell(item.ThemeId, ItemStatus.NotStarted));
        Assert.Equal(before.Cell(item.ThemeId, ItemStatus.InProgress) + 1, after.Cell(item.ThemeId, ItemStatus.InProgress));
        Assert.Equal(before.Shown, after.Shown);
        var heard = Assert.Single(message.Heard);
        Assert.Equal($"{spec.Code} flyttet til I gang af Karin Koordinator (direktionen).", heard.Text);
        // Made outside any page (here the service itself): no page leaves it out as its own.
        Assert.Null(heard.Origin);
    }

    [Fact]
    public async Task AViewThatIsNotTheBoardsOwnIsRefusedInDanishAndChangesNothing()
    {
        var (view, _) = await ViewOfAsync("/udvalg/au?status=i-gang");
        await using var page = await BoardLink.ConnectAsync(app, TestUsers.Reader);
        var views = app.Services.GetRequiredService<BoardViews>();
        var before = views.Count;

        foreach (var hostile in new[] { "", "da-DK|0||", "xx-XX|1||", view + "&x=1", view.Replace("status=i-gang", "status=I-GANG", StringComparison.Ordinal), "<script>alert(1)</script>", new string('a', BoardViewKey.MaxLength + 1) })
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => page.JoinAsync(hostile));
            Assert.Contains("Ukendt visning af tavlen", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, views.Count);
        Assert.Equal(view, (await page.JoinAsync(view)).View);
    }

    [Fact]
    public async Task AViewLivesWhileAPageHasJoinedIt()
    {
        var (view, _) = await ViewOfAsync("/udvalg/buu");
        var views = app.Services.GetRequiredService<BoardViews>();

        await using (var page = await BoardLink.ConnectAsync(app, TestUsers.Reader))
        {
            await page.JoinAsync(view);
            Assert.NotNull(views.Current(view));
        }

        Assert.True(await Poll.UntilAsync(() => views.Current(view) is null, TimeSpan.FromSeconds(10)), "the view outlived its last page");
    }

    [Fact]
    public async Task TheHubRefusesAClientThatIsNotSignedIn()
    {
        await using var connection = new HubConnectionBuilder().WithUrl(app.Url(BoardHub.Path)).Build();

        await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync(Token));
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public void AViewKeyIsReadBackOnlyAsTheBoardWritesIt()
    {
        var filter = BoardFilter.Parse("drift", "3", "i-gang", null, "med", "skole | 50% & mere", null);
        var text = new BoardViewKey("da-DK", 1, "oeu", filter).ToString();

        var key = BoardViewKey.Parse(text);

        Assert.NotNull(key);
        Assert.Equal(text, key.ToString());
        Assert.Equal("skole | 50% & mere", key.Filter.Text);
        Assert.Equal(1, key.PlanId);
        Assert.Equal("oeu", key.Committee);
        Assert.Null(BoardViewKey.Parse(text.Replace("da-DK", "de-DE", StringComparison.Ordinal)));
        Assert.Null(BoardViewKey.Parse(text + "|"));
    }

    /// <summary>The view and figures a board page renders for the reader, as its script finds them.</summary>
    private async Task<(string View, BoardFigures Figures)> ViewOfAsync(string path)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseAddress };
        await TestUsers.SignInAsync(http, TestUsers.Reader);
        var page = new HtmlParser().ParseDocument(await http.GetStringAsync(path, Token));
        var board = page.QuerySelector(".live-board")!;
        return (board.GetAttribute("data-view")!, ShownFigures.Parse(board.GetAttribute("data-figures")!).Figures);
    }

    private async Task<Udmoentning.Domain.Items.PlanItem> StoredAsync(string code)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().SingleAsync(i => i.Code == code, Token);
    }

    /// <summary>The board script's link, as a .NET client: joins a view and takes its messages in order.</summary>
    private sealed class BoardLink : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly Channel<BoardFigures> _messages = Channel.CreateUnbounded<BoardFigures>();

        private BoardLink(HubConnection connection)
        {
            _connection = connection;
            _connection.On<JsonElement>("Figures", message => _messages.Writer.TryWrite(message.Deserialize<BoardFigures>(JsonSerializerOptions.Web)!));
        }

        public static async Task<BoardLink> ConnectAsync(LiveApp app, string user)
        {
            var cookies = new CookieContainer();
            using (var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress })
            {
                await TestUsers.SignInAsync(http, user);
            }

            var link = new BoardLink(new HubConnectionBuilder().WithUrl(app.Url(BoardHub.Path), o => o.Cookies = cookies).Build());
            await link._connection.StartAsync(Token);
            return link;
        }

        public async Task<BoardFigures> JoinAsync(string view) =>
            (await _connection.InvokeAsync<JsonElement>("Join", view, Token)).Deserialize<BoardFigures>(JsonSerializerOptions.Web)!;

        public async Task<BoardFigures> NextAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            return await _messages.Reader.ReadAsync(timeout.Token);
        }

        public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
    }
}
