using System.Security.Cryptography;

namespace Udmoentning.Web.Access;

/// <summary>
/// Security headers on every response. The policy allows only the app's own scripts and connections;
/// inline styles are allowed because MudBlazor sets style attributes.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    private const string ScriptNonceKey = "Udmoentning.ScriptNonce";

    /// <summary>
    /// Lets this one response run the inline scripts that carry the returned nonce (the API reference page starts its viewer
    /// that way); every other directive, and every other response, keeps <see cref="ContentSecurityPolicy"/> as it is.
    /// </summary>
    public static string AllowScriptNonce(HttpContext context)
    {
        if (context.Items[ScriptNonceKey] is string existing)
        {
            return existing;
        }

        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        context.Items[ScriptNonceKey] = nonce;
        return nonce;
    }

    /// <summary>The policy a response gets: <see cref="ContentSecurityPolicy"/>, with the response's own script nonce if it has one.</summary>
    public static string PolicyFor(HttpContext context) =>
        context.Items[ScriptNonceKey] is string nonce
            ? ContentSecurityPolicy.Replace("script-src 'self';", $"script-src 'self' 'nonce-{nonce}';", StringComparison.Ordinal)
            : ContentSecurityPolicy;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = PolicyFor(context);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        await next();
    });
}
