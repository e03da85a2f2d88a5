using Microsoft.EntityFrameworkCore;
using Udmoentning.Web.Data.Providers;
using Udmoentning.Web.Data.Sample;

namespace Udmoentning.Web.Data;

/// <summary>Brings the database up to date at start-up and seeds the sample plan into an empty one.</summary>
public static class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var provider = app.Services.GetRequiredService<DatabaseSettings>();
        var factory = app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        try
        {
            await db.Database.MigrateAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var name = DatabaseProviders.ConnectionStringName(provider.Provider);
            throw new StartupException(
                $"Cannot open or migrate the {provider.Provider} database: {e.GetBaseException().Message} " +
                $"Check that the database server is running and reachable, and the connection string ConnectionStrings:{name} " +
                $"(or choose another provider with {DatabaseProviders.ProviderSetting}).", e);
        }

        // The sample plan is for trying the app: seeded in Development, or when asked for explicitly; never into production by default.
        if (app.Configuration.GetValue("Database:SeedSamplePlan", app.Environment.IsDevelopment()))
        {
            await SampleSeeder.SeedIfEmptyAsync(db, app.Configuration.GetValue("Database:SampleItemCount", 0));
        }
    }
}

/// <summary>The chosen provider, for messages and provider-specific start-up work.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider);
