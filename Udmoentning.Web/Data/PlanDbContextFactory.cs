using Microsoft.EntityFrameworkCore;

namespace Udmoentning.Web.Data;

/// <summary>Lets the app ask for a <see cref="PlanDbContext"/> whatever provider is configured.</summary>
internal sealed class PlanDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PlanDbContext>
    where TContext : PlanDbContext
{
    public PlanDbContext CreateDbContext() => inner.CreateDbContext();
}
