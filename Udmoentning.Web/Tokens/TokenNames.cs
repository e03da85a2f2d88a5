namespace Udmoentning.Web.Tokens;

/// <summary>The authentication schemes of programs that read the feed.</summary>
public static class TokenSchemes
{
    /// <summary>A personal access token: <c>Authorization: Bearer udm_…</c>.</summary>
    public const string Personal = "PersonalToken";

    /// <summary>A service account's bearer token (JWT) from the organisation's identity provider; only when configured.</summary>
    public const string Service = "ServiceAccount";
}

/// <summary>The claims a program's principal carries besides the user's id, name and roles.</summary>
public static class TokenClaims
{
    /// <summary>The id of the personal access token the request came with.</summary>
    public const string TokenId = "udmoentning:noegle";

    /// <summary>The name its owner gave that token ("Power BI").</summary>
    public const string TokenName = "udmoentning:noeglenavn";

    /// <summary>The client id (or subject) of a service account, as mapped in the settings.</summary>
    public const string ServiceAccount = "udmoentning:tjenestekonto";
}

/// <summary>The authorization policies of the feed.</summary>
public static class TokenPolicies
{
    /// <summary>
    /// A signed-in browser, a personal access token or a service account, with one of the four roles. The only policy that
    /// accepts tokens: pages, downloads and the hub use the default policy, which reads the cookie alone.
    /// </summary>
    public const string Feed = "Feed";

    /// <summary>Where the feed answers: programs there get 401 and 403, never the sign-in page.</summary>
    public const string FeedPath = "/odata";
}
