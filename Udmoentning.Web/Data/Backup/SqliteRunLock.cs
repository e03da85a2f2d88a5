namespace Udmoentning.Web.Data.Backup;

/// <summary>
/// While the app runs on a SQLite file it holds an exclusive lock on a file beside it ("…db.app-lock"), so that a restore
/// can tell that the app is running: copying a backup under a running app would leave its cached plans and its open
/// transactions looking at a database that is no longer there. A second app on the same file runs without the lock.
/// </summary>
public sealed class SqliteRunLock : IHostedService, IDisposable
{
    private readonly string _database;
    private readonly ILogger<SqliteRunLock> _logger;
    private FileStream? _lock;

    public SqliteRunLock(string database, ILogger<SqliteRunLock> logger)
    {
        _database = database;
        _logger = logger;
    }

    /// <summary>The lock on <paramref name="database"/>, or null while an app holds it.</summary>
    public static FileStream? TryTake(string database)
    {
        try
        {
            return new FileStream(database + ".app-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _lock = TryTake(_database);
        if (_lock is null)
        {
            _logger.LogWarning("Another app runs on {Database}; this one runs without its run lock", _database);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }
}
