using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Udmoentning.Tests.Support;

namespace Udmoentning.Tests.ApiReference;

/// <summary>The app in Production, with one administrator from settings who signs in with a password, as a real script would.</summary>
public sealed partial class ApiReferenceApp : AppFactory
{
    public const string UserName = "api-laeser";

    private const string Password = "kildevaeld-brolaegning-42";

    public ApiReferenceApp()
    {
        Environment = "Production";
        Settings = new Dictionary<string, string>
        {
            ["Access:Administrator:UserName"] = UserName,
            ["Access:Administrator:DisplayName"] = "API-læser",
            ["Access:Administrator:Password"] = Password,
        };
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in through the sign-in page's password form, with its antiforgery token.</summary>
    public async Task<HttpClient> SignedInAsync()
    {
        var client = Anonymous();
        var page = await client.GetStringAsync("/konto/log-ind", TestContext.Current.CancellationToken);
        using var signIn = await client.PostAsync("/konto/log-ind", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value,
            ["Input.UserName"] = UserName,
            ["Input.Password"] = Password,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.AbsolutePath);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
