using Microsoft.EntityFrameworkCore;

namespace Udmoentning.Web.Data.Providers;

// One context type per provider, so each provider keeps its own migrations set
// (EF Core docs, "Migrations with Multiple Providers").

public sealed class SqlitePlanDbContext(DbContextOptions<SqlitePlanDbContext> options) : PlanDbContext(options);

public sealed class SqlServerPlanDbContext(DbContextOptions<SqlServerPlanDbContext> options) : PlanDbContext(options);

public sealed class PostgresPlanDbContext(DbContextOptions<PostgresPlanDbContext> options) : PlanDbContext(options);
