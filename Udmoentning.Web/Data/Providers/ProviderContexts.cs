using Microsoft.EntityFrameworkCore;

namespace Udmoentning.Web.Data.Providers;

// One context type per provider, so each provider keeps its own migrations set
// (EF Core docs, "Migrations with Multiple Providers").

/// <summary>
/// The SQLite context: a save outside an explicit transaction takes its turn with the process's other saves to the same
/// file (<see cref="SqliteWriteGate"/>). Inside an explicit transaction the context may already hold SQLite's write lock,
/// so it does not wait for a turn that another writer, waiting for that lock, could be holding.
/// </summary>
public sealed class SqlitePlanDbContext(DbContextOptions<SqlitePlanDbContext> options) : PlanDbContext(options)
{
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SqliteWriteGate.Run(TurnDatabase(), () => base.SaveChanges(acceptAllChangesOnSuccess));

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SqliteWriteGate.RunAsync(TurnDatabase(), () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);

    /// <summary>The database whose turn a save takes: none inside an explicit transaction.</summary>
    private string? TurnDatabase() => Database.CurrentTransaction is null ? Database.GetConnectionString() : null;
}

public sealed class SqlServerPlanDbContext(DbContextOptions<SqlServerPlanDbContext> options) : PlanDbContext(options);

public sealed class PostgresPlanDbContext(DbContextOptions<PostgresPlanDbContext> options) : PlanDbContext(options);
