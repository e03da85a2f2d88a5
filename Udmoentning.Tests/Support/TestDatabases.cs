using Microsoft.EntityFrameworkCore;
using Npgsql;
using Udmoentning.Web.Data;
using Udmoentning.Web.Data.Providers;

namespace Udmoentning.Tests.Support;

/// <summary>Real databases for tests: a fresh SQLite file, or a fresh database on the PostgreSQL server that ./test.sh starts.</summary>
internal static class TestDatabases
{
    public const string PostgresVariable = "UDM_TEST_POSTGRES";

    public static string NewSqliteFile() =>
        Path.Combine(Path.GetTempPath(), "udmoentning-tests", $"{Guid.NewGuid():N}.db");

    /// <summary>
    /// A connection string for <paramref name="file"/>, its folder created. Without the pool by default, so a test's file
    /// is closed when its last context is; with it, as the app runs.
    /// </summary>
    public static string SqliteConnectionString(string file, bool pooling = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return pooling ? $"Data Source={file}" : $"Data Source={file};Pooling=False";
    }

    public static Func<PlanDbContext> Sqlite(string connectionString) => () =>
    {
        var options = new DbContextOptionsBuilder<SqlitePlanDbContext>();
        DatabaseProviders.Configure(options, DatabaseProvider.Sqlite, connectionString);
        return new SqlitePlanDbContext(options.Options);
    };

    public static Func<PlanDbContext> Postgres(string connectionString) => () =>
    {
        var options = new DbContextOptionsBuilder<PostgresPlanDbContext>();
        DatabaseProviders.Configure(options, DatabaseProvider.Postgres, connectionString);
        return new PostgresPlanDbContext(options.Options);
    };

    /// <summary>Creates an empty database on the test server and returns its connection string.</summary>
    public static async Task<string> NewPostgresDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with ./test.sh, which starts a PostgreSQL server on 127.0.0.1.");
        }

        var name = $"udm_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
    }
}
