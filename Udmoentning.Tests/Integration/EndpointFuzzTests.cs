using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using CsCheck;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Integration;

/// <summary>
/// Generated query strings, route values and form posts through every page and endpoint the running app maps (so a new
/// page is covered without touching this test), anonymously and as each role: the app never answers 500, logs no error,
/// and nothing in the database changes.
/// </summary>
public sealed partial class EndpointFuzzTests
{
    private const int SamplesPerRoute = 3;

    private static readonly string[] _users = ["", TestUsers.Reader, TestUsers.EditorAu, TestUsers.Coordinator, TestUsers.Administrator];

    private static readonly string[] _hostile =
    [
        "", " ", "0", "-1", "1,5", "-1.250", "1.000.000", "99999999999999999999", "NaN", "Infinity", "Q2 ２０２５", "٣", "2026-13-45",
        "0001-01-01", "9999-12-31T23:59:59Z", "2026-05-12T08:00:00+14:00", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
        "'; DROP TABLE Items;--", "../../etc/passwd", "%00", "\0", "/%09/evil.example", "//evil.example", "/\\evil.example", "\t/evil.example",
        "https://evil.example", "javascript:alert(1)", "ÆØÅ æøå", "😀", "\u202e", "null", "true", "InProgress", "au", "AU", new string('a', 5000),
    ];

    private static readonly string[] _queryKeys =
        ["q", "siden", "status", "tema", "tilstand", "type", "udvalg", "flag", "returnUrl", "ReturnUrl", "culture", "ui-culture", "id", "_handler", "handler"];

    private static readonly string[] _formKeys =
        ["_handler", "Input.UserName", "Input.Password", "ReturnUrl", "returnUrl", "user", "circuitId", "siden", "q", "Input"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GeneratedQueryStringsAndFormPostsThroughEveryRouteNeverFailAndChangeNothing()
    {
        await using var app = new LiveApp();
        await app.InitializeAsync();
        var clients = new List<(string User, HttpClient Client, string Token)>();
        foreach (var user in _users)
        {
            var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
            if (user.Length > 0)
            {
                await TestUsers.SignInAsync(client, user);
            }

            clients.Add((user, client, AntiforgeryToken(await client.GetStringAsync("/konto/log-ind", Token))));
        }

        var errors = new ErrorLog();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(errors);
        var routes = Routes(app.Services);
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var before = await DatabaseStateAsync(app);
        var answers = new ConcurrentBag<(string Request, int Status)>();

        foreach (var route in routes)
        {
            foreach (var (user, client, antiforgery) in clients)
            {
                foreach (var post in route.Methods.Contains("POST") ? [false, true] : new[] { false })
                {
                    await Requests(route, post, plan).SampleAsync(async request =>
                    {
                        using var message = request.ToMessage(route.Pattern, ValidToken(route, post) ? antiforgery : null);
                        using var response = await client.SendAsync(message, Token);
                        var status = (int)response.StatusCode;
                        answers.Add(($"{user} {message.Method} {message.RequestUri}", status));
                        Assert.True(status < 500, $"{user} {message.Method} {message.RequestUri} answered {status}: {await response.Content.ReadAsStringAsync(Token)}");
                    }, iter: SamplesPerRoute, threads: 1);
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{answers.Count} requests over {routes.Count} routes: " +
            string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}")));
        Assert.True(answers.Count >= 1000, $"Only {answers.Count} requests.");
        Assert.Contains(routes, r => r.Pattern.RawText == "/aendringer");
        Assert.Contains(routes, r => r.Pattern.RawText == "/plan/{id:int}/eksport.xlsx");
        Assert.True(errors.Entries.IsEmpty, string.Join("\n\n", errors.Entries.Distinct().Take(5)));
        Assert.Equal(before, await DatabaseStateAsync(app));
        clients.ForEach(c => c.Client.Dispose());
    }

    [Fact]
    public async Task AFormPostWithoutAValidAntiforgeryTokenIsRefusedWithADanishTextAndChangesNothing()
    {
        await using var app = new LiveApp();
        await app.InitializeAsync();
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        await TestUsers.SignInAsync(client, TestUsers.Reader);

        using var signOut = await client.PostAsync("/konto/log-ud", new FormUrlEncodedContent([new("__RequestVerificationToken", "forfalsket")]), Token);
        using var noForm = await client.PostAsync("/konto/log-ud", null, Token);
        using var board = await client.GetAsync("/", Token);

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(Udmoentning.Web.Access.ProtectionExtensions.ForgedForm, await signOut.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.BadRequest, noForm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
    }

    /// <summary>Everything the app routes except files: pages (components), minimal endpoints, hubs and the circuit endpoints.</summary>
    private static List<Route> Routes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !e.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal)))
            .Select(e => new Route(e.RoutePattern, e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
                ? ["GET", "POST"]
                : e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]))
            .GroupBy(r => r.Pattern.RawText)
            .Select(g => new Route(g.First().Pattern, [.. g.SelectMany(r => r.Methods).Distinct()]))
            .ToList();

    /// <summary>Signing out would turn a user's client anonymous: its post gets no valid token, so it is refused like a forged one.</summary>
    private static bool ValidToken(Route route, bool post) => post && route.Pattern.RawText != "/konto/log-ud";

    private static Gen<FuzzRequest> Requests(Route route, bool post, PlanSnapshot plan)
    {
        var text = Gen.OneOf(Gen.OneOf(_hostile), Gen.String[0, 40]);
        var parameters = route.Pattern.Parameters;
        var ints = Gen.OneOf(Gen.Const(plan.Plan.Id), Gen.Const(plan.Items[0].Id), Gen.Int[-3, 5], Gen.Int, Gen.Const(int.MaxValue))
            .Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var slugs = Gen.OneOf(Gen.Const(plan.Committees[0].Slug), text);
        var routeValues = Gen.Select(ints.Array[parameters.Count], slugs.Array[parameters.Count],
            (i, t) => parameters.Select((p, n) => IsInt(p) ? i[n] : t[n]).ToArray());
        var pairs = Gen.Select(Gen.OneOf(Gen.OneOf(post ? _formKeys : _queryKeys), Gen.String[1, 10]), text).Array[0, 5];
        return Gen.Select(routeValues, pairs, post ? Gen.Select(Gen.OneOf(Gen.OneOf(_formKeys), Gen.String[1, 10]), text).Array[0, 6] : Gen.Const(Array.Empty<(string, string)>()),
            (values, query, form) => new FuzzRequest(post, values, query, form));
    }

    private static bool IsInt(RoutePatternParameterPart parameter) =>
        parameter.ParameterPolicies.Any(p => p.Content == "int");

    private static async Task<string> DatabaseStateAsync(LiveApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        var versions = await db.Items.AsNoTracking().OrderBy(i => i.Id).Select(i => i.Version).ToListAsync(Token);
        return $"history {await db.History.CountAsync(Token)}, administration {await db.AdministrationHistory.CountAsync(Token)}, " +
            $"plans {await db.Plans.CountAsync(Token)}, committees {await db.Committees.CountAsync(Token)}, items {string.Join(",", versions)}";
    }

    private static string AntiforgeryToken(string page) => TokenPattern().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed record Route(RoutePattern Pattern, IReadOnlyList<string> Methods);

    private sealed record FuzzRequest(bool Post, string[] RouteValues, (string Key, string Value)[] Query, (string Key, string Value)[] Form)
    {
        public HttpRequestMessage ToMessage(RoutePattern pattern, string? antiforgery)
        {
            var path = Path(pattern);
            var query = string.Join("&", Query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
            var message = new HttpRequestMessage(Post ? HttpMethod.Post : HttpMethod.Get, query.Length == 0 ? path : $"{path}?{query}");
            if (Post)
            {
                var fields = Form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToList();
                if (antiforgery is not null)
                {
                    fields.Add(new("__RequestVerificationToken", antiforgery));
                }

                message.Content = new FormUrlEncodedContent(fields);
            }

            return message;
        }

        private string Path(RoutePattern pattern)
        {
            var values = new Queue<string>(RouteValues);
            var parameters = pattern.Parameters.ToDictionary(p => p.Name, _ => values.Dequeue());
            return "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart parameter => Uri.EscapeDataString(parameters[parameter.Name]),
                _ => string.Empty,
            }))));
        }

        public override string ToString() => $"{(Post ? "POST" : "GET")} [{string.Join(", ", RouteValues)}] ?{string.Join("&", Query)} form {string.Join("&", Form)}";
    }

    /// <summary>Every error the app logs while the fuzz runs.</summary>
    private sealed class ErrorLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ErrorLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    log.Entries.Enqueue($"{category}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}
