using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using Udmoentning.Tests.Support;

namespace Udmoentning.Tests.Telemetry;

/// <summary>
/// What a load balancer's probes see: <c>/healthz/live</c> while the process answers, <c>/healthz/ready</c> Unhealthy (503) while the
/// database is away and Degraded (200) while Redis is, to anyone, uncached, and nothing but the status word.
/// </summary>
public sealed class HealthTests(LiveApp app) : IClassFixture<LiveApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LiveAnswersHealthyToAnAnonymousProbeWithoutCaching()
    {
        using var probe = Probe(app);

        var live = await probe.GetAsync("/healthz/live", Token);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync(Token));
        Assert.True(live.Headers.CacheControl?.NoStore, "The probe's answer must not be cached.");
    }

    [Fact]
    public async Task ReadyIsUnhealthyWhileTheDatabaseIsBrokenAndHealthyAgainAfter()
    {
        using var probe = Probe(app);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await AskAsync(probe, "/healthz/ready"));

        (HttpStatusCode, string) during, live;
        using (DatabaseOutage.Begin(app))
        {
            during = await AskAsync(probe, "/healthz/ready");
            live = await AskAsync(probe, "/healthz/live");
        }

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), during);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), live);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await AskAsync(probe, "/healthz/ready"));
    }

    [Fact]
    public async Task ADatabaseThatHangsMakesReadyUnhealthyWithinItsTimeoutNotAfterThirtySeconds()
    {
        await using var hung = new LiveApp();
        await hung.InitializeAsync();
        using var probe = Probe(hung);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await AskAsync(probe, "/healthz/ready"));

        // Another process holds the SQLite file exclusively: every connection of the app waits for the lock (30 s by default).
        await using (var holder = new SqliteConnection(TestDatabases.SqliteConnectionString(hung.DatabaseFile)))
        {
            await holder.OpenAsync(Token);
            await using var hold = holder.CreateCommand();
            hold.CommandText = "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE Plans SET Name = Name;";
            await hold.ExecuteNonQueryAsync(Token);

            var waited = Stopwatch.StartNew();
            var answer = await AskAsync(probe, "/healthz/ready");

            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), answer);
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"The probe took {waited.Elapsed.TotalSeconds:0.0} s.");
        }
    }

    [Fact]
    public async Task ReadyIsDegradedWhileRedisIsDownAndHealthyWhenItIsBack()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var node = new RedisNode(redis.ConnectionString);
        await node.InitializeAsync();
        using var probe = Probe(node);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await AskAsync(probe, "/healthz/ready"));

        await redis.StopAsync();
        Assert.Equal((HttpStatusCode.OK, "Degraded"), await WaitForAsync(probe, "Degraded"));

        await redis.StartAsync();
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await WaitForAsync(probe, "Healthy"));
    }

    [Fact]
    public async Task InProductionBehindAProxyAPlainHttpProbeIsAnsweredWhereAPageIsRedirectedToHttps()
    {
        await using var production = new LiveApp { Environment = "Production", Settings = new Dictionary<string, string> { ["ReverseProxy:ForwardedHeaders"] = "true" } };
        await production.InitializeAsync();
        using var probe = Probe(production);

        var page = await probe.GetAsync("/konto/log-ind", Token);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, page.StatusCode);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await AskAsync(probe, "/healthz/live"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await AskAsync(probe, "/healthz/ready"));
    }

    /// <summary>A probe as a load balancer sends it: no cookies, no sign-in, redirects not followed.</summary>
    private static HttpClient Probe(LiveApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };

    private static async Task<(HttpStatusCode, string)> AskAsync(HttpClient probe, string path)
    {
        var response = await probe.GetAsync(path, Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Token));
    }

    private static async Task<(HttpStatusCode, string)> WaitForAsync(HttpClient probe, string status)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var answer = await AskAsync(probe, "/healthz/ready");
            if (answer.Item2 == status || waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                return answer;
            }

            await Task.Delay(100, Token);
        }
    }

    /// <summary>
    /// A node that uses Redis: <c>Realtime:Redis</c> set, and a connection registered here unless the app registers one itself
    /// for that setting.
    /// </summary>
    private sealed class RedisNode(string redis) : LiveApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Realtime:Redis", redis);
            builder.ConfigureServices(services => services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis)));
        }
    }
}

/// <summary>
/// With <c>AllowedHosts</c> set to the site's public name, the balancer still probes each node at its own address, and
/// Prometheus scrapes it there; every other request for another host is refused as before.
/// </summary>
public sealed class ProbesBehindAllowedHostsTests(ProbesBehindAllowedHostsTests.App app) : IClassFixture<ProbesBehindAllowedHostsTests.App>
{
    [Theory]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    public async Task AProbeToTheNodesOwnAddressIsAnswered(string path)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "10.0.0.17:8080";

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("10.0.0.17:8080", HttpStatusCode.BadRequest)]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    [InlineData("udmoentning.kommune.dk", HttpStatusCode.OK)]
    [InlineData("intern.udmoentning.kommune.dk", HttpStatusCode.OK)]
    public async Task OtherRequestsMustNameAnAllowedHost(string host, HttpStatusCode expected)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/konto/log-ind");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    public sealed class App : AppFactory
    {
        public App()
        {
            Settings = new Dictionary<string, string> { ["AllowedHosts"] = "udmoentning.kommune.dk;*.udmoentning.kommune.dk" };
        }
    }
}
