using Microsoft.AspNetCore.Diagnostics;
using Udmoentning.Web.ApiReference;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Calendars;

public static class CalendarsExtensions
{
    /// <summary>Calendar feeds (iCalendar) behind each user's secret addresses, and the token in them.</summary>
    public static IHostApplicationBuilder AddCalendars(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CalendarTokens>();
        builder.Services.AddSingleton<CalendarFeeds>();
        return builder;
    }

    /// <summary>
    /// <c>/kalender/{token}/mig.ics</c> and <c>/kalender/{token}/udvalg/{slug}.ics</c>: anonymous, as calendar clients
    /// fetch them without signing in; the token in the address is the secret. A token that is nobody's (unknown or
    /// renewed), a disabled owner and an unknown committee all get the same empty 404.
    /// </summary>
    public static WebApplication MapCalendars(this WebApplication app)
    {
        var calendars = app.MapDownloads();
        calendars.MapMethods("/kalender/{token}/mig.ics", [HttpMethods.Get, HttpMethods.Head],
            (string token, HttpContext context, CalendarFeeds feeds, CancellationToken cancellationToken) =>
                AnswerAsync(context, feeds.PersonalAsync(token, BaseUri(context.Request), cancellationToken))).AllowAnonymous()
            .Described(ApiTags.Calendars, "Min kalender",
                "The user's own calendar as iCalendar: the meetings of their committees and the round deadlines they still have items for. The token in the address is the secret; it is shown, and can be renewed, on the user's page.")
            .AnswersFile(CalendarWriter.ContentType, StatusCodes.Status404NotFound);
        calendars.MapMethods("/kalender/{token}/udvalg/{slug}.ics", [HttpMethods.Get, HttpMethods.Head],
            (string token, string slug, HttpContext context, CalendarFeeds feeds, CancellationToken cancellationToken) =>
                AnswerAsync(context, feeds.CommitteeAsync(token, slug, BaseUri(context.Request), cancellationToken))).AllowAnonymous()
            .Described(ApiTags.Calendars, "Et udvalgs kalender",
                "One committee's meetings (with the arbejdsplan's items) and its rounds' deadlines as iCalendar, behind the same secret token. An unknown or renewed token, a disabled owner and an unknown committee all get the same empty 404.")
            .AnswersFile(CalendarWriter.ContentType, StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The app's address as the client reached it (scheme, host and path base), for absolute links in the events.</summary>
    public static Uri BaseUri(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}/");

    private static async Task<IResult> AnswerAsync(HttpContext context, Task<string?> feed)
    {
        if (await feed is not { } calendar)
        {
            // Not the app's not-found page: a calendar client shows nothing of it, and an empty answer says nothing about why.
            context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "private";
        return Results.Text(calendar, CalendarWriter.ContentType);
    }
}
