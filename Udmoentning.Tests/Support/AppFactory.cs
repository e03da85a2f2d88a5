using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Udmoentning.Tests.Support;

/// <summary>The real app on a fresh SQLite file of its own, with the sample plan seeded at start-up.</summary>
public class AppFactory(int itemCount = 0) : WebApplicationFactory<Program>
{
    public AppFactory()
        : this(0)
    {
    }

    public string DatabaseFile { get; } = TestDatabases.NewSqliteFile();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", TestDatabases.SqliteConnectionString(DatabaseFile));
        builder.UseSetting("Database:SampleItemCount", itemCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
