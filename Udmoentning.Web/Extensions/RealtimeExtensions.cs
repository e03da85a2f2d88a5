using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Extensions;

public static class RealtimeExtensions
{
    /// <summary>The change feed and the hub.</summary>
    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LocalChangeFeed>();
        builder.Services.AddSingleton<IChangeTransport, InProcessChangeTransport>();
        builder.Services.AddSingleton<PlanChangePublisher>();
        builder.Services.AddScoped<CircuitConnection>();
        builder.Services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
        builder.Services.Configure<CircuitOptions>(options =>
        {
            // A meeting room full of laptops that sleep: keep more disconnected viewers, a little longer.
            options.DisconnectedCircuitMaxRetained = 1000;
            options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(10);
        });
        return builder;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        app.MapHub<PlanHub>(PlanHub.Path);
        return app;
    }
}
