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
        var circuits = builder.Configuration.GetSection(CircuitSettings.Section).Get<CircuitSettings>() ?? new CircuitSettings();
        builder.Services.AddSingleton(circuits);
        builder.Services.AddSingleton<CircuitCounts>();
        builder.Services.AddScoped<CircuitAdmission>();
        builder.Services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitAdmission>());
        builder.Services.Configure<CircuitOptions>(options =>
        {
            // Enough for a meeting room of laptops that sleep, short enough that abandoned tabs free their memory soon.
            options.DisconnectedCircuitMaxRetained = circuits.DisconnectedMaxRetained;
            options.DisconnectedCircuitRetentionPeriod = circuits.DisconnectedRetention;
        });
        return builder;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        app.MapHub<PlanHub>(PlanHub.Path);
        return app;
    }
}
