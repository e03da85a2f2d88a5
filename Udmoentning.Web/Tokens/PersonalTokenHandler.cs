using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;

namespace Udmoentning.Web.Tokens;

/// <summary>
/// <see cref="TokenSchemes.Personal"/>: <c>Authorization: Bearer udm_…</c>, or the token as a Basic password. Anything else is not this scheme's (a service
/// account's JWT is tried by <see cref="TokenSchemes.Service"/>). The token is looked up by its hash and its owner's account
/// read as it is now (<see cref="CurrentUsers.FindAsync"/>) on every request, so a revoked token or a disabled owner is
/// refused on the next request. The principal has the owner's id, name, roles and committees, as the cookie would.
/// </summary>
public sealed class PersonalTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessTokens tokens, CurrentUsers users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Secret(Request) is not { } secret)
        {
            return AuthenticateResult.NoResult();
        }

        var (token, refusal) = await tokens.FindAsync(secret, Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail(refusal!);
        }

        var owner = await users.FindAsync(token.UserId, Context.RequestAborted);
        if (owner is null or { IsDisabled: true })
        {
            return AuthenticateResult.Fail($"The account that owns token {token.Id} is unknown or disabled.");
        }

        try
        {
            await tokens.NoteUseAsync(token, Context.RequestAborted);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // The last use is a convenience for the owner: a write that fails does not refuse a read.
            Logger.LogWarning(e, "The last use of access token {TokenId} could not be noted", token.Id);
        }

        var identity = new ClaimsIdentity(Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, owner.Id));
        identity.AddClaim(new Claim(ClaimTypes.Name, owner.Name));
        identity.AddClaim(new Claim(AccessClaims.DisplayName, owner.Name));
        identity.AddClaims(owner.Roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        identity.AddClaims(owner.CommitteeCodes.Select(c => new Claim(AccessClaims.Committee, c)));
        identity.AddClaim(new Claim(TokenClaims.TokenId, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(TokenClaims.TokenName, token.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>401 with <c>WWW-Authenticate: Bearer</c>, and why a token that was sent was refused (RFC 6750).</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, result.Failure is { } failure
            ? $"Bearer realm=\"Udmoentning\", error=\"invalid_token\", error_description=\"{failure.Message.Replace("\"", "'", StringComparison.Ordinal)}\""
            : "Bearer realm=\"Udmoentning\"");
        // Offered too, so a connector that only knows a user name and password asks for one: the token is the password.
        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Basic realm=\"Udmoentning\", charset=\"UTF-8\"");
    }

    /// <summary>
    /// The secret in <c>Authorization: Bearer udm_…</c>, or as the password of <c>Authorization: Basic</c> (any user name):
    /// Power BI's and Excel's OData connectors can send a password from their own credential dialog (kept out of the report
    /// file and used by scheduled refresh), but no bearer token. Null when the request brings none.
    /// </summary>
    private static string? Secret(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var secret = header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? header[Bearer.Length..].Trim()
            : header.StartsWith(Basic, StringComparison.OrdinalIgnoreCase) ? BasicPassword(header[Basic.Length..].Trim())
            : null;
        return secret?.StartsWith(AccessToken.SecretStart, StringComparison.Ordinal) == true ? secret : null;
    }

    private const string Bearer = "Bearer ";

    private const string Basic = "Basic ";

    private static string? BasicPassword(string encoded)
    {
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
        {
            return null;
        }

        var pair = System.Text.Encoding.UTF8.GetString(bytes, 0, length);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : pair[(colon + 1)..];
    }
}
