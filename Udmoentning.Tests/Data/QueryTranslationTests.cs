using Microsoft.EntityFrameworkCore;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data;
using Udmoentning.Web.Data.Providers;

namespace Udmoentning.Tests.Data;

/// <summary>The check that every query runs on every provider (<see cref="QueryCapture"/>) finds what it is meant to find.</summary>
public class QueryTranslationTests
{
    [Fact]
    public async Task AQueryPostgresCannotTranslateIsFoundWithoutAServer()
    {
        var capture = new QueryCapture();
        await using (var db = Sqlite(capture))
        {
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
            await db.Users.Where(u => u.DisplayName.Contains(' ')).Select(u => u.DisplayName).ToListAsync(TestContext.Current.CancellationToken);
            await db.Users.Where(u => u.DisplayName.Contains(" ")).Select(u => u.DisplayName).ToListAsync(TestContext.Current.CancellationToken);
        }

        var postgres = capture.TranslateAll(DatabaseProvider.Postgres);
        var sqlServer = capture.TranslateAll(DatabaseProvider.SqlServer);

        Assert.Equal(2, capture.Count);
        Assert.Equal(1, postgres.Translated);
        Assert.Contains("could not be translated", Assert.Single(postgres.Failures));
        Assert.Empty(sqlServer.Failures);
    }

    private static PlanDbContext Sqlite(QueryCapture capture)
    {
        var options = new DbContextOptionsBuilder<SqlitePlanDbContext>();
        DatabaseProviders.Configure(options, DatabaseProvider.Sqlite, TestDatabases.SqliteConnectionString(TestDatabases.NewSqliteFile()));
        options.AddInterceptors(capture);
        return new SqlitePlanDbContext(options.Options);
    }
}
