using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Tokens;

namespace Udmoentning.Tests.Tokens;

/// <summary>
/// Personal access tokens as their owner and a program see them: made once and shown once, stored only as a hash, listed
/// by prefix, revoked by their owner alone; and a program with one reads the feed as the owner until the token is revoked,
/// expires or the owner is disabled, and reads nothing else (pages, downloads, the hub).
/// </summary>
public sealed class AccessTokenTests(FeedProbeApp app) : IClassFixture<FeedProbeApp>
{
    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    private AccessTokens Tokens => app.Services.GetRequiredService<AccessTokens>();

    private DateOnly Today => Tokens.Today();

    [Fact]
    public async Task AMadeTokenIsShownOnceStoredOnlyAsAHashListedByItsPrefixAndRecordedWithoutTheSecret()
    {
        var user = await TestUsers.CreateAsync(app.Services, "noegle-ejer", Role.Editor, "AU");

        var made = await Tokens.CreateAsync(user, "  Power BI, økonomi  ", Today.AddDays(AccessTokens.DefaultDays), Token);

        Assert.True(made.Succeeded, made.Message);
        var secret = made.Value!;
        Assert.Matches("^udm_[A-Za-z0-9_-]{43}$", secret);
        Assert.Contains("den bliver ikke vist igen", made.Message);
        var listed = Assert.Single(await Tokens.ListAsync(user, Token));
        Assert.Equal(("Power BI, økonomi", secret[..10], Today.AddDays(90), TokenState.Active, (DateTime?)null), (listed.Name, listed.Prefix, listed.ExpiresOn, listed.State, listed.LastUsedAt));

        // Nothing in the database holds the secret, or enough of it to use: the row has its hash, the record its prefix.
        var row = await WithDbAsync(db => db.AccessTokens.AsNoTracking().SingleAsync(t => t.Id == listed.Id, Token));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))), row.Hash);
        Assert.DoesNotContain(secret[10..20], string.Join('|', row.Name, row.Prefix, row.Hash));
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var record = Assert.Single(await WithDbAsync(db => db.AdministrationHistory.AsNoTracking().Where(h => h.UserId == userId).ToListAsync(Token)));
        Assert.Equal((AccessTokens.Subject, "Power BI, økonomi", AccessTokens.CreatedKind), (record.Subject, record.SubjectName, record.Kind));
        Assert.DoesNotContain(secret[10..20], string.Join('|', record.Changes));
        Assert.All(new[] { AccessTokens.CreatedKind, AccessTokens.RevokedKind }, kind => Assert.True(kind.Length <= Udmoentning.Domain.History.AdministrationEntry.KindLength));
    }

    [Theory]
    [InlineData("", 30, "Navnet skal udfyldes.")]
    [InlineData("   ", 30, "Navnet skal udfyldes.")]
    [InlineData("Power\u202EBI", 30, "Navnet indeholder usynlige styretegn")]
    [InlineData("Power\u0007BI", 30, "Navnet indeholder ugyldige tegn.")]
    [InlineData("Excel", -1, "Udløbsdatoen ligger før i dag.")]
    [InlineData("Excel", 366, "En nøgle kan højst gælde et år")]
    public async Task ATokenWithABadNameOrExpiryIsRefusedWithADanishMessageAndNothingIsMade(string name, int days, string message)
    {
        var user = await TestUsers.CreateAsync(app.Services, $"noegle-fejl-{Math.Abs(HashCode.Combine(name, days))}", Role.Reader);

        var refused = await Tokens.CreateAsync(user, name, Today.AddDays(days), Token);

        Assert.Equal(ChangeStatus.Invalid, refused.Status);
        Assert.Null(refused.Value);
        Assert.StartsWith(message, refused.Message);
        Assert.Empty(await Tokens.ListAsync(user, Token));
    }

    [Fact]
    public async Task ANameOfMoreThanAHundredCharactersIsRefusedAndOneWithHtmlIsKeptAsPlainText()
    {
        var user = await TestUsers.CreateAsync(app.Services, "noegle-navne", Role.Reader);

        var tooLong = await Tokens.CreateAsync(user, new string('x', AccessToken.NameLength + 1), Today.AddDays(1), Token);
        Assert.Equal(("Navnet må højst være 100 tegn (er 101).", ChangeStatus.Invalid), (tooLong.Message, tooLong.Status));
        Assert.True((await Tokens.CreateAsync(user, new string('x', AccessToken.NameLength), Today, Token)).Succeeded);

        const string hostile = "<img src=x onerror=\"alert(1)\"><script>alert('x')</script>";
        Assert.True((await Tokens.CreateAsync(user, hostile, Today.AddDays(365), Token)).Succeeded);
        Assert.Contains(hostile, (await Tokens.ListAsync(user, Token)).Select(t => t.Name));
    }

    [Fact]
    public async Task OnlyTheOwnerRevokesATokenWithTheVersionTheySawAndTheRevocationIsRecorded()
    {
        var owner = await TestUsers.CreateAsync(app.Services, "noegle-tilbagekald", Role.Editor, "BUU");
        var other = await TestUsers.CreateAsync(app.Services, "noegle-fremmed", Role.Coordinator);
        Assert.True((await Tokens.CreateAsync(owner, "Excel", Today.AddDays(10), Token)).Succeeded);
        var token = Assert.Single(await Tokens.ListAsync(owner, Token));

        var foreign = await Tokens.RevokeAsync(other, token.Id, token.Version, Token);
        Assert.Equal((ChangeStatus.Forbidden, "Du kan kun tilbagekalde dine egne nøgler."), (foreign.Status, foreign.Message));
        Assert.Equal(TokenState.Active, Assert.Single(await Tokens.ListAsync(owner, Token)).State);
        Assert.Empty(await Tokens.ListAsync(other, Token));

        var revoked = await Tokens.RevokeAsync(owner, token.Id, token.Version, Token);
        Assert.True(revoked.Succeeded, revoked.Message);
        Assert.Equal(TokenState.Revoked, revoked.Value!.State);
        Assert.Equal(TokenState.Revoked, Assert.Single(await Tokens.ListAsync(owner, Token)).State);

        // A second window still showing the token as it was: told it changed, nothing saved twice.
        var stale = await Tokens.RevokeAsync(owner, token.Id, token.Version, Token);
        Assert.Equal(ChangeStatus.Stale, stale.Status);
        Assert.StartsWith("Nøglen \"Excel\" er netop ændret (måske tilbagekaldt) et andet sted.", stale.Message);
        Assert.Equal(ChangeStatus.NotFound, (await Tokens.RevokeAsync(owner, 987654, token.Version, Token)).Status);

        var ownerId = owner.FindFirstValue(ClaimTypes.NameIdentifier);
        var kinds = await WithDbAsync(db => db.AdministrationHistory.AsNoTracking().Where(h => h.UserId == ownerId).OrderBy(h => h.Id).Select(h => h.Kind).ToListAsync(Token));
        Assert.Equal([AccessTokens.CreatedKind, AccessTokens.RevokedKind], kinds);
    }

    [Fact]
    public async Task AValidTokenAuthenticatesAsItsOwnerWithTheirRolesAndIsRefusedOnTheVeryNextRequestOnceRevoked()
    {
        var owner = await TestUsers.CreateAsync(app.Services, "noegle-bruger", Role.Editor, "AU");
        var secret = (await Tokens.CreateAsync(owner, "Power BI", Today.AddDays(30), Token)).Value!;
        var ownerId = owner.FindFirstValue(ClaimTypes.NameIdentifier)!;

        var result = await AuthenticateAsync(secret);
        Assert.True(result.Succeeded, result.Failure?.Message);
        var principal = result.Principal!;
        var token = Assert.Single(await Tokens.ListAsync(owner, Token));
        Assert.Equal((ownerId, "noegle-bruger", token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Power BI"),
            (principal.FindFirstValue(ClaimTypes.NameIdentifier), principal.Identity!.Name, principal.FindFirstValue(TokenClaims.TokenId), principal.FindFirstValue(TokenClaims.TokenName)));
        Assert.Equal(["Editor"], principal.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.True(principal.IsInRole("Editor"));

        // Through the feed's policy, over HTTP: the feed sees the owner, with their committee.
        var au = await WithDbAsync(db => db.Committees.Where(c => c.ShortCode == "AU").Select(c => c.Id).SingleAsync(Token));
        var answer = await ProbeAsync(secret);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal($"token {token.Id} 'Power BI' of user {ownerId}|{ownerId}|Editor|{au}", await answer.Content.ReadAsStringAsync(Token));
        Assert.NotNull(Assert.Single(await Tokens.ListAsync(owner, Token)).LastUsedAt);

        Assert.True((await Tokens.RevokeAsync(owner, token.Id, token.Version, Token)).Succeeded);

        var refused = await AuthenticateAsync(secret);
        Assert.Equal("The token has been revoked.", refused.Failure?.Message);
        var after = await ProbeAsync(secret);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains(after.Headers.WwwAuthenticate, h => h.Scheme == "Bearer" && h.Parameter!.Contains("error=\"invalid_token\"", StringComparison.Ordinal) && h.Parameter.Contains("revoked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATokenOfADisabledOwnerIsRefusedAtOnceAndWorksAgainWhenTheOwnerIsEnabled()
    {
        var owner = await TestUsers.CreateAsync(app.Services, "noegle-deaktiveret", Role.Reader);
        var secret = (await Tokens.CreateAsync(owner, "Excel", Today.AddDays(30), Token)).Value!;
        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(secret)).StatusCode);
        var administrator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserAdministration>().DisableAsync(administrator, "noegle-deaktiveret"));
        }

        Assert.Contains("disabled", (await AuthenticateAsync(secret)).Failure?.Message);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ProbeAsync(secret)).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserAdministration>().EnableAsync(administrator, "noegle-deaktiveret"));
        }

        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(secret)).StatusCode);
    }

    [Fact]
    public async Task ATokenOfAnOwnerWhoLostEveryRoleGets403AtTheFeedNotTheNoAccessPage()
    {
        var owner = await TestUsers.CreateAsync(app.Services, "noegle-uden-rolle", Role.Reader);
        var secret = (await Tokens.CreateAsync(owner, "Excel", Today.AddDays(30), Token)).Value!;
        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(secret)).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Udmoentning.Web.Access.PlanUser>>();
            var user = (await users.FindByNameAsync("noegle-uden-rolle"))!;
            Assert.True((await users.RemoveFromRoleAsync(user, "Reader")).Succeeded);
            app.Services.GetRequiredService<Udmoentning.Web.Access.CurrentUsers>().Forget(user.Id);
        }

        var response = await ProbeAsync(secret);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task AnExpiredUnknownOrMalformedTokenIsRefusedAndAnythingElseIsLeftToTheOtherSchemes()
    {
        var owner = await TestUsers.CreateAsync(app.Services, "noegle-udloebet", Role.Reader);
        var secret = (await Tokens.CreateAsync(owner, "Gammel rapport", Today, Token)).Value!;
        Assert.True((await AuthenticateAsync(secret)).Succeeded, "A token is valid through its last day.");
        var id = Assert.Single(await Tokens.ListAsync(owner, Token)).Id;
        await WithDbAsync(db => db.AccessTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresOn, Today.AddDays(-1)), Token));

        Assert.StartsWith("The token expired after", (await AuthenticateAsync(secret)).Failure?.Message);
        Assert.Equal(TokenState.Expired, Assert.Single(await Tokens.ListAsync(owner, Token)).State);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ProbeAsync(secret)).StatusCode);
        Assert.Equal("The token is unknown.", (await AuthenticateAsync("udm_" + new string('A', 43))).Failure?.Message);
        Assert.Equal("The token is not a well-formed personal access token.", (await AuthenticateAsync("udm_kort")).Failure?.Message);
        Assert.True((await AuthenticateAsync("eyJhbGciOi.JIUzI1NiJ9.e30")).None);
        Assert.True((await AuthenticateAsync(null)).None);
    }

    [Fact]
    public async Task AProgramWithoutATokenGets401WithBearerAtTheFeedNotTheSignInPage()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(FeedProbeApp.Path, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");

        // A signed-in browser reads the feed with its cookie.
        var browser = app.CreateClient();
        await TestUsers.SignInAsync(browser, TestUsers.Reader);
        var signedIn = await browser.GetAsync(FeedProbeApp.Path, Token);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.StartsWith("browser session of user ", await signedIn.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task ATokenOpensNoPageDownloadOrHub()
    {
        var owner = await TestUsers.CreateAsync(app.Services, "noegle-kun-feed", Role.Administrator);
        var secret = (await Tokens.CreateAsync(owner, "Kun feedet", Today.AddDays(30), Token)).Value!;
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(FeedProbeApp.Path, Token)).StatusCode);

        foreach (var page in (string[])["/", "/mig/indstillinger", "/plan/1/eksport.xlsx"])
        {
            var response = await client.GetAsync(page, Token);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/konto/log-ind", response.Headers.Location!.PathAndQuery.Replace("http://localhost", string.Empty, StringComparison.Ordinal));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/punkter/1/historik.csv", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/hubs/plan/negotiate?negotiateVersion=1", null, Token)).StatusCode);
    }

    [Fact]
    public async Task TheSettingsSectionShowsTheSecretOnceWithACopyButtonListsThePrefixAndRevokesAfterConfirmation()
    {
        var user = await TestUsers.CreateAsync(app.Services, "noegle-komponent", Role.Reader);
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(Tokens);
        var authorization = context.AddAuthorization();
        authorization.SetAuthorized("noegle-komponent");
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.FindFirstValue(ClaimTypes.NameIdentifier)!), new Claim(ClaimTypes.Role, "Reader"));
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var section = context.Render<BoardContext.BoardHost>(p => p.Add(h => h.Board, builder =>
        {
            builder.OpenComponent<AccessTokenList>(0);
            builder.CloseComponent();
        }));
        section.WaitForAssertion(() => Assert.Contains("Du har ingen adgangsnøgler.", section.Markup), TimeSpan.FromSeconds(10));

        // An empty name is marked at the field; nothing is made.
        await section.Find("form").SubmitAsync();
        section.WaitForAssertion(() => Assert.Contains("Navnet skal udfyldes.", section.Markup), TimeSpan.FromSeconds(10));
        Assert.Empty(await Tokens.ListAsync(user, Token));

        await section.Find("#access-token-name").ChangeAsync(new ChangeEventArgs { Value = "<b>Power BI</b>" });
        await section.Find("form").SubmitAsync();
        section.WaitForAssertion(() => Assert.NotEmpty(section.FindAll("#access-token-secret")), TimeSpan.FromSeconds(10));
        var secret = section.Find("#access-token-secret").GetAttribute("value")!;
        Assert.Matches("^udm_[A-Za-z0-9_-]{43}$", secret);
        Assert.True((await AuthenticateAsync(secret)).Succeeded);
        Assert.Contains("den bliver ikke vist igen.", section.Find(".access-token-secret").TextContent);
        await section.FindAll("button").Single(b => b.TextContent.Trim() == "Kopiér nøglen").ClickAsync(new MouseEventArgs());
        Assert.Equal(secret, context.JSInterop.Invocations["navigator.clipboard.writeText"].Single().Arguments[0]);

        // The list shows the name as text and only the prefix; once put away, the secret is nowhere on the page.
        var row = section.Find("tr.access-token");
        Assert.Equal("<b>Power BI</b>", row.QuerySelector(".access-token-name")!.TextContent);
        Assert.Contains(secret[..10] + "…", row.TextContent);
        await section.FindAll("button").Single(b => b.TextContent.Trim() == "Jeg har gemt den").ClickAsync(new MouseEventArgs());
        Assert.DoesNotContain(secret, section.Markup);
        Assert.Empty(section.FindAll("tr.access-token b"));

        // Revoking asks first; cancelling keeps the token.
        await AnswerRevocationAsync(section, "Annullér");
        Assert.True((await AuthenticateAsync(secret)).Succeeded);
        await AnswerRevocationAsync(section, "Tilbagekald nøglen");
        section.WaitForAssertion(() => Assert.Contains("Tilbagekaldt", section.Find("tr.access-token").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(section.FindAll("tr.access-token button"));
        Assert.False((await AuthenticateAsync(secret)).Succeeded);
    }

    private static async Task AnswerRevocationAsync(IRenderedComponent<BoardContext.BoardHost> section, string answer)
    {
        var revoking = section.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Tilbagekald nøglen <b>Power BI</b>").ClickAsync(new MouseEventArgs());
        section.WaitForAssertion(() => Assert.Contains("får ikke adgang længere fra deres næste forespørgsel", section.Find(".mud-dialog").TextContent), TimeSpan.FromSeconds(10));
        await section.Find(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == answer).ClickAsync(new MouseEventArgs());
        await revoking.WaitAsync(TimeSpan.FromSeconds(10), Token);
        section.WaitForAssertion(() => Assert.Empty(section.FindAll(".mud-dialog")), TimeSpan.FromSeconds(10));
    }

    /// <summary>The personal scheme's answer to a request with this bearer token (none for null), as the feed's policy asks it.</summary>
    private async Task<AuthenticateResult> AuthenticateAsync(string? bearer)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        if (bearer is not null)
        {
            context.Request.Headers.Authorization = $"Bearer {bearer}";
        }

        return await context.AuthenticateAsync(TokenSchemes.Personal);
    }

    private async Task<HttpResponseMessage> ProbeAsync(string secret)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return await client.GetAsync(FeedProbeApp.Path, Token);
    }

    private async Task<T> WithDbAsync<T>(Func<PlanDbContext, Task<T>> read)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        return await read(db);
    }
}
