using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Udmoentning.Web.Data.Providers;

/// <summary>The supported databases, chosen by the setting <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

/// <summary>Reads the provider settings and configures EF Core for the chosen one.</summary>
public static class DatabaseProviders
{
    public const string ProviderSetting = "Database:Provider";

    // Transient failures (a fail-over, a dropped connection) are retried a few times, briefly: a user waiting on a save
    // gets "try again" within seconds rather than a minute. Work with its own transaction runs inside the strategy
    // (see StorageFailure.InStrategyAsync).
    private const int RetryCount = 3;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    public static DatabaseProvider Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new StartupException(
                $"Unknown database provider '{value}' in the setting {ProviderSetting}. " +
                $"Allowed values: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
    }

    /// <summary>The name of the connection string, under ConnectionStrings, that each provider reads.</summary>
    public static string ConnectionStringName(DatabaseProvider provider) => provider.ToString();

    /// <summary>Where a relative SQLite file goes outside Development; by default a folder of the user the app runs as.</summary>
    public const string DataFolderSetting = "Database:DataFolder";

    public static string ConnectionString(IConfiguration configuration, DatabaseProvider provider, IHostEnvironment environment)
    {
        var name = ConnectionStringName(provider);
        var value = configuration.GetConnectionString(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new StartupException(
                $"{ProviderSetting} is {provider}, but the connection string ConnectionStrings:{name} is missing. " +
                $"Set it in appsettings.json or the environment variable ConnectionStrings__{name}.");
        }

        return provider == DatabaseProvider.Sqlite ? PrepareSqliteFile(value, configuration, environment) : value;
    }

    /// <summary>
    /// The folder a relative SQLite file is resolved against: the project folder in Development (`dotnet run`), otherwise
    /// <c>Database:DataFolder</c>, by default the running user's local application data ("~/.local/share/Udmoentning",
    /// "%LOCALAPPDATA%\Udmoentning"): never the app's own folder, which the next deploy replaces.
    /// </summary>
    public static string DataFolder(IConfiguration configuration, IHostEnvironment environment) =>
        configuration[DataFolderSetting] is { Length: > 0 } folder ? Path.GetFullPath(folder, environment.ContentRootPath)
        : environment.IsDevelopment() ? environment.ContentRootPath
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "Udmoentning");

    /// <remarks>
    /// A query that loads several collections (an item's effects and checkpoints) joins them by default, as EF would, said
    /// here so EF does not warn about it: for one item, one joined query is as fast as three. The board's load of every item
    /// splits them instead (<c>PlanReader</c>).
    /// </remarks>
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                    .AddInterceptors(new SqlitePragmas());
                break;
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure(RetryCount, MaxRetryDelay, null)
                    .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(RetryCount, MaxRetryDelay, null)
                    .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }
    }

    /// <summary>The file a (prepared) SQLite connection string names, as a full path; null for an in-memory database.</summary>
    public static string? SqliteFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory ? null : Path.GetFullPath(builder.DataSource);
    }

    /// <summary>
    /// Resolves a relative SQLite file against the data folder and creates its folder. Outside Development a file inside the
    /// app's own folder stops start-up: it would be lost with the next deploy.
    /// </summary>
    private static string PrepareSqliteFile(string connectionString, IConfiguration configuration, IHostEnvironment environment)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return connectionString;
        }

        var folder = DataFolder(configuration, environment);
        var path = Path.GetFullPath(builder.DataSource, folder);
        if (!environment.IsDevelopment() && IsInside(path, AppContext.BaseDirectory))
        {
            throw new StartupException(
                $"The SQLite database {path} would be inside the app's folder {AppContext.BaseDirectory}, which the next deploy replaces. " +
                $"Give ConnectionStrings:Sqlite a path outside it, or a relative one with {DataFolderSetting} set to a folder outside it " +
                "(e.g. Database__DataFolder=/var/lib/udmoentning).");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        builder.DataSource = path;
        return builder.ToString();
    }

    private static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(folder), path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
