using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;

namespace Udmoentning.Tests.Support;

/// <summary>
/// The live app with open circuits re-checking their user every second, for tests of access that changes while a
/// person is signed in; with local accounts that have passwords, signed in through the real sign-in form.
/// </summary>
public sealed partial class AccessChangeApp : LiveApp
{
    public const string Password = "en-lang-adgangskode-til-test";

    public AccessChangeApp() => Settings = new Dictionary<string, string> { ["Access:RevalidateSeconds"] = "1" };

    /// <summary>A local account with <see cref="Password"/>; each test uses its own, so the tests do not change each other's users.</summary>
    public async Task CreateUserAsync(string userName, Role role, string? committee = null)
    {
        await using var scope = Services.CreateAsyncScope();
        await AccessStartup.EnsureUserAsync(scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>(), userName, userName, Password, role, committee);
    }

    /// <summary>Runs a change as the demo administrator through the one administration service, and expects it to succeed.</summary>
    public async Task AdministerAsync(Func<UserAdministration, System.Security.Claims.ClaimsPrincipal, Task<string?>> change)
    {
        var administrator = await TestUsers.PrincipalAsync(Services, TestUsers.Administrator);
        await using var scope = Services.CreateAsyncScope();
        Assert.Null(await change(scope.ServiceProvider.GetRequiredService<UserAdministration>(), administrator));
    }

    /// <summary>Posts the sign-in form as a browser would; returns the form's error message, or null when it signed in and went on to the board.</summary>
    public static async Task<string?> SignInAsync(HttpClient http, string userName, string password)
    {
        var page = await http.GetStringAsync("/konto/log-ind", TestContext.Current.CancellationToken);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value,
            ["_handler"] = "login",
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["ReturnUrl"] = "/",
        });
        using var response = await http.PostAsync("/konto/log-ind", form, TestContext.Current.CancellationToken);
        if (response.RequestMessage?.RequestUri?.AbsolutePath != "/konto/log-ind")
        {
            return null;
        }

        var error = ErrorPattern().Match(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return error.Success ? WebUtility.HtmlDecode(error.Groups[1].Value) : throw new InvalidOperationException("The sign-in page neither signed in nor said why.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<p class=\"form-error\" role=\"alert\">([^<]*)</p>")]
    private static partial Regex ErrorPattern();
}
