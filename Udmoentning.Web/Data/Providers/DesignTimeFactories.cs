using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Udmoentning.Web.Data.Providers;

// Used by `dotnet ef` to create each provider's context without a running database.
// The connection strings are placeholders: migrations are generated from the model alone.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePlanDbContext>
{
    public SqlitePlanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePlanDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerPlanDbContext>
{
    public SqlServerPlanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerPlanDbContext>().UseSqlServer("Server=design-time;Database=Udmoentning").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPlanDbContext>
{
    public PostgresPlanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPlanDbContext>().UseNpgsql("Host=design-time;Database=udmoentning").Options);
}
