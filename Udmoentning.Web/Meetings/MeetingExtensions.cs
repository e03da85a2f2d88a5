using System.Globalization;
using Udmoentning.Domain.Input;
using Udmoentning.Web.ApiReference;
using Udmoentning.Web.History;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Meetings;

public static class MeetingExtensions
{
    /// <summary>
    /// Meeting mode: who presents which meeting and what it shows (in memory on each node, kept in the database for restarts;
    /// with Redis shared by every node), and what changed around it.
    /// </summary>
    public static IHostApplicationBuilder AddMeetings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MeetingRegistry>();
        builder.Services.AddSingleton<MeetingHistory>();
        builder.Services.AddHostedService<MeetingStore>();
        if (builder.Configuration[RealtimeExtensions.RedisSetting] is { Length: > 0 })
        {
            builder.Services.AddHostedService<RedisMeetingRelay>();
        }

        return builder;
    }

    /// <summary>What changed at a meeting (since it started) as CSV, for the minutes.</summary>
    public static WebApplication MapMeetings(this WebApplication app)
    {
        app.MapDownloads().MapFile("/plan/{id:int}/moede/{slug}/referat.csv", async (int id, string slug, string? siden, PlanCache plans, MeetingHistory meetings, CancellationToken cancellationToken) =>
        {
            if (await plans.GetAsync(id, cancellationToken) is not { } snapshot || MeetingScope.For(snapshot, slug) is not { } scope)
            {
                return Results.Text("Planen eller udvalget findes ikke.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }

            if (!DateTimeOffset.TryParse(siden, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            {
                return Results.Text("Angiv mødets start, fx ?siden=2026-05-12T08:00:00Z.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            var entries = await meetings.SinceAsync(snapshot, scope, since.UtcDateTime, cancellationToken);
            return Results.File(HistoryCsv.Write(entries), "text/csv; charset=utf-8", $"referat-{scope.Slug}-{IsoDate.Format(since.UtcDateTime)}.csv");
        })
        .Described(ApiTags.Meetings, "Hent ændringerne fra et møde som CSV",
            "What changed in a committee's items since the meeting started, as CSV for the minutes. `siden` is the meeting's start (ISO 8601, e.g. 2026-05-12T08:00:00Z) and is required.")
        .AnswersFile("text/csv", StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }
}
