using Microsoft.AspNetCore.Components.Server.Circuits;
using Udmoentning.Web.Realtime.Presence;

namespace Udmoentning.Web.Realtime.Presence;

public static class PresenceExtensions
{
    /// <summary>Who looks at a board, a committee's view or a meeting now: in memory on each node; with Redis, across the nodes.</summary>
    public static IHostApplicationBuilder AddPresence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(PresenceSettings.From(builder.Configuration));
        builder.Services.AddSingleton<PresenceRegistry>();
        builder.Services.AddScoped<PresenceCircuit>();
        builder.Services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<PresenceCircuit>());
        if (builder.Configuration[RealtimeExtensions.RedisSetting] is { Length: > 0 })
        {
            builder.Services.AddSingleton<RedisPresenceRelay>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisPresenceRelay>());
        }

        return builder;
    }
}
