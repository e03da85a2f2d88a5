using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Access.Account;
using Udmoentning.Web.Administration;

namespace Udmoentning.Tests.Access;

/// <summary>
/// Local users' passwords (issue 38, point 7): the first password through a one-time link, a typed one changed at the first
/// sign-in, one's own change, administrators' reset and unlock, rules stricter than length, Danish messages, and security
/// events for administrators.
/// </summary>
public sealed class PasswordTests(PasswordApp app) : IClassFixture<PasswordApp>
{
    private const string Chosen = "grøn tekande på loftet";
    private const string Typed = "midlertidig kaffekop ved vinduet";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AUserCreatedWithoutAPasswordChoosesItThroughAOneTimeLinkThatWorksOnce()
    {
        var link = await app.CreateUserAsync("link-bruger");
        Assert.NotNull(link);
        Assert.DoesNotContain(Chosen, link.ToString());
        Assert.Null((await app.UserAsync("link-bruger")).PasswordHash);

        using var browser = app.NewBrowser();
        var page = await browser.GetStringAsync(link, Token);
        Assert.Contains("Vælg din adgangskode", page);
        Assert.Contains("Test link-bruger", page);

        using var mismatch = await PasswordApp.PostFormAsync(browser, link, "set-password", ("Input.Password", Chosen), ("Input.Repeat", Chosen + "x"));
        Assert.Equal(PasswordChanges.NotTheSame, await PasswordApp.ErrorOfAsync(mismatch));

        using var set = await PasswordApp.PostFormAsync(browser, link, "set-password", ("Input.Password", Chosen), ("Input.Repeat", Chosen));
        Assert.Equal("/", set.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", Token)).StatusCode);
        Assert.Contains("Test link-bruger", await browser.GetStringAsync("/", Token));

        using var again = app.NewBrowser();
        Assert.Contains(PasswordChanges.LinkNotValid, WebUtility.HtmlDecode(await again.GetStringAsync(link, Token)));
        using var reused = await PasswordApp.PostFormAsync(again, link, "set-password", ("Input.Password", "en helt anden sætning her"), ("Input.Repeat", "en helt anden sætning her"));
        Assert.Equal(PasswordChanges.LinkNotValid, await PasswordApp.ErrorOfAsync(reused));
        using var other = app.NewBrowser();
        Assert.Null(await AccessChangeApp.SignInAsync(other, "link-bruger", Chosen));
    }

    [Fact]
    public async Task APasswordTheAdministratorTypedMustBeChangedAtTheFirstSignIn()
    {
        Assert.Null(await app.CreateUserAsync("skift-bruger", Typed));
        Assert.True((await app.UserAsync("skift-bruger")).MustChangePassword);

        using var browser = app.NewBrowser();
        using var signIn = await PostSignInAsync(browser, "skift-bruger", Typed);
        var landed = signIn.RequestMessage!.RequestUri!;
        Assert.Equal("/konto/adgangskode", landed.AbsolutePath);
        Assert.Contains("Vælg din egen, før du fortsætter", WebUtility.HtmlDecode(await signIn.Content.ReadAsStringAsync(Token)));
        Assert.Equal("/konto/log-ind", (await browser.GetAsync("/", Token)).RequestMessage!.RequestUri!.AbsolutePath);

        using var same = await PasswordApp.PostFormAsync(browser, landed, "set-password", ("Input.Password", Typed), ("Input.Repeat", Typed));
        Assert.Equal(PasswordChanges.ChooseAnother, await PasswordApp.ErrorOfAsync(same));
        using var set = await PasswordApp.PostFormAsync(browser, landed, "set-password", ("Input.Password", Chosen), ("Input.Repeat", Chosen));
        Assert.Equal("/", set.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.False((await app.UserAsync("skift-bruger")).MustChangePassword);

        using var later = app.NewBrowser();
        Assert.Equal(Login.Failed, await AccessChangeApp.SignInAsync(later, "skift-bruger", Typed));
        Assert.Null(await AccessChangeApp.SignInAsync(later, "skift-bruger", Chosen));
    }

    [Fact]
    public async Task ASignedInUserChangesTheirOwnPasswordWithTheCurrentOneAndTheirOtherSessionsEnd()
    {
        await SetUpUserAsync("egen-bruger", Chosen);
        using var browser = app.NewBrowser();
        using var elsewhere = app.NewBrowser();
        Assert.Null(await AccessChangeApp.SignInAsync(browser, "egen-bruger", Chosen));
        Assert.Null(await AccessChangeApp.SignInAsync(elsewhere, "egen-bruger", Chosen));
        Assert.Contains("href=\"mig/adgangskode\"", await browser.GetStringAsync("/", Token));
        var page = app.Url("/mig/adgangskode");
        const string next = "blå cykel under æbletræet";

        using var wrong = await PasswordApp.PostFormAsync(browser, page, "change-password", ("Input.Current", "forkert forkert forkert"), ("Input.Password", next), ("Input.Repeat", next));
        Assert.Equal(PasswordChanges.WrongCurrent, await PasswordApp.ErrorOfAsync(wrong));
        using var weak = await PasswordApp.PostFormAsync(browser, page, "change-password", ("Input.Current", Chosen), ("Input.Password", "password1234"), ("Input.Repeat", "password1234"));
        Assert.Equal(PasswordRules.Common, await PasswordApp.ErrorOfAsync(weak));
        using var changed = await PasswordApp.PostFormAsync(browser, page, "change-password", ("Input.Current", Chosen), ("Input.Password", next), ("Input.Repeat", next));
        Assert.Null(await PasswordApp.ErrorOfAsync(changed));
        Assert.Contains(ChangePassword.Changed, await changed.Content.ReadAsStringAsync(Token));

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", Token)).StatusCode);
        Assert.Equal("/", (await browser.GetAsync("/", Token)).RequestMessage!.RequestUri!.AbsolutePath);
        Assert.True(await Poll.UntilAsync(
            () => elsewhere.GetAsync("/", Token).Result.RequestMessage!.RequestUri!.AbsolutePath == "/konto/log-ind", TimeSpan.FromSeconds(10)),
            "The other session was not signed out.");
        using var fresh = app.NewBrowser();
        Assert.Equal(Login.Failed, await AccessChangeApp.SignInAsync(fresh, "egen-bruger", Chosen));
        Assert.Null(await AccessChangeApp.SignInAsync(fresh, "egen-bruger", next));
    }

    [Fact]
    public async Task AdministratorsSeeWhoIsLockedOutUntilWhenAndUnlockThem()
    {
        await SetUpUserAsync("spaerret-bruger", Chosen);
        using var browser = app.NewBrowser();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(Login.Failed, await AccessChangeApp.SignInAsync(browser, "spaerret-bruger", $"forkert gæt nummer {i}"));
        }

        var listed = (await app.AdministerAsync((admin, actor) => admin.ListAsync(actor))).Single(u => u.UserName == "spaerret-bruger");
        Assert.NotNull(listed.LockedUntil);
        Assert.InRange(listed.LockedUntil.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
        Assert.False(listed.IsDisabled);
        Assert.Equal(Login.Failed, await AccessChangeApp.SignInAsync(browser, "spaerret-bruger", Chosen));

        Assert.Null(await app.AdministerAsync((admin, actor) => admin.UnlockAsync(actor, "spaerret-bruger")));
        Assert.Null((await app.AdministerAsync((admin, actor) => admin.ListAsync(actor))).Single(u => u.UserName == "spaerret-bruger").LockedUntil);
        Assert.Null(await AccessChangeApp.SignInAsync(browser, "spaerret-bruger", Chosen));
        Assert.Equal(UserAdministration.NotLocked, await app.AdministerAsync((admin, actor) => admin.UnlockAsync(actor, "spaerret-bruger")));
    }

    [Fact]
    public async Task AResetEndsTheOldPasswordAndTheUsersSessionsAndGivesANewOneTimeLink()
    {
        var firstLink = await app.CreateUserAsync("nulstil-bruger");
        using var browser = app.NewBrowser();
        using var set = await PasswordApp.PostFormAsync(browser, firstLink!, "set-password", ("Input.Password", Chosen), ("Input.Repeat", Chosen));
        Assert.Equal("/", set.RequestMessage!.RequestUri!.AbsolutePath);
        var unusedLink = (await app.AdministerAsync((admin, actor) => admin.ResetPasswordAsync(actor, "nulstil-bruger"))).Link;

        var reset = await app.AdministerAsync((admin, actor) => admin.ResetPasswordAsync(actor, "nulstil-bruger"));

        Assert.Null(reset.Error);
        Assert.InRange(reset.Expires!.Value - DateTimeOffset.UtcNow, TimeSpan.FromHours(71.9), TimeSpan.FromHours(72));
        Assert.True(await Poll.UntilAsync(
            () => browser.GetAsync("/", Token).Result.RequestMessage!.RequestUri!.AbsolutePath == "/konto/log-ind", TimeSpan.FromSeconds(10)),
            "The user's session was not signed out.");
        using var fresh = app.NewBrowser();
        Assert.Equal(Login.Failed, await AccessChangeApp.SignInAsync(fresh, "nulstil-bruger", Chosen));
        Assert.Contains(PasswordChanges.LinkNotValid, WebUtility.HtmlDecode(await fresh.GetStringAsync(app.Url(unusedLink!), Token)));
        const string next = "ny sommerfugl i vindueskarmen";
        using var chosen = await PasswordApp.PostFormAsync(fresh, app.Url(reset.Link!), "set-password", ("Input.Password", next), ("Input.Repeat", next));
        Assert.Equal("/", chosen.RequestMessage!.RequestUri!.AbsolutePath);
        var listed = (await app.AdministerAsync((admin, actor) => admin.ListAsync(actor))).Single(u => u.UserName == "nulstil-bruger");
        Assert.True(listed.HasPassword);
    }

    [Fact]
    public async Task GuessingTheCurrentPasswordOnTheChangePageLocksTheAccountLikeWrongSignIns()
    {
        await SetUpUserAsync("gaet-bruger", Chosen);
        using var browser = app.NewBrowser();
        Assert.Null(await AccessChangeApp.SignInAsync(browser, "gaet-bruger", Chosen));
        var page = app.Url("/mig/adgangskode");
        const string next = "blå cykel under æbletræet";

        var errors = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            using var guess = await PasswordApp.PostFormAsync(browser, page, "change-password", ("Input.Current", $"gæt nummer {i} her"), ("Input.Password", next), ("Input.Repeat", next));
            errors.Add(await PasswordApp.ErrorOfAsync(guess));
        }

        using var right = await PasswordApp.PostFormAsync(browser, page, "change-password", ("Input.Current", Chosen), ("Input.Password", next), ("Input.Repeat", next));

        Assert.All(errors.Take(4), e => Assert.Equal(PasswordChanges.WrongCurrent, e));
        Assert.All(errors.Skip(4), e => Assert.Equal(PasswordChanges.LockedOut, e));
        Assert.Equal(PasswordChanges.LockedOut, await PasswordApp.ErrorOfAsync(right));
        Assert.NotNull((await app.AdministerAsync((admin, actor) => admin.ListAsync(actor))).Single(u => u.UserName == "gaet-bruger").LockedUntil);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa", "Adgangskoden skal have mindst 6 forskellige tegn.")]
    [InlineData("abababababab", "Adgangskoden skal have mindst 6 forskellige tegn.")]
    [InlineData("password1234", PasswordRules.Common)]
    [InlineData("Kodeord12345", PasswordRules.Common)]
    [InlineData("Sommer2024!!", PasswordRules.Common)]
    [InlineData("sommerferie2025", PasswordRules.Common)]
    [InlineData("qwertyuiopå12", PasswordRules.Common)]
    [InlineData("Velkommen1234", PasswordRules.Common)]
    [InlineData("123456789012", PasswordRules.Common)]
    [InlineData("regel-bruger-2026", PasswordRules.ContainsName)]
    [InlineData("Rikke Regelsen 2026", PasswordRules.ContainsName)]
    [InlineData("kort", "Adgangskoden skal være mindst 12 tegn.")]
    public async Task WeakPasswordsAreRefusedWithADanishReason(string password, string reason)
    {
        var outcome = await app.AdministerAsync((admin, actor) => admin.CreateAsync(actor, "regel-bruger", "Rikke Regelsen", password, Role.Reader, []));

        Assert.NotNull(outcome.Error);
        Assert.Contains(reason, outcome.Error);
        Assert.Null(await app.UserAsync("regel-bruger"));
    }

    [Fact]
    public async Task APassphraseIsAcceptedAndTheListOfCommonPasswordsShipsWithTheApp()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
        var user = new PlanUser { UserName = "frase-bruger", DisplayName = "Frida Frase" };

        foreach (var good in new[] { Chosen, "Tre-hvide-måger-ved-Vejle", "k8#Lq2!vZp0w" })
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, good);
                Assert.True(result.Succeeded, $"{good}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        }

        Assert.True(PasswordRules.CommonCount > 2000, $"{PasswordRules.CommonCount}");
    }

    [Fact]
    public void EveryIdentityErrorIsDescribedInDanish()
    {
        var english = new IdentityErrorDescriber();
        var danish = new DanishIdentityErrors();
        var methods = typeof(IdentityErrorDescriber).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.ReturnType == typeof(IdentityError) && m.IsVirtual).ToList();

        Assert.True(methods.Count >= 22, $"{methods.Count}");
        foreach (var method in methods)
        {
            var arguments = method.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)12 : "x").ToArray();
            var en = (IdentityError)method.Invoke(english, arguments)!;
            var da = (IdentityError)method.Invoke(danish, arguments)!;
            Assert.Equal(en.Code, da.Code);
            Assert.NotEqual(en.Description, da.Description);
        }

        Assert.Equal("Brugernavnet er allerede i brug.", danish.DuplicateUserName("x").Description);
    }

    [Fact]
    public async Task FailedSignInsLockoutsAndRefusalsAreSecurityEventsForAdministratorsWithoutThePassword()
    {
        await SetUpUserAsync("haendelse-bruger", Chosen);
        await SetUpUserAsync("deaktiveret-bruger", Chosen);
        Assert.Null(await app.AdministerAsync((admin, actor) => admin.DisableAsync(actor, "deaktiveret-bruger")));
        using var browser = app.NewBrowser();
        const string secret = "hemmeligt gæt 4711";

        Assert.Equal(Login.Failed, await AccessChangeApp.SignInAsync(browser, "findes-ikke-bruger", secret));
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(Login.Failed, await AccessChangeApp.SignInAsync(browser, "haendelse-bruger", secret));
        }

        Assert.Equal(Login.Failed, await AccessChangeApp.SignInAsync(browser, "deaktiveret-bruger", Chosen));
        var reader = await TestUsers.PrincipalAsync(app.Services, TestUsers.Reader);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync(reader));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<UserAdministration>().SecurityEventsAsync(reader));
        }

        var events = await app.AdministerAsync((admin, actor) => admin.SecurityEventsAsync(actor, 500));
        var kinds = events.Where(e => e.UserName is "findes-ikke-bruger" or "haendelse-bruger" or "deaktiveret-bruger" or TestUsers.Reader)
            .Select(e => (e.UserName, e.Kind)).ToList();
        Assert.Contains(("findes-ikke-bruger", SecurityEventKind.SignInFailed), kinds);
        Assert.Equal(4, kinds.Count(k => k == ("haendelse-bruger", SecurityEventKind.SignInFailed)));
        Assert.Contains(("haendelse-bruger", SecurityEventKind.LockedOut), kinds);
        Assert.Contains(("haendelse-bruger", SecurityEventKind.SignInWhileLockedOut), kinds);
        Assert.Contains(("deaktiveret-bruger", SecurityEventKind.SignInWhileDisabled), kinds);
        Assert.Contains((TestUsers.Reader, SecurityEventKind.AdministrationRefused), kinds);
        Assert.All(events.Where(e => e.Kind is SecurityEventKind.SignInFailed or SecurityEventKind.LockedOut), e => Assert.NotNull(e.Address));
        Assert.True(events.Zip(events.Skip(1)).All(pair => pair.First.At >= pair.Second.At), "Not newest first.");
        var locked = events.First(e => e.Kind == SecurityEventKind.LockedOut && e.UserName == "haendelse-bruger");
        Assert.Equal("Kontoen blev spærret efter for mange forkerte forsøg", locked.What);

        var logged = app.Logs.Entries.Where(e => e.Message.Contains("Security event", StringComparison.Ordinal)).ToList();
        Assert.Contains(logged, e => e.Message.Contains("LockedOut for haendelse-bruger", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal) || e.Message.Contains(Chosen, StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => (e.Detail ?? string.Empty).Contains(secret, StringComparison.Ordinal));
    }

    /// <summary>A reader who has chosen <paramref name="password"/> through their one-time link.</summary>
    private async Task SetUpUserAsync(string userName, string password)
    {
        var link = await app.CreateUserAsync(userName);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>();
        var user = await users.FindByNameAsync(userName);
        Assert.True((await users.AddPasswordAsync(user!, password)).Succeeded);
        Assert.NotNull(link);
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, string userName, string password) =>
        await PasswordApp.PostFormAsync(browser, new Uri(browser.BaseAddress!, "/konto/log-ind"), "login",
            ("Input.UserName", userName), ("Input.Password", password), ("ReturnUrl", "/"));
}
