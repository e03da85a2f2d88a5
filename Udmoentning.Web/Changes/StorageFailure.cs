using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Changes;

/// <summary>
/// The database could not be reached or did not answer: a <see cref="DbException"/> or <see cref="TimeoutException"/>,
/// alone or inside what EF Core wraps it in (<see cref="DbUpdateException"/>, the transient-failure
/// <see cref="InvalidOperationException"/>, <see cref="RetryLimitExceededException"/>). A refused constraint is not an outage, and
/// any other exception is a bug: neither is caught here.
/// </summary>
public static class StorageFailure
{
    public const string NotSaved = "Databasen kan ikke nås lige nu. Ændringen er ikke gemt – prøv igen.";

    public const string NotRead = "Databasen kan ikke nås lige nu. Prøv igen om lidt.";

    public static bool Is(Exception exception)
    {
        if (exception is DbUpdateConcurrencyException or OperationCanceledException)
        {
            return false;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException db)
            {
                return !IsConstraint(db);
            }

            if (e is TimeoutException or RetryLimitExceededException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The database answered, and refused the data (a unique key, a foreign key, a text longer than its column): a refusal or
    /// a bug, not an outage. A too-long text once reached a user as "Databasen kan ikke nås" on PostgreSQL, where SQLite had
    /// stored it.
    /// </summary>
    private static bool IsConstraint(DbException e) => e switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        // integrity_constraint_violation (23…) and data_exception (22…: a value too long or out of range)
        PostgresException postgres => postgres.SqlState.StartsWith("23", StringComparison.Ordinal) || postgres.SqlState.StartsWith("22", StringComparison.Ordinal),
        // keys, foreign keys, NULL; and "String or binary data would be truncated" (8152, 2628)
        SqlException sqlServer => sqlServer.Number is 2627 or 2601 or 547 or 515 or 8152 or 2628,
        _ => false,
    };

    /// <summary>
    /// Runs <paramref name="work"/> under the provider's execution strategy, so a retrying strategy (SQL Server, PostgreSQL)
    /// may run it again, whole, with its own transaction. The work must make its own context each time it runs.
    /// </summary>
    public static async Task<T> InStrategyAsync<T>(this IDbContextFactory<PlanDbContext> contexts, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(work);
    }

    /// <summary>Runs a change; a storage failure is logged and becomes <paramref name="unavailable"/>, with nothing saved.</summary>
    public static async Task<T> GuardAsync<T>(this ILogger logger, Func<Task<T>> work, Func<T> unavailable)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (Is(e))
        {
            logger.LogWarning(e, "The database could not be reached; the change was not saved");
            return unavailable();
        }
    }

    /// <summary>Reads something to show; a storage failure is logged and gives null, so the page can say so and live on.</summary>
    public static async Task<T?> ReadAsync<T>(this ILogger logger, Func<Task<T>> read)
        where T : class?
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (Is(e))
        {
            logger.LogWarning(e, "The database could not be reached; nothing to show");
            return null;
        }
    }
}
