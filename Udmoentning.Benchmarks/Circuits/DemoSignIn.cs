using System.Net;
using System.Text.RegularExpressions;

namespace Udmoentning.Benchmarks.Circuits;

/// <summary>Signs in through the app's Development-only demo form, as a browser would, and keeps the cookies.</summary>
public static partial class DemoSignIn
{
    public static async Task<CookieContainer> SignInAsync(Uri baseUri, string demoUser, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = baseUri };
        await SignInAsync(http, demoUser, cancellationToken);
        return cookies;
    }

    /// <summary>Signs in on a client that keeps its cookies (a browser-like client, or a test server's).</summary>
    public static async Task SignInAsync(HttpClient http, string demoUser, CancellationToken cancellationToken)
    {
        var page = await http.GetStringAsync("/konto/log-ind", cancellationToken);
        var token = TokenPattern().Match(page);
        if (!token.Success)
        {
            throw new InvalidDataException("The sign-in page has no antiforgery token.");
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token.Groups[1].Value,
            ["user"] = demoUser,
            ["returnUrl"] = "/",
        });
        using var response = await http.PostAsync("/konto/demo", form, cancellationToken);
        if ((int)response.StatusCode >= 400)
        {
            throw new InvalidOperationException($"Demo sign-in as {demoUser} failed: {(int)response.StatusCode} {response.StatusCode}.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
