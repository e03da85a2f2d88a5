using Udmoentning.Web.Data.Providers;

namespace Udmoentning.Web.Data.Backup;

/// <summary>
/// <c>dotnet Udmoentning.Web.dll backup FILE</c> copies the SQLite database while the app runs; <c>restore FILE</c> puts a
/// copy back while it does not (<see cref="SqliteBackup"/>). PostgreSQL and SQL Server are backed up with their own tools
/// (docs/deploy.md). Starts no web server.
/// </summary>
public static class BackupCommand
{
    public const string Backup = "backup";

    public const string Restore = "restore";

    public static bool IsRequested(string[] args) => args is [Backup or Restore, ..];

    public static void Configure(WebApplicationBuilder builder, string[] args)
    {
        if (IsRequested(args))
        {
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }
    }

    public static int Run(WebApplication app, string[] args)
    {
        if (args is not [var command, var file])
        {
            Console.Error.WriteLine($"Usage: dotnet Udmoentning.Web.dll {Backup} FILE, or {Restore} FILE.");
            return 2;
        }

        var provider = app.Services.GetRequiredService<DatabaseSettings>().Provider;
        if (provider != DatabaseProvider.Sqlite)
        {
            Console.Error.WriteLine($"The database is {provider}: back it up and restore it with its own tools (pg_dump and pg_restore, or BACKUP DATABASE and RESTORE DATABASE); docs/deploy.md says how.");
            return 2;
        }

        var connectionString = DatabaseProviders.ConnectionString(app.Configuration, provider, app.Environment);
        try
        {
            var done = command == Backup ? SqliteBackup.Create(connectionString, file) : SqliteBackup.Restore(connectionString, file);
            Console.WriteLine(command == Backup
                ? $"Backed up {SqliteBackup.DatabaseFile(connectionString)} to {done.File}: {done.Items} items, {done.HistoryRecords} history records."
                : $"Restored {Path.GetFullPath(file)} to {done.File}: {done.Items} items, {done.HistoryRecords} history records. Start the app.");
            return 0;
        }
        catch (BackupException e)
        {
            Console.Error.WriteLine($"Udmøntning cannot {command}: {e.Message}");
            return 1;
        }
    }
}
