using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Udmoentning.Domain.Access;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;

namespace Udmoentning.Tests.Support;

/// <summary>
/// The live app for tests of local users' passwords: users created through the administration service, forms posted as a
/// browser posts them, open sessions re-checked every second, and what the app logs kept beside the usual logging.
/// </summary>
public sealed partial class PasswordApp : LiveApp
{
    public PasswordApp() => Settings = new Dictionary<string, string> { ["Access:RevalidateSeconds"] = "1" };

    public LogSink Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }

    public Task<ClaimsPrincipal> AdministratorAsync() => TestUsers.PrincipalAsync(Services, TestUsers.Administrator);

    /// <summary>Runs <paramref name="work"/> with the administration service in a scope of its own, as the demo administrator.</summary>
    public async Task<T> AdministerAsync<T>(Func<UserAdministration, ClaimsPrincipal, Task<T>> work)
    {
        var administrator = await AdministratorAsync();
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserAdministration>(), administrator);
    }

    /// <summary>Creates a reader through the administration page's service; the one-time link (absolute) when no password was given.</summary>
    public async Task<Uri?> CreateUserAsync(string userName, string? password = null)
    {
        var outcome = await AdministerAsync((admin, actor) => admin.CreateAsync(actor, userName, $"Test {userName}", password, Role.Reader, []));
        Assert.Null(outcome.Error);
        return outcome.Link is null ? null : Url(outcome.Link);
    }

    public async Task<PlanUser> UserAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>().FindByNameAsync(userName))!;
    }

    /// <summary>A browser of its own: cookies kept, redirects followed.</summary>
    public HttpClient NewBrowser() => new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };

    /// <summary>Opens <paramref name="page"/> and posts its form <paramref name="formName"/> with <paramref name="fields"/> and the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, Uri page, string formName, params (string Name, string Value)[] fields)
    {
        var html = await http.GetStringAsync(page, TestContext.Current.CancellationToken);
        // A page that shows no form (a used link) has no token; a browser's token from another page is as good (a forged post).
        var token = TokenPattern().Match(html) is { Success: true } found ? found : TokenPattern().Match(await http.GetStringAsync("/konto/log-ind", TestContext.Current.CancellationToken));
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token.Groups[1].Value, ["_handler"] = formName };
        foreach (var hidden in HiddenPattern().Matches(html).Where(m => m.Groups[1].Value.StartsWith("Input.", StringComparison.Ordinal)))
        {
            form[hidden.Groups[1].Value] = WebUtility.HtmlDecode(hidden.Groups[2].Value);
        }

        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        using var content = new FormUrlEncodedContent(form);
        return await http.PostAsync(page, content, TestContext.Current.CancellationToken);
    }

    /// <summary>The error a form page shows, or null.</summary>
    public static async Task<string?> ErrorOfAsync(HttpResponseMessage response)
    {
        var error = ErrorPattern().Match(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return error.Success ? WebUtility.HtmlDecode(error.Groups[1].Value) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenPattern();

    [GeneratedRegex("<p class=\"form-error\" role=\"alert\">([^<]*)</p>")]
    private static partial Regex ErrorPattern();
}
