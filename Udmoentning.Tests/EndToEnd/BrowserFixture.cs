using System.Collections.Concurrent;
using Microsoft.Playwright;
using Udmoentning.Tests.Support;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// One headless Chromium (the system's, never a downloaded one) shared by the end-to-end tests.
/// Each viewer gets a browser context of its own, as two people on two laptops would.
/// </summary>
/// <remarks>
/// It is Debian's <c>chromium-headless-shell</c>: the same Blink and V8 as <c>chromium</c> without the desktop browser
/// around them, which is also what Playwright itself runs for headless tests. A new context opening the board cost about
/// 1.4 CPU seconds in it against 3.3 in the full browser (docs/test-time.md); the tests are CPU-bound on 2 cores.
/// </remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const int TimeoutMs = 10_000;

    /// <summary>Installed by <c>test.sh</c> (Debian package <c>chromium-headless-shell</c>); the full browser where only it is there.</summary>
    private static readonly string Executable =
        new[] { "/usr/bin/chromium-headless-shell", "/usr/bin/chromium" }.FirstOrDefault(File.Exists) ?? "/usr/bin/chromium-headless-shell";

    private IPlaywright _playwright = null!;

    /// <summary>
    /// The cookies of a user's first sign-in to an app. That user's next viewers start with them, as someone who signed in
    /// earlier opens another window, instead of each going through the login page again: most of a viewer's opening was
    /// the sign-in. Signing in is tested on its own (<c>AccessTests</c>, <c>AccessChangeInBrowserTests</c>).
    /// </summary>
    private readonly ConcurrentDictionary<(Uri App, string User), IReadOnlyList<Cookie>> _signedIn = new();

    /// <summary>
    /// Tabs handed back by closed viewers, each still signed in as its user on its app, newest last. Opening a viewer in a
    /// new browser context starts a renderer process and reads every stylesheet and script again: about 3 s of CPU on
    /// this 2-core machine, against about 1 s for the same tab going to the next page, as a person does. Those seconds,
    /// times a hundred viewers, were a minute of the test command.
    /// </summary>
    private readonly List<(Uri App, string User, IPage Page)> _handedBack = [];

    /// <summary>How many tabs wait to be reused; each keeps a renderer process.</summary>
    private const int MostHandedBack = 6;

    private static readonly ViewportSize _viewport = new() { Width = 1440, Height = 900 };

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(TimeoutMs);
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                "No Chromium: run ./test.sh (it installs it) or apt-get install -y chromium-headless-shell.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>
    /// A new viewer, signed in as <paramref name="user"/> (a demo user: Development only) with the login page's demo buttons,
    /// on <paramref name="path"/>; returned once the Blazor circuit is live (and, for a <paramref name="board"/>, the board is interactive).
    /// </summary>
    public Task<Viewer> OpenAsync(LiveApp app, string path, string user = TestUsers.Coordinator, bool board = true, Func<IBrowserContext, Task>? prepare = null) =>
        OpenAsync(app.BaseAddress, path, user, board, app.Problems, prepare);

    /// <summary>
    /// A new viewer of the app at <paramref name="baseAddress"/> (a node process, or a proxy in front of nodes); what the
    /// app logs as <paramref name="problems"/> goes to the test's output with the browser's. <paramref name="prepare"/> sees the
    /// browser context before the first page opens (to route its connections, say).
    /// </summary>
    public async Task<Viewer> OpenAsync(Uri baseAddress, string path, string user = TestUsers.Coordinator, bool board = true, ServerProblems? problems = null,
        Func<IBrowserContext, Task>? prepare = null)
    {
        // A tab routed or otherwise prepared by a test is its own; others may be one a viewer of the same user left.
        var page = prepare is null ? TakeHandedBack(baseAddress, user) : null;
        if (page is null)
        {
            var context = await Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = baseAddress.ToString(),
                ViewportSize = _viewport,
                Locale = "da-DK",
            });
            context.SetDefaultTimeout(TimeoutMs);
            if (prepare is not null)
            {
                await prepare(context);
            }

            page = await context.NewPageAsync();
        }

        var viewer = new Viewer(page.Context, page, problems, prepare is null ? p => HandBackAsync(baseAddress, user, p) : null);
        try
        {
            if (!_signedIn.TryGetValue((baseAddress, user), out var cookies) || !await viewer.OpenSignedInAsync(cookies, path, board))
            {
                await viewer.SignInAsync(user, path, board);
                _signedIn[(baseAddress, user)] = (await page.Context.CookiesAsync()).Select(AsCookie).ToList();
            }
        }
        catch
        {
            // A viewer that failed to open must not stay on the page for the class's next tests (as someone "watching").
            await viewer.DisposeAsync();
            throw;
        }

        return viewer;
    }

    private IPage? TakeHandedBack(Uri app, string user)
    {
        lock (_handedBack)
        {
            var index = _handedBack.FindLastIndex(h => h.App == app && h.User == user);
            if (index < 0)
            {
                return null;
            }

            var page = _handedBack[index].Page;
            _handedBack.RemoveAt(index);
            return page;
        }
    }

    /// <summary>
    /// Takes a closed viewer's tab back, as it would be for a new one: on a blank page (which ends its circuit, as leaving a
    /// page does), the usual size, no routes or permissions. A tab with others beside it, or one that closed or crashed,
    /// closes with its context instead. The oldest tab beyond <see cref="MostHandedBack"/> closes.
    /// </summary>
    private async Task HandBackAsync(Uri app, string user, IPage page)
    {
        var context = page.Context;
        try
        {
            if (page.IsClosed || context.Pages.Count != 1)
            {
                await context.CloseAsync();
                return;
            }

            await page.GotoAsync("about:blank");
            await page.UnrouteAllAsync();
            await context.UnrouteAllAsync();
            await context.ClearPermissionsAsync();
            await page.SetViewportSizeAsync(_viewport.Width, _viewport.Height);
        }
        catch (PlaywrightException)
        {
            await context.CloseAsync();
            return;
        }

        IPage? oldest = null;
        lock (_handedBack)
        {
            _handedBack.Add((app, user, page));
            if (_handedBack.Count > MostHandedBack)
            {
                oldest = _handedBack[0].Page;
                _handedBack.RemoveAt(0);
            }
        }

        if (oldest is not null)
        {
            await oldest.Context.CloseAsync();
        }
    }

    private static Cookie AsCookie(BrowserContextCookiesResult cookie) => new()
    {
        Name = cookie.Name,
        Value = cookie.Value,
        Domain = cookie.Domain,
        Path = cookie.Path,
        Expires = cookie.Expires,
        HttpOnly = cookie.HttpOnly,
        Secure = cookie.Secure,
        SameSite = cookie.SameSite,
    };

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>
    /// The browser tests run one class after another in each of two collections (this and <see cref="EndToEndBesideCollection"/>),
    /// the two beside each other: one chain of them was the suite's length, and mostly waits on the browser and the app.
    /// </summary>
    public const string Name = "EndToEnd";
}

[CollectionDefinition(Name)]
public sealed class EndToEndBesideCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>The second chain of browser tests, with a browser of its own, run beside <see cref="EndToEndCollection"/>.</summary>
    public const string Name = "EndToEnd beside";
}

[CollectionDefinition(Name)]
public sealed class MultiNodeCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>
    /// The two-node tests run beside the other browser tests, with a browser of their own: most of their time is two node
    /// processes starting, which leaves the cores free in turns. In the one browser collection they were its longest class.
    /// </summary>
    public const string Name = "MultiNode";
}
