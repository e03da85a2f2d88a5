using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Udmoentning.Benchmarks.Harness;

/// <summary>The app in this process for a scenario that calls its services directly (the import, the ledger extract).</summary>
public static class InProcessApp
{
    /// <summary>
    /// Development settings on a SQLite file of its own in <paramref name="folder"/>, the sample plan seeded around the
    /// harness's day (<paramref name="items"/> items; 0 for the sample's own), and warnings only in the log.
    /// </summary>
    public static WebApplicationFactory<Program> OnSqlite(DirectoryInfo folder, string name, int items = 0) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(folder.FullName, $"{name}.db")}");
            builder.UseSetting("Database:SampleItemCount", items.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Database:SampleDate", AppServer.SampleDate);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
}
