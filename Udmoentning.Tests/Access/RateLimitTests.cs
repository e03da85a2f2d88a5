using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Access;

/// <summary>One client cannot try passwords, make changes or download files without bound; the limits come from <c>RateLimits:*</c>.</summary>
public sealed partial class RateLimitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignInAttemptsFromOneAddressAreLimitedWithADanishAnswer()
    {
        await using var app = new AppFactory { Settings = Limits(("SignInPerIp", 3)) };
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            // A fresh browser each time: signing in renews the antiforgery token.
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            answers.Add(await client.PostAsync("/konto/demo", Form(await TokenAsync(client), ("user", TestUsers.Reader), ("returnUrl", "/")), Token));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.Equal("For mange forsøg på at logge ind på kort tid. Vent et minut, og prøv igen.", await answers[3].Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/konto/log-ind", Token)).StatusCode);
        var refused = Assert.Single(await app.Services.GetRequiredService<SecurityEvents>().LatestAsync(50), e => e.Kind == SecurityEventKind.SignInRateLimited);
        Assert.Equal("Afvist: for mange forsøg på kort tid", refused.What);
    }

    [Fact]
    public async Task PasswordAttemptsForOneAccountAreLimitedAndTheFormSaysWhy()
    {
        await using var app = new AppFactory { Settings = Limits(("SignInPerAccount", 2)) };
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await TokenAsync(client);

        async Task<HttpResponseMessage> TryAsync(string user) =>
            await client.PostAsync("/konto/log-ind", Form(token, ("_handler", "login"), ("Input.UserName", user), ("Input.Password", "forkert-adgangskode"), ("ReturnUrl", "/")), Token);

        var first = await TryAsync("demo-koordinator");
        await TryAsync("DEMO-KOORDINATOR ");
        var third = await TryAsync("demo-koordinator");
        var otherAccount = await TryAsync("demo-laeser");

        Assert.Contains(Udmoentning.Web.Access.Account.Login.Failed, await TextAsync(first));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("For mange forsøg på at logge ind på kort tid.", await TextAsync(third));
        Assert.Contains(Udmoentning.Web.Access.Account.Login.Failed, await TextAsync(otherAccount));
        var events = await app.Services.GetRequiredService<SecurityEvents>().LatestAsync(50);
        Assert.Contains(events, e => e.Kind == SecurityEventKind.SignInRateLimited && e.UserName == "demo-koordinator");
        Assert.Contains(events, e => e.Kind == SecurityEventKind.SignInFailed && e.UserName == "demo-laeser");
    }

    [Fact]
    public async Task DownloadsAreLimitedPerUserWithADanishAnswer()
    {
        await using var app = new AppFactory { Settings = Limits(("DownloadsPerUser", 2)) };
        var reader = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var coordinator = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TestUsers.SignInAsync(reader, TestUsers.Reader);
        await TestUsers.SignInAsync(coordinator, TestUsers.Coordinator);
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var slug = plan.Committees[0].Slug;

        var answers = new List<HttpResponseMessage>
        {
            await reader.GetAsync($"/plan/{plan.Plan.Id}/eksport.xlsx", Token),
            await reader.GetAsync($"/plan/{plan.Plan.Id}/udvalg/{slug}/bilag.xlsx", Token),
            await reader.GetAsync($"/punkter/{plan.Items[0].Id}/historik.csv", Token),
            await reader.GetAsync($"/plan/{plan.Plan.Id}/moede/{slug}/referat.csv?siden=2026-01-01T00:00:00Z", Token),
            await reader.GetAsync($"/plan/{plan.Plan.Id}/opfoelgninger/sammenligning.xlsx", Token),
        };
        var someoneElse = await coordinator.GetAsync($"/plan/{plan.Plan.Id}/eksport.xlsx", Token);
        var page = await reader.GetAsync("/aendringer", Token);

        Assert.All(answers.Take(2), a => Assert.NotEqual(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.All(answers.Skip(2), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.Equal("For mange hentninger på kort tid – vent et øjeblik, og prøv igen.", await answers[3].Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    /// <summary>
    /// Limits belong to the endpoints, not to the text of the address: once a user's downloads are spent, every spelling
    /// that reaches a file (a trailing slash, "/.", capitals, an escaped character, HEAD) is refused too. A real server
    /// (Kestrel) is used, since it is what takes "/." out of a path; the client sends each address as written.
    /// </summary>
    [Fact]
    public async Task EverySpellingOfADownloadsAddressCountsAgainstTheSameLimit()
    {
        await using var app = new LiveApp { Settings = Limits(("DownloadsPerUser", 3)) };
        await app.InitializeAsync();
        using var reader = await SignedInClientAsync(app, TestUsers.Reader);
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var id = plan.Plan.Id;
        var slug = plan.Committees[0].Slug;
        string[] files =
        [
            $"/plan/{id}/eksport.xlsx", $"/plan/{id}/udvalg/{slug}/bilag.xlsx", $"/punkter/{plan.Items[0].Id}/historik.csv",
            $"/plan/{id}/moede/{slug}/referat.csv", $"/plan/{id}/opfoelgninger/sammenligning.xlsx",
        ];

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(reader, HttpMethod.Get, app, files[0])).StatusCode);
        }

        foreach (var file in files)
        {
            var dot = file.LastIndexOf('.');
            foreach (var (method, spelling) in (ValueTuple<HttpMethod, string>[])
                [
                    (HttpMethod.Get, file), (HttpMethod.Get, file + "/"), (HttpMethod.Get, file + "/."), (HttpMethod.Get, file.ToUpperInvariant()),
                    (HttpMethod.Get, file[..dot] + "%2E" + file[(dot + 1)..]), (HttpMethod.Head, file),
                ])
            {
                var answer = await SendAsync(reader, method, app, spelling);
                Assert.True(answer.StatusCode == HttpStatusCode.TooManyRequests, $"{method} {spelling} answered {(int)answer.StatusCode} after the limit was spent.");
            }
        }
    }

    /// <summary>The sign-in form's post counts per address however its address is spelt; showing the form does not count.</summary>
    [Fact]
    public async Task EverySpellingOfTheSignInFormsAddressCountsAgainstTheSameLimit()
    {
        await using var app = new LiveApp { Settings = Limits(("SignInPerIp", 3), ("SignInPerAccount", 100)) };
        await app.InitializeAsync();
        using var client = NewClient(new CookieContainer());
        var token = TokenPattern().Match(await client.GetStringAsync(app.Url("/konto/log-ind"), Token)).Groups[1].Value;
        var attempt = 0;

        async Task<HttpResponseMessage> TryAsync(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, AsWritten(app, path))
            {
                Content = Form(token, ("_handler", "login"), ("Input.UserName", $"findes-ikke-{++attempt}"), ("Input.Password", "forkert-adgangskode"), ("ReturnUrl", "/")),
            };
            return await client.SendAsync(request, Token);
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await TryAsync("/konto/log-ind")).StatusCode);
        }

        foreach (var spelling in (string[])["/konto/log-ind", "/konto/log-ind/", "/konto/log-ind/.", "/KONTO/LOG-IND", "/konto/log%2Dind"])
        {
            var answer = await TryAsync(spelling);
            Assert.True(answer.StatusCode == HttpStatusCode.TooManyRequests, $"POST {spelling} answered {(int)answer.StatusCode} after the limit was spent.");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(app.Url("/konto/log-ind/"), Token)).StatusCode);
    }

    [Fact]
    public async Task MovesThroughTheHubAreLimitedPerUserAndTheRefusedMoveSavesNothing()
    {
        await using var app = new LiveApp { Settings = Limits(("ChangesPerUser", 3)) };
        await app.InitializeAsync();
        await using var coordinator = await ConnectAsync(app, TestUsers.Coordinator);
        await using var editor = await ConnectAsync(app, TestUsers.EditorAu);

        var outcomes = new List<HubMoveResult>();
        for (var i = 0; i < 4; i++)
        {
            var item = await StoredAsync(app, AuthorizationMatrixTests.OtherItem);
            outcomes.Add(await coordinator.InvokeAsync<HubMoveResult>("Move", item.Id, item.Version, Other(item.Status), Token));
        }

        var before = await StoredAsync(app, AuthorizationMatrixTests.OtherItem);
        var own = await StoredAsync(app, AuthorizationMatrixTests.OwnItem);
        var editorsMove = await editor.InvokeAsync<HubMoveResult>("Move", own.Id, own.Version, Other(own.Status), Token);
        var viaTheService = await app.Services.GetRequiredService<PlanItemService>().MoveAsync(
            await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator), new MoveRequest(before.Id, before.Version, ItemStatus.NotStarted), Token);

        Assert.All(outcomes.Take(3), o => Assert.Equal("Saved", o.Outcome));
        Assert.Equal("Refused", outcomes[3].Outcome);
        Assert.Equal("For mange ændringer på kort tid – vent et øjeblik.", outcomes[3].Message);
        Assert.Equal("Saved", editorsMove.Outcome);
        Assert.Equal("For mange ændringer på kort tid – vent et øjeblik.", viaTheService.Message);
        Assert.Equal(before.Version, (await StoredAsync(app, AuthorizationMatrixTests.OtherItem)).Version);
    }

    /// <summary>One connection to the hub cannot call it without bound (61,000 Follow calls in 15 s were possible).</summary>
    [Fact]
    public async Task CallsOnOneHubConnectionAreLimitedWithADanishRefusalAndOnlyAConnectionThatIgnoresTenRefusalsIsClosed()
    {
        await using var app = new LiveApp { Settings = Limits(("HubCallsPerSecond", 1), ("HubCallBurst", 5)) };
        await app.InitializeAsync();
        var planId = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!.Plan.Id;
        await using var flooding = await ConnectAsync(app, TestUsers.Reader);
        await using var another = await ConnectAsync(app, TestUsers.Reader);

        var refusals = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 9; i++)
        {
            try
            {
                await flooding.InvokeAsync("Follow", planId, null, Token);
            }
            catch (HubException e)
            {
                refusals.Add(e.Message);
            }
        }

        // Five at once, then one for each second begun: the rest of the nine are refused, each with the Danish text.
        var allowed = 5 + (int)Math.Ceiling(clock.Elapsed.TotalSeconds);
        Assert.True(9 - refusals.Count <= allowed, $"{9 - refusals.Count} of 9 calls in {clock.Elapsed.TotalSeconds:0.0} s went through.");
        Assert.NotEmpty(refusals);
        Assert.All(refusals, message => Assert.Contains(HubCallLimiter.TooMany, message, StringComparison.Ordinal));
        Assert.Equal(HubConnectionState.Connected, flooding.State);
        await another.InvokeAsync("Follow", planId, null, Token);

        // The budget comes back with time: a later call goes through.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                await flooding.InvokeAsync("Follow", planId, null, Token);
                break;
            }
            catch (HubException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(400, Token);
            }
        }

        // A connection that goes on calling through ten refusals in a row is closed (each refusal is an error in the log).
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flooding.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        var calls = 0;
        while (flooding.State == HubConnectionState.Connected && calls++ < 40)
        {
            try
            {
                await flooding.InvokeAsync("Follow", planId, null, Token);
            }
            catch (Exception e) when (e is HubException or InvalidOperationException or TaskCanceledException)
            {
            }
        }

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.InRange(calls, HubCallLimiter.MostRefusedInARow, HubCallLimiter.MostRefusedInARow + 10);
        Assert.Equal(HubConnectionState.Connected, another.State);
    }

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token));

    private static Dictionary<string, string> Limits(params (string Name, int Value)[] limits) =>
        limits.ToDictionary(l => $"RateLimits:{l.Name}", l => l.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<string> TokenAsync(HttpClient client) =>
        TokenPattern().Match(await client.GetStringAsync("/konto/log-ind", Token)).Groups[1].Value;

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    /// <summary>The address exactly as written: the client neither removes "/." nor unescapes, as an attacker's would not.</summary>
    private static Uri AsWritten(LiveApp app, string path) =>
        new(app.BaseAddress.GetLeftPart(UriPartial.Authority) + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, LiveApp app, string path)
    {
        using var request = new HttpRequestMessage(method, AsWritten(app, path));
        return await client.SendAsync(request, Token);
    }

    private static HttpClient NewClient(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });

    private static async Task<HttpClient> SignedInClientAsync(LiveApp app, string user)
    {
        var client = NewClient(new CookieContainer());
        client.BaseAddress = app.BaseAddress;
        await TestUsers.SignInAsync(client, user);
        return client;
    }

    private static async Task<HubConnection> ConnectAsync(LiveApp app, string user)
    {
        var cookies = new CookieContainer();
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress })
        {
            await TestUsers.SignInAsync(http, user);
        }

        var hub = new HubConnectionBuilder().WithUrl(app.Url(PlanHub.Path), options => options.Cookies = cookies).Build();
        await hub.StartAsync(Token);
        return hub;
    }

    private static string Other(ItemStatus status) => (status == ItemStatus.InProgress ? ItemStatus.NotStarted : ItemStatus.InProgress).ToString();

    private static async Task<PlanItem> StoredAsync(LiveApp app, string code)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().SingleAsync(i => i.Code == code, Token);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
