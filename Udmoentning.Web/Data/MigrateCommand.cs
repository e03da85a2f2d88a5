namespace Udmoentning.Web.Data;

/// <summary>
/// <c>dotnet Udmoentning.Web.dll migrate</c>: prepares the database once per deploy, with the app's own settings, and starts
/// no web server; nodes started with <c>Database:MigrateAtStartup=false</c> then only check that it was done.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static bool IsRequested(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(WebApplication app)
    {
        try
        {
            foreach (var done in await app.MigrateAndSeedAsync())
            {
                Console.WriteLine(done);
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
