using Microsoft.EntityFrameworkCore;
using Udmoentning.Web.Data;
using Udmoentning.Web.Data.Providers;

namespace Udmoentning.Web.Administration;

/// <summary>
/// A change that could leave no administrator (a role taken away, an account disabled) checks and changes inside one
/// transaction that holds a lock for the purpose, on every node: two administrators demoting each other at the same moment
/// each saw the other still there, and both went. The lock is the transaction's own, released at commit or rollback:
/// PostgreSQL's transaction advisory lock, SQL Server's application lock (not run here; its T-SQL is parsed offline),
/// and on SQLite the write lock its transactions take when they begin.
/// </summary>
public static class AdministratorsLock
{
    public const string Name = "Udmoentning.Administrators";

    /// <summary>The PostgreSQL advisory-lock key: "UdmAdm" in ASCII, apart from the preparation lock's.</summary>
    public const long PostgresKey = 0x55646D41646D;

    /// <summary>T-SQL, checked offline by MigrationTests; Transaction owner, so commit or rollback releases it.</summary>
    public const string SqlServerAcquire =
        "EXEC sp_getapplock @Resource = N'" + Name + "', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 30000;";

    /// <summary>
    /// Runs <paramref name="change"/> (a Danish refusal, or null when done) in a transaction on <paramref name="db"/>, the
    /// context the user manager writes through, holding the lock; commits only when the change was done.
    /// </summary>
    public static Task<string?> RunAsync(PlanDbContext db, DatabaseProvider provider, Func<Task<string?>> change) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            switch (provider)
            {
                case DatabaseProvider.Postgres:
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresKey})");
                    break;
                case DatabaseProvider.SqlServer:
                    await db.Database.ExecuteSqlRawAsync(SqlServerAcquire);
                    break;
                default:
                    // SQLite: BeginTransaction is BEGIN IMMEDIATE, the database's one write lock.
                    break;
            }

            var refusal = await change();
            if (refusal is null)
            {
                await transaction.CommitAsync();
            }

            return refusal;
        });
}
