using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Validator;

namespace Udmoentning.Web.Feed;

/// <summary>
/// <c>Feed:*</c>: the page size (server-driven paging: a client gets at most this many rows and a <c>@odata.nextLink</c>
/// to the rest) and the origins allowed to read the feed from a browser (none unless set: no CORS).
/// </summary>
public sealed class FeedSettings
{
    public const string Section = "Feed";

    /// <summary>Rows per page, and the most <c>$top</c> may ask for.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>Web origins (<c>https://rapporter.kommune.dk</c>) whose pages may read the feed; none by default.</summary>
    public string[] CorsOrigins { get; init; } = [];

    /// <summary>What a query may ask: no deeper than <c>$expand</c> of one level inside another, no <c>$top</c> above a page.</summary>
    public ODataValidationSettings Validation => new()
    {
        MaxTop = PageSize,
        MaxExpansionDepth = 2,
        MaxAnyAllExpressionDepth = 2,
        MaxNodeCount = 200,
        MaxOrderByNodeCount = 5,
        AllowedQueryOptions = AllowedQueryOptions.Filter | AllowedQueryOptions.Select | AllowedQueryOptions.Expand | AllowedQueryOptions.OrderBy
            | AllowedQueryOptions.Count | AllowedQueryOptions.Top | AllowedQueryOptions.Skip | AllowedQueryOptions.SkipToken | AllowedQueryOptions.Format,
    };

    public static FeedSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<FeedSettings>() ?? new FeedSettings();
        if (settings.PageSize is < 10 or > 5000)
        {
            throw new StartupException($"{Section}:PageSize must be from 10 to 5000 rows (it is {settings.PageSize}); leave it out for 1000.");
        }

        var origins = new List<string>();
        foreach (var origin in settings.CorsOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.PathAndQuery != "/")
            {
                throw new StartupException($"{Section}:CorsOrigins has \"{origin}\", which is not an origin such as https://rapporter.kommune.dk.");
            }

            // As a browser sends it in Origin: scheme and host, no trailing slash.
            origins.Add(uri.GetLeftPart(UriPartial.Authority));
        }

        return new FeedSettings { PageSize = settings.PageSize, CorsOrigins = [.. origins] };
    }
}
