using Microsoft.Data.Sqlite;
using Udmoentning.Web.Data.Providers;

namespace Udmoentning.Web.Data.Backup;

/// <summary>What a backup or a restore copied: the file, and how many items and history records it holds.</summary>
public sealed record BackupSummary(string File, int Items, int HistoryRecords);

/// <summary>
/// A copy of the SQLite database taken while the app runs and writes, and putting one back. SQLite's online backup copies
/// every page inside one read transaction, so the copy is the database as it stood at one moment: an item and its history
/// records are either both in it or both not. A restore copies the same way into the app's file, and only while no app
/// runs on it (<see cref="SqliteRunLock"/>).
/// </summary>
public static class SqliteBackup
{
    private const int BusyAttempts = 100;

    private static readonly TimeSpan BusyWait = TimeSpan.FromMilliseconds(100);

    public static BackupSummary Create(string connectionString, string file)
    {
        var target = Path.GetFullPath(file);
        if (File.Exists(target))
        {
            throw new BackupException($"{target} exists already. Choose a new file name, or remove the old file first.");
        }

        using (var source = Open(connectionString, SqliteOpenMode.ReadOnly))
        using (var copy = Open(FileConnection(target, SqliteOpenMode.ReadWriteCreate), SqliteOpenMode.ReadWriteCreate))
        {
            // A writer that is checkpointing the write-ahead log can make the backup's first read busy for a moment (seen
            // under a sixteen-writer storm): try again shortly, as a reader of the database waits for a writer.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    source.BackupDatabase(copy);
                    break;
                }
                catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < BusyAttempts)
                {
                    Thread.Sleep(BusyWait);
                }
            }
        }

        return Check(target);
    }

    public static BackupSummary Restore(string connectionString, string file)
    {
        var backup = Path.GetFullPath(file);
        if (!File.Exists(backup))
        {
            throw new BackupException($"{backup} does not exist.");
        }

        Check(backup);
        var database = DatabaseFile(connectionString);
        using var running = SqliteRunLock.TryTake(database)
            ?? throw new BackupException($"The app is running on {database}. Stop it first; a backup can be taken while it runs, a restore cannot.");
        using (var source = Open(FileConnection(backup, SqliteOpenMode.ReadOnly), SqliteOpenMode.ReadOnly))
        using (var target = Open(connectionString, SqliteOpenMode.ReadWriteCreate))
        {
            source.BackupDatabase(target);
        }

        return Check(database);
    }

    /// <summary>The database file a SQLite connection string names; an in-memory database has none to copy.</summary>
    public static string DatabaseFile(string connectionString) =>
        DatabaseProviders.SqliteFile(connectionString) ?? throw new BackupException("The database is in memory: there is no file to back up or restore.");

    /// <summary>The file is a whole SQLite database of this app: SQLite finds nothing wrong in it, and it has plans.</summary>
    private static BackupSummary Check(string file)
    {
        using var connection = Open(FileConnection(file, SqliteOpenMode.ReadOnly), SqliteOpenMode.ReadOnly);
        string problem;
        try
        {
            problem = Scalar<string>(connection, "PRAGMA integrity_check") ?? "no answer";
        }
        catch (SqliteException e)
        {
            throw new BackupException($"{file} is not a SQLite database ({e.Message}).");
        }

        if (problem != "ok")
        {
            throw new BackupException($"{file} is damaged: {problem}");
        }

        if (Scalar<long>(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('PlanItems', 'ItemHistory')") != 2)
        {
            throw new BackupException($"{file} is not a database of Udmøntning (it has no plan items).");
        }

        return new BackupSummary(file, (int)Scalar<long>(connection, "SELECT count(*) FROM PlanItems"), (int)Scalar<long>(connection, "SELECT count(*) FROM ItemHistory"));
    }

    private static string FileConnection(string file, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString();

    private static SqliteConnection Open(string connectionString, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Mode = mode, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        return connection;
    }

    private static T? Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T?)command.ExecuteScalar();
    }
}

/// <summary>A backup or restore that cannot be done, and why, for the operator.</summary>
public sealed class BackupException(string message) : Exception(message);
