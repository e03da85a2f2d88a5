using Microsoft.Data.SqlClient;
using Npgsql;
using Udmoentning.Web.Data.Providers;

namespace Udmoentning.Web.Data;

/// <summary>
/// One node at a time prepares the database (migrations, roles, first administrator, sample plan, data-protection key):
/// without it, nodes starting together on an empty database each insert the same roles and one fails on a unique index.
/// The lock is held on a connection of its own, outside the work it guards, and released when disposed.
/// </summary>
public static class PreparationLock
{
    public const string Name = "Udmoentning.Prepare";

    /// <summary>The PostgreSQL advisory-lock key: "UdmPrep" in ASCII, apart from the key EF Core uses for migrations.</summary>
    public const long PostgresKey = 0x55646D50726570;

    /// <summary>T-SQL, checked offline by MigrationTests; Session owner, so the lock outlives the transactions it guards.</summary>
    public const string SqlServerAcquire =
        "DECLARE @result int; " +
        "EXEC @result = sp_getapplock @Resource = N'" + Name + "', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = 600000; " +
        "SELECT @result;";

    public const string SqlServerRelease = "EXEC sp_releaseapplock @Resource = N'" + Name + "', @LockOwner = N'Session';";

    /// <summary>How long a node waits for another node's preparation before it gives up.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromMinutes(10);

    public static Task<IAsyncDisposable> AcquireAsync(DatabaseProvider provider, string connectionString, CancellationToken cancellationToken = default) =>
        provider switch
        {
            DatabaseProvider.Sqlite => SqliteLockFileAsync(connectionString, cancellationToken),
            DatabaseProvider.SqlServer => SqlServerAppLockAsync(connectionString, cancellationToken),
            DatabaseProvider.Postgres => PostgresAdvisoryLockAsync(connectionString, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };

    private static async Task<IAsyncDisposable> PostgresAdvisoryLockAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Not pooled: closing the connection ends the session, and with it the lock, whatever happens.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = (int)Wait.TotalSeconds })
        {
            command.Parameters.AddWithValue("key", PostgresKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new Held(async () =>
        {
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection))
            {
                command.Parameters.AddWithValue("key", PostgresKey);
                await command.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        });
    }

    private static async Task<IAsyncDisposable> SqlServerAppLockAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(new SqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var command = new SqlCommand(SqlServerAcquire, connection) { CommandTimeout = (int)Wait.TotalSeconds + 60 })
        {
            // 0: granted, 1: granted after waiting; below 0: timed out, cancelled, chosen as deadlock victim or an error.
            var result = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (result < 0)
            {
                await connection.DisposeAsync();
                throw new StartupException(
                    $"Another node has been preparing the database for more than {Wait.TotalMinutes} minutes (sp_getapplock {Name} returned {result}). " +
                    "Check that no migration is stuck, then start again.");
            }
        }

        return new Held(async () =>
        {
            await using (var command = new SqlCommand(SqlServerRelease, connection))
            {
                await command.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        });
    }

    /// <summary>
    /// Several nodes on one SQLite file is not supported in production; this serialises processes on one machine
    /// (and hosts in one process) with an exclusive lock on a file beside the database. The file is left in place:
    /// deleting it would let a waiting process lock a file that is no longer the one the others see.
    /// </summary>
    private static async Task<IAsyncDisposable> SqliteLockFileAsync(string connectionString, CancellationToken cancellationToken)
    {
        if (DatabaseProviders.SqliteFile(connectionString) is not { } database)
        {
            return new Held(() => ValueTask.CompletedTask);
        }

        var path = database + ".prepare-lock";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new Held(file.DisposeAsync);
            }
            catch (IOException) when (waited.Elapsed < Wait)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }

    private sealed class Held(Func<ValueTask> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => release();
    }
}
