using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// One person's browser on the board, with the board's landmarks as locators. What goes wrong meanwhile (the browser's
/// errors and warnings, and the <paramref name="server"/>'s) is written to the test's output when it closes, which
/// <c>dotnet test</c> shows for a test that failed.
/// </summary>
/// <param name="release">
/// What becomes of the browser tab when the viewer closes: given, the tab is handed back (see
/// <see cref="BrowserFixture"/>, which lets the same user's next viewer reuse it); without, its browser context closes.
/// </param>
public sealed class Viewer(IBrowserContext context, IPage page, ServerProblems? server = null, Func<IPage, Task>? release = null) : IAsyncDisposable
{
    private readonly PageProblems _browserProblems = new(page);

    public IPage Page { get; } = page;

    private const string LoginPath = "/konto/log-ind";

    /// <summary>The page's polite live region for what this viewer did (a move, a save, a refusal).</summary>
    public ILocator Announcer => Page.Locator("#board-announcer");

    /// <summary>The board's polite live region for what others changed (ADR 0025: the board's script writes it).</summary>
    public ILocator Heard => Page.Locator("#board-heard");

    public ILocator Snackbar => Page.Locator(".mud-snackbar");

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    /// <summary>Every card on the page, wherever it is.</summary>
    public ILocator Cards => Page.Locator("li.card[data-code]");

    public ILocator Card(string code) => Page.Locator($"li.card[data-code='{code}']");

    /// <summary>The lane (theme) that holds the card; a card never leaves its lane by a move.</summary>
    public ILocator LaneOf(string code) => Page.Locator("section.lane").Filter(new LocatorFilterOptions { Has = Card(code) });

    public ILocator Cell(ILocator lane, ItemStatus status) => lane.Locator("div.lane-cells > div.cell").Nth(ColumnIndex(status));

    public ILocator CardIn(ILocator lane, ItemStatus status, string code) => Cell(lane, status).Locator($"li.card[data-code='{code}']");

    public ILocator TitleOf(string code) => Card(code).Locator("button.card-title");

    /// <summary>The name a demo user's changes are announced with to others.</summary>
    public static string DisplayName(string demoUser) => DemoUsers.All.Single(d => d.UserName == demoUser).DisplayName;

    public static int ColumnIndex(ItemStatus status) => Array.IndexOf(Enum.GetValues<ItemStatus>(), status);

    /// <summary>Signs in with the login page's demo button for <paramref name="user"/>, which lands on <paramref name="returnUrl"/>.</summary>
    public async Task SignInAsync(string user, string returnUrl, bool board = true)
    {
        await Page.GotoAsync($"{LoginPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await Page.Locator($"button[name=user][value='{user}']").ClickAsync();
        // The page is ready when its circuit is (below), not at the load event, which waits for every stylesheet and script.
        await Page.WaitForURLAsync(url => new Uri(url).PathAndQuery == returnUrl, new() { WaitUntil = WaitUntilState.Commit });
        await WaitUntilOpenAsync(board);
    }

    /// <summary>
    /// Opens <paramref name="path"/> with the <paramref name="cookies"/> of an earlier sign-in; false, with the cookies
    /// cleared, when the app sends the viewer to the login page instead (its access changed since, or the app is another).
    /// </summary>
    public async Task<bool> OpenSignedInAsync(IReadOnlyList<Cookie> cookies, string path, bool board = true)
    {
        await context.AddCookiesAsync(cookies);
        await Page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
        if (new Uri(Page.Url).AbsolutePath == LoginPath)
        {
            await context.ClearCookiesAsync();
            return false;
        }

        await WaitUntilOpenAsync(board);

        return true;
    }

    /// <summary>The page's circuit is live, and for a <paramref name="board"/>, the board is interactive.</summary>
    private Task WaitUntilOpenAsync(bool board) => board ? WaitUntilInteractiveAsync() : Page.Locator("[data-interactive=true]").WaitForAsync();

    /// <summary>Chooses <paramref name="file"/> in the import page's file input once the page listens for it (the input is enabled), as a user can.</summary>
    public async Task ChooseWorkbookAsync(FilePayload file)
    {
        var input = Page.GetByLabel("Excel-fil");
        await Expect(input).ToBeEnabledAsync();
        await input.SetInputFilesAsync(file);
    }

    /// <summary>Goes to a board (see <see cref="GoToPageAsync"/>) and waits until it is interactive.</summary>
    public async Task GoToAsync(string path)
    {
        if (!await FollowLinkAsync(path))
        {
            await Page.GotoAsync(path);
        }

        await WaitUntilInteractiveAsync();
    }

    /// <summary>
    /// Goes to a page that is not a board, as a person does from a link: within the page's live circuit when it has one
    /// (the page is rendered once, by the circuit), otherwise by loading it; waits until it is the page shown.
    /// A test that needs the page loaded anew (its first render on the server, or a new circuit) calls
    /// <c>Page.GotoAsync</c> or <see cref="ReloadAsync"/> itself.
    /// </summary>
    /// <remarks>
    /// Loading a page costs the browser its stylesheets and scripts and the server a first render and a new circuit: about
    /// three times the CPU of following a link in the circuit (measured against the sample plan, docs/test-time.md).
    /// </remarks>
    public async Task GoToPageAsync(string path)
    {
        if (!await FollowLinkAsync(path))
        {
            await Page.GotoAsync(path);
        }

        await WaitUntilOpenAsync(board: false);
    }

    /// <summary>
    /// Navigates within the circuit when the page has a live one and shows another address, and waits until the layout has
    /// rendered <paramref name="path"/> (it renders its <c>data-location</c> with the page); false otherwise.
    /// </summary>
    private async Task<bool> FollowLinkAsync(string path)
    {
        // The page already shown is loaded anew, as a person reloads it to see it afresh.
        if (!path.StartsWith('/') || !await Page.EvaluateAsync<bool>(
                "path => !!window.Blazor && !!document.querySelector('[data-interactive=true]') && document.querySelector('[data-location]')?.dataset.location !== path", path))
        {
            return false;
        }

        await Page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
        await Page.Locator($"[data-interactive=true][data-location=\"{path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]").WaitForAsync();
        return true;
    }

    public async Task ReloadAsync()
    {
        await Page.ReloadAsync();
        await WaitUntilInteractiveAsync();
    }

    /// <summary>
    /// The circuit is live and the board has rendered interactively. The layout says "interactive" in the same render
    /// as the page's first interactive one, which shows a progress bar until the board is loaded (and subscribed to changes).
    /// </summary>
    public async Task WaitUntilInteractiveAsync()
    {
        await Page.Locator("[data-interactive=true]").WaitForAsync();
        await Expect(Page.Locator("[aria-label='Indlæser tavlen']")).ToHaveCountAsync(0);
        await Expect(Cards.First).ToBeAttachedAsync();
    }

    /// <summary>
    /// Presses Enter on <paramref name="button"/> in the open dialog, as a keyboard user who tabbed to it. The dialog moves the
    /// focus into itself once it has opened; focusing the button before that happened let the dialog take the focus back,
    /// and the Enter went nowhere.
    /// </summary>
    public async Task PressInDialogAsync(ILocator button)
    {
        await Page.WaitForFunctionAsync("() => document.querySelector('[role=dialog]')?.contains(document.activeElement) === true",
            null, new() { PollingInterval = 50 });
        await button.FocusAsync();
        await Expect(button).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Records every text the live regions (the viewer's own and the board's of others' changes) take from now on, so a test can see what a screen reader was told.</summary>
    public Task RecordAnnouncementsAsync() => Page.EvaluateAsync(
        """
        () => {
            window.__announced = [];
            for (const region of document.querySelectorAll('#board-announcer, #board-heard')) {
                new MutationObserver(() => window.__announced.push(region.textContent))
                    .observe(region, { childList: true, characterData: true, subtree: true });
            }
        }
        """);

    public Task<string[]> AnnouncementsAsync() => Page.EvaluateAsync<string[]>("() => window.__announced ?? []");

    public Task<string[]> CodesAsync(ILocator cards) => cards.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.code)");

    public async ValueTask DisposeAsync()
    {
        // The page's own problems stop here: a tab handed on goes to the next viewer without this one's listeners.
        _browserProblems.Dispose();
        if (release is null)
        {
            await context.CloseAsync();
        }
        else
        {
            await release(Page);
        }

        if (TestContext.Current.TestOutputHelper is { } output)
        {
            foreach (var line in _browserProblems)
            {
                output.WriteLine($"browser {line}");
            }

            foreach (var line in server?.TakeNew() ?? [])
            {
                output.WriteLine($"server {line}");
            }
        }
    }

    /// <summary>The browser's errors and warnings on a page, from the viewer's opening until it closes.</summary>
    private sealed class PageProblems : IEnumerable<string>, IDisposable
    {
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly IPage _page;

        public PageProblems(IPage page)
        {
            _page = page;
            page.Console += OnConsole;
            page.PageError += OnPageError;
            page.Crash += OnCrash;
        }

        private void Add(string what) => _lines.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {what}"));

        private void OnConsole(object? sender, IConsoleMessage message)
        {
            if (message.Type is "error" or "warning")
            {
                Add($"{message.Type}: {message.Text} ({message.Location})");
            }
        }

        private void OnPageError(object? sender, string error) => Add($"page error: {error}");

        private void OnCrash(object? sender, IPage page) => Add("the page crashed");

        public void Dispose()
        {
            _page.Console -= OnConsole;
            _page.PageError -= OnPageError;
            _page.Crash -= OnCrash;
        }

        public IEnumerator<string> GetEnumerator() => _lines.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
