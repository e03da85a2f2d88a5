using Udmoentning.Web.Meetings;

namespace Udmoentning.Web.Extensions;

public static class MeetingExtensions
{
    /// <summary>
    /// Meeting mode: who presents which meeting and what it shows (in memory on each node; with Redis shared by every
    /// node), and what changed around it.
    /// </summary>
    public static IHostApplicationBuilder AddMeetings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MeetingRegistry>();
        builder.Services.AddSingleton<MeetingHistory>();
        if (builder.Configuration[RealtimeExtensions.RedisSetting] is { Length: > 0 })
        {
            builder.Services.AddHostedService<RedisMeetingRelay>();
        }

        return builder;
    }
}
