using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Tests.Support;
using Udmoentning.Web;
using Udmoentning.Web.Data;
using Udmoentning.Web.Tokens;

namespace Udmoentning.Tests.Tokens;

/// <summary>The app with service accounts from a real provider (OpenIddict on 127.0.0.1, client credentials).</summary>
public sealed class ServiceAccountApp : IAsyncLifetime
{
    public TestIdentityProvider Provider { get; private set; } = null!;

    public FeedProbeApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync();
        const string accounts = $"{ServiceAccountSettings.Section}:Accounts";
        App = new FeedProbeApp
        {
            Settings = new Dictionary<string, string>
            {
                [$"{ServiceAccountSettings.Section}:Authority"] = Provider.Authority.ToString(),
                [$"{ServiceAccountSettings.Section}:Audience"] = TestIdentityProvider.ServiceAudience,
                [$"{ServiceAccountSettings.Section}:RequireHttpsMetadata"] = "false",
                [$"{accounts}:{TestIdentityProvider.PowerBi.ClientId}:Role"] = "Reader",
                [$"{accounts}:{TestIdentityProvider.PowerBi.ClientId}:Name"] = "Power BI (økonomi)",
                [$"{accounts}:{TestIdentityProvider.AuScript.ClientId}:Role"] = "Editor",
                [$"{accounts}:{TestIdentityProvider.AuScript.ClientId}:Committee"] = "AU",
                [$"{accounts}:{TestIdentityProvider.OtherApi.ClientId}:Role"] = "Reader",
            },
        };
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>
/// Service accounts read the feed with the provider's bearer token as the role (and committee) mapped to their client in
/// the settings; a client not mapped, or a token for another audience, is refused. Bad settings stop the start.
/// </summary>
public sealed class ServiceAccountTests(ServiceAccountApp accounts) : IClassFixture<ServiceAccountApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMappedClientReadsTheFeedAsItsRoleAndCommittee()
    {
        var powerBi = await ProbeAsync(await accounts.Provider.ServiceTokenAsync(TestIdentityProvider.PowerBi, Token));
        Assert.Equal(HttpStatusCode.OK, powerBi.StatusCode);
        Assert.Equal("service account udmoentning-powerbi|service:udmoentning-powerbi|Reader|", await powerBi.Content.ReadAsStringAsync(Token));

        var au = await WithDbAsync(db => db.Committees.Where(c => c.ShortCode == "AU").Select(c => c.Id).SingleAsync(Token));
        var script = await ProbeAsync(await accounts.Provider.ServiceTokenAsync(TestIdentityProvider.AuScript, Token));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal($"service account udmoentning-au-script|service:udmoentning-au-script|Editor|{au}", await script.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task AClientThatIsNotMappedOrATokenForAnotherAudienceIsRefused()
    {
        var unmapped = await ProbeAsync(await accounts.Provider.ServiceTokenAsync(TestIdentityProvider.Unmapped, Token));
        Assert.Equal(HttpStatusCode.Unauthorized, unmapped.StatusCode);
        Assert.Contains(unmapped.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");

        var otherApi = await ProbeAsync(await accounts.Provider.ServiceTokenAsync(TestIdentityProvider.OtherApi, Token));
        Assert.Equal(HttpStatusCode.Unauthorized, otherApi.StatusCode);
        Assert.Contains(otherApi.Headers.WwwAuthenticate, h => h.Scheme == "Bearer" && h.Parameter?.Contains("audience", StringComparison.OrdinalIgnoreCase) == true);

        // A token with its signature broken is refused too.
        var token = await accounts.Provider.ServiceTokenAsync(TestIdentityProvider.PowerBi, Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ProbeAsync(token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA"))).StatusCode);
    }

    [Fact]
    public async Task AServiceAccountsTokenOpensNoPage()
    {
        var client = accounts.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await accounts.Provider.ServiceTokenAsync(TestIdentityProvider.PowerBi, Token));

        var response = await client.GetAsync("/", Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/hubs/plan/negotiate?negotiateVersion=1", null, Token)).StatusCode);
    }

    [Theory]
    [InlineData("https://login.example.test/v2.0", null, "Reader", "Tokens:ServiceAccounts:Authority is set but Tokens:ServiceAccounts:Audience is missing")]
    [InlineData("https://login.example.test/v2.0", "api://udmoentning", "Læser", "Tokens:ServiceAccounts:Accounts:powerbi:Role is 'Læser', which is not a role")]
    [InlineData("login.example.test", "api://udmoentning", "Reader", "Tokens:ServiceAccounts:Authority 'login.example.test' is not an absolute address")]
    [InlineData(null, "api://udmoentning", "Reader", "Tokens:ServiceAccounts:Audience or Tokens:ServiceAccounts:Accounts is set but Tokens:ServiceAccounts:Authority is not")]
    public void SettingsThatWouldLeaveTheFeedOpenOrClosedByMistakeStopTheStartAndSayWhatToFix(string? authority, string? audience, string role, string problem)
    {
        var values = new Dictionary<string, string?>
        {
            ["Tokens:ServiceAccounts:Authority"] = authority,
            ["Tokens:ServiceAccounts:Audience"] = audience,
            ["Tokens:ServiceAccounts:Accounts:powerbi:Role"] = role,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var refused = Assert.Throws<StartupException>(() => ServiceAccountSettings.From(configuration));

        Assert.StartsWith(problem, refused.Message);
        Assert.False(ServiceAccountSettings.From(new ConfigurationBuilder().Build()).Enabled);
    }

    private async Task<HttpResponseMessage> ProbeAsync(string bearer)
    {
        var client = accounts.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await client.GetAsync(FeedProbeApp.Path, Token);
    }

    private async Task<T> WithDbAsync<T>(Func<PlanDbContext, Task<T>> read)
    {
        await using var db = await accounts.App.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        return await read(db);
    }
}
