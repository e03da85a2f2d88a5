namespace Udmoentning.Web.Access;

/// <summary>The budgets of <see cref="RateLimitSettings"/> a request can count against.</summary>
public enum RequestLimit
{
    /// <summary>Trying to sign in or set a password, per client address.</summary>
    SignIn,

    /// <summary>Downloading a file, per user.</summary>
    Download,

    /// <summary>Reading the OData feed, per access token (per user for a browser, per address when anonymous).</summary>
    Feed,
}

/// <summary>
/// Puts an endpoint under a limit. The limit is found on the endpoint routing chose, not in the address's text, so every
/// spelling that reaches the endpoint counts. On a page (a Razor component) give <see cref="PostsOnly"/>: showing the
/// form is free, sending it counts.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequestLimitAttribute(RequestLimit limit) : Attribute
{
    public RequestLimit Limit { get; } = limit;

    public bool PostsOnly { get; init; }
}

public static class RequestLimitExtensions
{
    /// <summary>The endpoint's requests count against <paramref name="limit"/>.</summary>
    public static TBuilder LimitedAs<TBuilder>(this TBuilder builder, RequestLimit limit)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestLimitAttribute(limit));
}
