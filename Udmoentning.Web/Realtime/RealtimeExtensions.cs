using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Realtime;

public static class RealtimeExtensions
{
    /// <summary>A StackExchange.Redis connection string; set, every node hears every other node's changes through it.</summary>
    public const string RedisSetting = "Realtime:Redis";

    /// <summary>The change feed and the hub; with <see cref="RedisSetting"/>, for several nodes.</summary>
    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR().AddHubOptions<PlanHub>(options => options.AddFilter<HubCallLimiter>());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LocalChangeFeed>();
        if (RedisOptionsFrom(builder.Configuration) is { } redis)
        {
            builder.Services.AddSingleton(new RealtimeStatus(isConfigured: true));
            builder.Services.AddSingleton<IConnectionMultiplexer>(sp => ConnectionMultiplexer.Connect(redis));
            builder.Services.AddSingleton<RedisChangeTransport>();
            builder.Services.AddSingleton<IChangeTransport>(sp => sp.GetRequiredService<RedisChangeTransport>());
            builder.Services.AddHostedService<RedisChangeReceiver>();
            builder.Services.AddHostedService<RedisHeartbeatSender>();
        }
        else
        {
            builder.Services.AddSingleton(new RealtimeStatus(isConfigured: false));
            builder.Services.AddSingleton<IChangeTransport, InProcessChangeTransport>();
        }

        builder.Services.AddSingleton<PlanChangePublisher>();
        // Hub clients hear every node's changes from their own node's feed (no SignalR backplane), so they need no Redis.
        builder.Services.AddHostedService<HubRelay>();
        builder.Services.AddScoped<CircuitConnection>();
        builder.Services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
        builder.Services.AddTransient<LivePlan>();
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

    private static ConfigurationOptions? RedisOptionsFrom(IConfiguration configuration)
    {
        if (configuration[RedisSetting] is not { Length: > 0 } connectionString)
        {
            return null;
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new StartupException($"{RedisSetting} is not a valid StackExchange.Redis connection string (e.g. \"redis.example.org:6379,password=...,ssl=true\"): {e.Message}", e);
        }

        if (options.EndPoints.Count == 0)
        {
            throw new StartupException($"{RedisSetting} names no Redis server (e.g. \"redis.example.org:6379\").");
        }

        // A node starts, and serves its own viewers, while Redis is down; a change is not held back waiting for Redis.
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        // Back within about a second of Redis: the viewers' banner goes, and this node stops catching up from the database.
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        return options;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        app.MapHub<PlanHub>(PlanHub.Path);
        return app;
    }
}
