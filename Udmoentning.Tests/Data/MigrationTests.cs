using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Udmoentning.Web.Data;
using Udmoentning.Web.Data.Providers;

namespace Udmoentning.Tests.Data;

/// <summary>Every provider's migrations match the model; SQL Server, which cannot run here, is checked offline.</summary>
public class MigrationTests
{
    public static TheoryData<DatabaseProvider> Providers => [.. Enum.GetValues<DatabaseProvider>()];

    [Theory]
    [MemberData(nameof(Providers))]
    public void NoModelChangeIsMissingAMigration(DatabaseProvider provider)
    {
        using var db = Offline(provider);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations are behind the model: add a migration (see README).");
    }

    [Fact]
    public void TheSqlServerIdempotentScriptParsesWithoutErrors()
    {
        var script = SqlServerScript();

        var errors = Parse(script);

        Assert.Contains("CREATE TABLE [PlanItems]", script);
        Assert.Contains("IF NOT EXISTS", script);
        Assert.Empty(errors.Select(e => $"line {e.Line}: {e.Message}"));
    }

    [Fact]
    public void TheScriptCheckCatchesABrokenScript()
    {
        var broken = SqlServerScript().Replace("CREATE TABLE [PlanItems] (", "CREATE TABLE [PlanItems] ((", StringComparison.Ordinal);

        Assert.NotEmpty(Parse(broken));
    }

    /// <summary>The lock nodes take while one of them prepares the database; no SQL Server runs here, so its T-SQL is parsed.</summary>
    [Fact]
    public void TheSqlServerPreparationLockParsesWithoutErrors()
    {
        Assert.Empty(Parse(PreparationLock.SqlServerAcquire));
        Assert.Empty(Parse(PreparationLock.SqlServerRelease));
        Assert.NotEmpty(Parse(PreparationLock.SqlServerAcquire.Replace("EXEC @result =", "EXEC @result ==", StringComparison.Ordinal)));
    }

    /// <summary>The lock a change that could leave no administrator takes in its transaction; parsed, as above.</summary>
    [Fact]
    public void TheSqlServerAdministratorsLockParsesWithoutErrors()
    {
        Assert.Empty(Parse(Udmoentning.Web.Administration.AdministratorsLock.SqlServerAcquire));
        Assert.Contains("@LockOwner = N'Transaction'", Udmoentning.Web.Administration.AdministratorsLock.SqlServerAcquire, StringComparison.Ordinal);
        Assert.NotEmpty(Parse(Udmoentning.Web.Administration.AdministratorsLock.SqlServerAcquire.Replace("EXEC sp_getapplock", "EXEC sp_getapplock ==", StringComparison.Ordinal)));
    }

    private static string SqlServerScript()
    {
        using var db = Offline(DatabaseProvider.SqlServer);
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    private static IList<ParseError> Parse(string script)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);
        return errors;
    }

    /// <summary>A context for the provider that never connects: enough for the model, migrations and scripts.</summary>
    private static PlanDbContext Offline(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqlitePlanDbContext(Options<SqlitePlanDbContext>(provider, "Data Source=offline.db")),
        DatabaseProvider.SqlServer => new SqlServerPlanDbContext(Options<SqlServerPlanDbContext>(provider, "Server=offline;Database=Udmoentning")),
        DatabaseProvider.Postgres => new PostgresPlanDbContext(Options<PostgresPlanDbContext>(provider, "Host=offline;Database=udmoentning")),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    private static DbContextOptions<T> Options<T>(DatabaseProvider provider, string connectionString)
        where T : DbContext
    {
        var options = new DbContextOptionsBuilder<T>();
        DatabaseProviders.Configure(options, provider, connectionString);
        return options.Options;
    }
}
