using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.OData;
using Microsoft.OData;
using Udmoentning.Web.Access;
using Udmoentning.Web.ApiReference;
using Udmoentning.Web.Tokens;

namespace Udmoentning.Web.Feed;

public static class FeedExtensions
{
    private const string CorsPolicy = "Feed";

    /// <summary>
    /// The read-only OData feed at <c>/odata</c> for Power BI, Excel and other reports, read with an access token, a service
    /// account's token or the browser's cookie (<see cref="TokenPolicies.Feed"/>, see AddTokens).
    /// </summary>
    public static IHostApplicationBuilder AddFeed(this IHostApplicationBuilder builder)
    {
        var settings = FeedSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<FeedReader>();
        builder.Services.AddApiEntries<FeedEntries>();
        // OData's router logs a key it cannot read (/odata/Items(abc)) as an error; it is the caller's typo, answered 404.
        builder.Logging.AddFilter("Microsoft.AspNetCore.OData.Routing.Template.KeySegmentTemplate", LogLevel.Critical);
        builder.Services.AddControllers().AddOData(options => options
            .AddRouteComponents("odata", FeedModel.Build())
            .Select().Filter().Expand().OrderBy().Count().SetMaxTop(settings.PageSize));
        if (settings.CorsOrigins.Length > 0)
        {
            builder.Services.AddCors(options => options.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins(settings.CorsOrigins).WithMethods(HttpMethods.Get).WithHeaders("Authorization", "Accept", "OData-Version", "OData-MaxVersion")));
        }

        return builder;
    }

    /// <summary>
    /// For requests to the feed, before authentication: CORS when configured, and the one writer of the feed's errors, an
    /// OData error body (Danish and English) for the answers that come without one (400 for a query OData cannot read, 401,
    /// 403, 404, 405, 429), instead of the app's HTML pages.
    /// </summary>
    public static WebApplication UseFeed(this WebApplication app)
    {
        if (app.Services.GetRequiredService<FeedSettings>().CorsOrigins.Length > 0)
        {
            app.UseWhen(IsFeed, branch => branch.UseCors(CorsPolicy));
        }

        app.UseWhen(IsFeed, branch => branch.Use(async (context, next) =>
        {
            context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            if (context.Request.Query.Keys.FirstOrDefault(string.IsNullOrWhiteSpace) is not null)
            {
                // OData's query reader throws on a parameter without a name ("?=x"): the caller's mistake, not a 500.
                await FeedErrors.WriteAsync(context.Response, StatusCodes.Status400BadRequest, FeedErrors.BadQuery("a parameter has no name."), context.RequestAborted);
                return;
            }

            try
            {
                await next(context);
            }
            catch (ODataException e) when (!context.Response.HasStarted)
            {
                // A query OData cannot read, found while the request is bound (a repeated $top) or checked against the
                // feed's limits (FeedController): the caller's mistake.
                await FeedErrors.WriteAsync(context.Response, StatusCodes.Status400BadRequest, FeedErrors.BadQuery(e.Message), context.RequestAborted);
                return;
            }

            if (context.Response.StatusCode == StatusCodes.Status200OK && !context.Items.ContainsKey(FeedController.LoggedItem))
            {
                // The service document and $metadata: OData's own controller answers them, so the read is logged here.
                context.RequestServices.GetRequiredService<ILogger<FeedController>>().LogInformation("Feed read: {Caller} read {Path}",
                    context.RequestServices.GetRequiredService<ApiCallers>().Describe(context.User), context.Request.Path.Value);
            }

            if (context.Response.HasStarted || context.Response.ContentLength > 0 || context.Response.ContentType is not null)
            {
                return;
            }

            var error = context.Response.StatusCode switch
            {
                StatusCodes.Status401Unauthorized => FeedErrors.SignInNeeded,
                StatusCodes.Status403Forbidden => FeedErrors.NoAccess,
                StatusCodes.Status404NotFound => FeedErrors.NotFound,
                StatusCodes.Status405MethodNotAllowed => FeedErrors.ReadOnly,
                StatusCodes.Status429TooManyRequests => FeedErrors.TooMany,
                _ => null,
            };
            if (error is not null)
            {
                await FeedErrors.WriteAsync(context.Response, context.Response.StatusCode, error, context.RequestAborted);
            }
        }));
        return app;
    }

    public static WebApplication MapFeed(this WebApplication app)
    {
        var feed = app.MapControllers().RequireAuthorization(TokenPolicies.Feed).LimitedAs(RequestLimit.Feed);
        if (app.Services.GetRequiredService<FeedSettings>().CorsOrigins.Length > 0)
        {
            feed.RequireCors(CorsPolicy);
        }

        return app;
    }

    public static bool IsFeed(HttpContext context) => context.Request.Path.StartsWithSegments(TokenPolicies.FeedPath);
}
