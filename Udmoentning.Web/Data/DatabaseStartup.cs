using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Web.Access;
using Udmoentning.Web.Data.Providers;
using Udmoentning.Web.Data.Sample;

namespace Udmoentning.Web.Data;

/// <summary>
/// Prepares the database (migrations, roles, first administrator, sample plan, data-protection key), one node at a time;
/// or, when nodes are told not to, checks at start-up that the migrate step has done it.
/// </summary>
public static class DatabaseStartup
{
    public const string MigrateAtStartupSetting = "Database:MigrateAtStartup";

    private const string RunMigrate =
        "Run `dotnet Udmoentning.Web.dll " + MigrateCommand.Name + "` with the same settings once, then start the nodes " +
        "(or set " + MigrateAtStartupSetting + "=true on one node only).";

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue(MigrateAtStartupSetting, true))
        {
            foreach (var done in await app.MigrateAndSeedAsync())
            {
                app.Logger.LogInformation("{Preparation}", done);
            }
        }
        else
        {
            await app.CheckPreparedAsync();
        }

        if (await app.NobodyCanSignInAsync() is { } warning)
        {
            app.Logger.LogCritical("{Warning}", warning);
        }
    }

    /// <summary>Does every step that is not done yet, under a database-wide lock, and says what it did.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAndSeedAsync(this WebApplication app)
    {
        var provider = app.Services.GetRequiredService<DatabaseSettings>().Provider;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync();
        IAsyncDisposable held;
        try
        {
            // A server database's lock needs the database, so it is created first. SQLite's lock is a file beside the
            // database, and migrating creates the database under it: no node opens a file that another is still creating.
            if (provider != DatabaseProvider.Sqlite)
            {
                await CreateIfMissingAsync(db.GetService<IRelationalDatabaseCreator>());
            }

            held = await PreparationLock.AcquireAsync(provider, db.Database.GetConnectionString()!);
        }
        catch (Exception e) when (e is not OperationCanceledException and not StartupException)
        {
            throw CannotOpen(provider, e);
        }

        await using (held)
        {
            // Settings that would stop the preparation halfway stop it before anything changes.
            try
            {
                var fresh = !(await db.Database.GetAppliedMigrationsAsync()).Any();
                await app.CheckAdministratorSettingsAsync(async name => !fresh && await db.Users.AnyAsync(u => u.NormalizedUserName == name.ToUpperInvariant()));
            }
            catch (Exception e) when (e is not OperationCanceledException and not StartupException)
            {
                throw CannotOpen(provider, e);
            }

            return await PrepareAsync(app, db, provider);
        }
    }

    private static async Task<IReadOnlyList<string>> PrepareAsync(WebApplication app, PlanDbContext db, DatabaseProvider provider)
    {
        var done = new List<string>();
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            await db.Database.MigrateAsync();
            done.Add(pending.Count == 0 ? "The database schema was up to date." : $"Applied {Migrations(pending)}: {string.Join(", ", pending)}.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw CannotOpen(provider, e);
        }

        done.AddRange(await app.PrepareAccessAsync());

        // The sample plan is for trying the app: seeded in Development, or when asked for explicitly; never into production by default.
        if (app.Configuration.GetValue("Database:SeedSamplePlan", app.Environment.IsDevelopment()))
        {
            // Placed around the day it is seeded, so a demo has meetings behind it and ahead; Database:SampleDate pins that day.
            var day = app.Configuration.GetValue<DateOnly?>("Database:SampleDate") ?? DanishTime.Today(app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            var seeded = await SampleSeeder.SeedIfEmptyAsync(db, SampleCalendar.For(day), app.Configuration.GetValue("Database:SampleItemCount", 0));
            done.Add(seeded ? "Seeded the sample plan." : "The sample plan was not seeded: the database already has a plan.");
        }

        done.Add(EnsureDataProtectionKey(app.Services));

        return done;
    }

    private static async Task CheckPreparedAsync(this WebApplication app)
    {
        var provider = app.Services.GetRequiredService<DatabaseSettings>().Provider;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync();
        List<string> pending, roles;
        try
        {
            pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            roles = pending.Count == 0 ? await db.Roles.Select(r => r.Name!).ToListAsync() : [];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw CannotOpen(provider, e);
        }

        if (pending.Count > 0)
        {
            throw new StartupException($"The database is {Migrations(pending)} behind ({string.Join(", ", pending)}). {RunMigrate}");
        }

        var missing = Enum.GetNames<Role>().Except(roles).ToList();
        if (missing.Count > 0)
        {
            throw new StartupException($"The database has not been prepared: the roles {string.Join(", ", missing)} are missing. {RunMigrate}");
        }
    }

    private static async Task CreateIfMissingAsync(IRelationalDatabaseCreator creator)
    {
        if (await creator.ExistsAsync())
        {
            return;
        }

        try
        {
            await creator.CreateAsync();
        }
        catch (Exception) when (creator.Exists())
        {
            // Another node created it in the meantime.
        }
    }

    /// <summary>Makes sure a key exists before the nodes start, so they all use it instead of each making its own.</summary>
    private static string EnsureDataProtectionKey(IServiceProvider services)
    {
        var keys = services.GetRequiredService<IKeyManager>();
        var now = DateTimeOffset.UtcNow;
        if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
        {
            return "A data-protection key is in the database.";
        }

        keys.CreateNewKey(now, now + services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.NewKeyLifetime);
        return "Created a data-protection key in the database, shared by every node.";
    }

    private static string Migrations(List<string> names) => names.Count == 1 ? "1 migration" : $"{names.Count} migrations";

    private static StartupException CannotOpen(DatabaseProvider provider, Exception e)
    {
        var name = DatabaseProviders.ConnectionStringName(provider);
        return new StartupException(
            $"Cannot open or migrate the {provider} database: {e.GetBaseException().Message} " +
            $"Check that the database server is running and reachable, and the connection string ConnectionStrings:{name} " +
            $"(or choose another provider with {DatabaseProviders.ProviderSetting}).", e);
    }
}

/// <summary>The chosen provider, for messages and provider-specific start-up work.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider);
