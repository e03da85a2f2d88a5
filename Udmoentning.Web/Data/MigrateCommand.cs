using Udmoentning.Web.Access;

namespace Udmoentning.Web.Data;

/// <summary>
/// <c>dotnet Udmoentning.Web.dll migrate</c>: prepares the database once per deploy, with the app's own settings, and starts
/// no web server; nodes started with <c>Database:MigrateAtStartup=false</c> then only check that it was done.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public const string Verbose = "--verbose";

    public static bool IsRequested(string[] args) => args is [Name, ..];

    /// <summary>
    /// The command says what it did in a few lines: EF's log of every SQL command and migration step, and the host's start-up
    /// lines, only with <c>migrate --verbose</c>.
    /// </summary>
    public static void Configure(WebApplicationBuilder builder, string[] args)
    {
        if (!IsRequested(args))
        {
            return;
        }

        var verbose = args.Contains(Verbose);
        // EF reads the migration history before it creates the table on a new database and logs that read's failure as
        // an error: on a first deploy that reads like a failed one. A real failure stops the command with its own message.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", verbose ? LogLevel.Information : LogLevel.None);
        // EF's advice to migration authors (SQLite's PRAGMA outside a transaction) is not the operator's business.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Migrations", verbose ? LogLevel.Information : LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.Hosting", verbose ? LogLevel.Information : LogLevel.Warning);
    }

    public static async Task<int> RunAsync(WebApplication app)
    {
        try
        {
            foreach (var done in await app.MigrateAndSeedAsync())
            {
                Console.WriteLine(done);
            }

            if (await app.NobodyCanSignInAsync() is { } warning)
            {
                Console.WriteLine($"Warning: {warning}");
            }

            Console.WriteLine("The database is ready; start the nodes.");
            return 0;
        }
        catch (StartupException e)
        {
            await Console.Error.WriteLineAsync($"Udmøntning cannot prepare the database: {e.Message}");
            return 1;
        }
    }
}
