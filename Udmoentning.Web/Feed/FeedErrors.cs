using System.Text.Encodings.Web;
using System.Text.Json;

namespace Udmoentning.Web.Feed;

/// <summary>
/// The feed's error answers in OData's JSON error format: the message in Danish (the app's language), the same in English
/// in <c>details</c> for a program's log and a supplier's support desk.
/// </summary>
public static class FeedErrors
{
    public static readonly FeedError SignInNeeded = new("Unauthorized",
        "Feedet kræver en adgangsnøgle: send den som \"Authorization: Bearer …\". Lav en under Mine indstillinger.",
        "The feed needs an access token: send it as \"Authorization: Bearer …\". Create one under Mine indstillinger (My settings).");

    public static readonly FeedError NoAccess = new("Forbidden",
        "Nøglens ejer har ikke adgang til planen.",
        "The token's owner has no access to the plan.");

    public static readonly FeedError NotFound = new("NotFound",
        "Feedet har ikke den adresse. Se /odata for mængderne og /odata/$metadata for deres felter.",
        "The feed has no such address. See /odata for the entity sets and /odata/$metadata for their fields.");

    public static readonly FeedError TooMany = new("TooManyRequests",
        "For mange forespørgsler med samme nøgle. Vent det antal sekunder, Retry-After siger, og prøv igen.",
        "Too many requests with the same token. Wait the seconds Retry-After says and try again.");

    public static readonly FeedError ReadOnly = new("MethodNotAllowed",
        "Feedet kan kun læses (GET). Ændringer laves i appen.",
        "The feed is read-only (GET). Changes are made in the app.");

    public static FeedError BadQuery(string detail) => new("BadRequest",
        $"Forespørgslen kan ikke læses: {detail}",
        $"The query cannot be read: {detail}");

    // Danish letters as they are: the body is UTF-8 JSON, read by people in a tool's error dialog.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="error"/> as the response's body, with its status.</summary>
    public static Task WriteAsync(HttpResponse response, int status, FeedError error, CancellationToken cancellationToken = default)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; odata.metadata=minimal; charset=utf-8";
        return response.WriteAsync(JsonSerializer.Serialize(error.Body(), Json), cancellationToken);
    }
}

/// <param name="Code">The HTTP status's name, as OData services name error codes.</param>
public sealed record FeedError(string Code, string Danish, string English)
{
    public object Body() => new
    {
        error = new
        {
            code = Code,
            message = Danish,
            details = new[] { new { code = "en", message = English } },
        },
    };
}
