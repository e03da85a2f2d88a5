using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Access;
using Udmoentning.Web.Board;
using Udmoentning.Web.Board.Views;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Ledger;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;
using Udmoentning.Web.Realtime.Presence;

namespace Udmoentning.Tests.Support;

/// <summary>
/// bUnit on the real app's services and a real, seeded SQLite file: the board as a live circuit sees it,
/// with MudBlazor's providers rendered around it.
/// </summary>
public abstract class BoardContext : BunitContext, IAsyncLifetime
{
    private readonly AppFactory _app;

    /// <param name="settings">App settings for this board's app, e.g. lower rate limits.</param>
    protected BoardContext(IReadOnlyDictionary<string, string>? settings = null)
    {
        _app = new AppFactory { Settings = settings ?? new Dictionary<string, string>() };
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<CircuitConnection>();
        // The app's own singletons, so the board saves to the real database and hears the real change feed.
        Services.AddSingleton(_app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>());
        Services.AddSingleton(_app.Services.GetRequiredService<PlanItemService>());
        Services.AddSingleton(_app.Services.GetRequiredService<LocalChangeFeed>());
        Services.AddSingleton(_app.Services.GetRequiredService<TimeProvider>());
        Services.AddSingleton(_app.Services.GetRequiredService<PlanCache>());
        Services.AddSingleton(_app.Services.GetRequiredService<CurrentUsers>());
        Services.AddSingleton(_app.Services.GetRequiredService<PlanResync>());
        Services.AddSingleton(_app.Services.GetRequiredService<AccountLineReader>());
        Services.AddTransient<LivePlan>();
        Services.AddScoped<BoardSession>();
        Services.AddSingleton(_app.Services.GetRequiredService<PresenceRegistry>());
        Services.AddScoped<PresenceCircuit>();
        // The demo coordinator's account: the app reads the rights from it, not from these claims.
        var authorization = AddAuthorization();
        authorization.SetAuthorized("Karin Koordinator");
        authorization.SetRoles(nameof(Udmoentning.Domain.Access.Role.Coordinator));
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, CoordinatorId()));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private string CoordinatorId()
    {
        using var db = _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContext();
        return db.Users.Single(u => u.UserName == TestUsers.Coordinator).Id;
    }

    protected static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    protected PlanItemService ItemService => _app.Services.GetRequiredService<PlanItemService>();

    protected IServiceProvider AppServices => _app.Services;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Renders the board (with optional parameters such as a committee slug) and waits for its cards.</summary>
    protected IRenderedComponent<BoardHost> RenderBoardAt(string url, params (string Name, object? Value)[] parameters)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return RenderBoard(parameters);
    }

    protected IRenderedComponent<BoardHost> RenderBoard(params (string Name, object? Value)[] parameters)
    {
        RenderFragment board = builder =>
        {
            builder.OpenComponent<BoardPage>(0);
            foreach (var (name, value) in parameters)
            {
                builder.AddComponentParameter(1, name, value);
            }

            builder.CloseComponent();
        };
        var host = Render<BoardHost>(p => p.Add(h => h.Board, board));
        host.WaitForAssertion(() => Assert.NotNull(Services.GetRequiredService<BoardSession>().State), TimeSpan.FromSeconds(10));
        return host;
    }

    /// <summary>The board's figures as it rendered them (<c>data-figures</c>): what its script writes first (ADR 0025).</summary>
    private protected static ShownFigures RenderedFigures(IRenderedComponent<BoardHost> board) =>
        ShownFigures.Parse(board.Find(".live-board").GetAttribute("data-figures")!);

    /// <summary>
    /// Joins the view the board shows, as its script does on <c>/hubs/board</c> (ADR 0025), so the node keeps the view and
    /// works out its figures and announcements after each change; returns the view's key.
    /// </summary>
    protected async Task<string> JoinViewAsync(IRenderedComponent<BoardHost> board)
    {
        var view = board.Find(".live-board").GetAttribute("data-view")!;
        Assert.NotNull(await Views.JoinAsync($"bunit-{Guid.NewGuid():N}", view, Token));
        return view;
    }

    /// <summary>Waits until the view's latest figures announce <paramref name="text"/>, as the script says them in #board-heard.</summary>
    protected async Task AssertHeardAsync(string view, string text)
    {
        var heard = await Poll.UntilAsync(() => Views.Current(view)?.Heard.Any(h => h.Text.Contains(text, StringComparison.Ordinal)) == true, TimeSpan.FromSeconds(10));
        Assert.True(heard, $"The view did not announce \"{text}\"; it last said: {string.Join(" ", Views.Current(view)?.Heard.Select(h => h.Text) ?? [])}");
    }

    private BoardViews Views => _app.Services.GetRequiredService<BoardViews>();

    protected async Task<PlanItem> StoredAsync(string code)
    {
        var contexts = _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().SingleAsync(i => i.Code == code, Token);
    }

    /// <summary>
    /// What <c>js/board.js</c> reports when a viewer acts on the card <paramref name="code"/> ("open", "move", "key"),
    /// raised on the board's one handler as the browser would.
    /// </summary>
    protected static Task CardActionAsync(IRenderedComponent<BoardHost> board, string code, string action, string? key = null) =>
        board.Find(".live-board").TriggerEventAsync("oncardaction", new CardActionEventArgs { Action = action, ItemId = ItemIdOf(board, code), Key = key });

    /// <summary>The card <paramref name="code"/> dragged and dropped in <paramref name="cell"/>, on the card <paramref name="onto"/> or below the last.</summary>
    protected static Task DropAsync(IRenderedComponent<BoardHost> board, string code, AngleSharp.Dom.IElement cell, string? onto = null) =>
        board.Find(".live-board").TriggerEventAsync("oncardaction", new CardActionEventArgs
        {
            Action = "drop",
            ItemId = ItemIdOf(board, code),
            ThemeId = int.Parse(cell.GetAttribute("data-theme-id")!, System.Globalization.CultureInfo.InvariantCulture),
            Status = int.Parse(cell.GetAttribute("data-status")!, System.Globalization.CultureInfo.InvariantCulture),
            BeforeItemId = onto is null ? null : ItemIdOf(board, onto),
        });

    protected static int ItemIdOf(IRenderedComponent<BoardHost> board, string code) =>
        int.Parse(board.Find($"li.card[data-code='{code}']").GetAttribute("data-item-id")!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>MudBlazor's providers and the board, as the layout renders them.</summary>
    public sealed class BoardHost : ComponentBase
    {
        [Parameter] public RenderFragment? Board { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.AddContent(3, Board);
        }
    }
}
