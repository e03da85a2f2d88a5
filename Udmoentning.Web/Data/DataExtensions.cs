using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Web.Data;
using Udmoentning.Web.Data.Backup;
using Udmoentning.Web.Data.Providers;

namespace Udmoentning.Web.Data;

public static class DataExtensions
{
    public const string DataProtectionApplicationName = "Udmoentning";

    /// <summary>Registers the plan's storage on the provider named by <c>Database:Provider</c>.</summary>
    public static IHostApplicationBuilder AddPlanningData(this IHostApplicationBuilder builder)
    {
        var provider = DatabaseProviders.Parse(builder.Configuration[DatabaseProviders.ProviderSetting]);
        var connectionString = DatabaseProviders.ConnectionString(builder.Configuration, provider, builder.Environment);
        var services = builder.Services;
        services.AddSingleton(new DatabaseSettings(provider));

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                Register<SqlitePlanDbContext>(services, provider, connectionString);
                if (DatabaseProviders.SqliteFile(connectionString) is { } database)
                {
                    services.AddHostedService(sp => new SqliteRunLock(database, sp.GetRequiredService<ILogger<SqliteRunLock>>()));
                }

                break;
            case DatabaseProvider.SqlServer:
                Register<SqlServerPlanDbContext>(services, provider, connectionString);
                break;
            case DatabaseProvider.Postgres:
                Register<PostgresPlanDbContext>(services, provider, connectionString);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }

        return builder;
    }

    private static void Register<TContext>(IServiceCollection services, DatabaseProvider provider, string connectionString)
        where TContext : PlanDbContext
    {
        services.AddDbContextFactory<TContext>(options => DatabaseProviders.Configure(options, provider, connectionString));
        services.AddSingleton<IDbContextFactory<PlanDbContext>, PlanDbContextFactory<TContext>>();

        // Keys in the app's own database, under one application name: a cookie or antiforgery token issued by one node
        // is read by every other node on the same database, whatever its path or machine.
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName).PersistKeysToDbContext<TContext>();
    }
}
