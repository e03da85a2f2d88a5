using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Tests.Support;

namespace Udmoentning.Tests.Integration;

/// <summary>Nodes on one database share their data-protection keys: a user routed to another node stays signed in, and forms still post.</summary>
public sealed partial class SharedKeysTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASignInAndAnAntiforgeryTokenFromOneNodeAreAcceptedByAnother()
    {
        var connectionString = TestDatabases.SqliteConnectionString(TestDatabases.NewSqliteFile());
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Sqlite"] = connectionString };
        await using var a = new LiveApp { Settings = settings };
        await a.InitializeAsync();
        await using var b = new LiveApp { Settings = settings };
        await b.InitializeAsync();

        // Two hosts in one test process could also share a key folder on disk: each must read its keys from the database only.
        await using (var db = TestDatabases.Sqlite(connectionString)())
        {
            var stored = await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(Token);
            Assert.Single(stored);
            foreach (var node in new[] { a, b })
            {
                Assert.Equal(stored, node.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => $"key-{k.KeyId}"));
            }
        }

        var signedIn = new CookieContainer();
        using var onA = Client(a, signedIn);
        using var onB = Client(b, signedIn);
        await TestUsers.SignInAsync(onA, TestUsers.Reader);
        using var page = await onB.GetAsync("/", Token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Lise Læser", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Token)));

        var anonymous = new CookieContainer();
        using var formFromA = Client(a, anonymous);
        using var postToB = Client(b, anonymous);
        var token = TokenPattern().Match(await formFromA.GetStringAsync("/konto/log-ind", Token)).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["user"] = TestUsers.Coordinator,
            ["returnUrl"] = "/",
        });
        using var posted = await postToB.PostAsync("/konto/demo", form, Token);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/", posted.Headers.Location?.ToString());
    }

    /// <summary>A client of one node; cookies are kept per host, not per port, so clients with one container share them.</summary>
    private static HttpClient Client(LiveApp node, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress };

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
