using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;
using Udmoentning.Web.Data;
using Udmoentning.Web.Data.Providers;

namespace Udmoentning.Tests.Support;

/// <summary>
/// Every LINQ query the app compiles while it runs on SQLite, kept so that each can be translated for the other
/// providers afterwards. SQL Server cannot run here, and a query PostgreSQL cannot translate fails only when it runs:
/// translating every query the pages and services built on SQLite finds both without a server (no SQL Server) and
/// without reaching the data-dependent path that runs it (PostgreSQL).
/// </summary>
public sealed class QueryCapture : IQueryExpressionInterceptor
{
    private readonly ConcurrentDictionary<string, Expression> _queries = new();

    public int Count => _queries.Count;

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        _queries.TryAdd(queryExpression.ToString(), queryExpression);
        return queryExpression;
    }

    /// <summary>
    /// Translates every captured query for <paramref name="provider"/>, as EF does before it runs one; returns how many were
    /// translated and, for each query that could not be, the query and EF's reason.
    /// </summary>
    public (int Translated, IReadOnlyList<string> Failures) TranslateAll(DatabaseProvider provider)
    {
        using var db = Offline(provider);
        var failures = new List<string>();
        var translated = 0;
        foreach (var (text, query) in _queries)
        {
            try
            {
                Translate(db, query);
                translated++;
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
            {
                failures.Add($"{text}\n  {e.GetType().Name}: {e.Message}");
            }
        }

        return (translated, failures);
    }

    private static PlanDbContext Offline(DatabaseProvider provider)
    {
        switch (provider)
        {
            case DatabaseProvider.SqlServer:
            {
                var options = new DbContextOptionsBuilder<SqlServerPlanDbContext>();
                DatabaseProviders.Configure(options, provider, "Server=offline;Database=Udmoentning");
                return new SqlServerPlanDbContext(options.Options);
            }

            case DatabaseProvider.Postgres:
            {
                var options = new DbContextOptionsBuilder<PostgresPlanDbContext>();
                DatabaseProviders.Configure(options, provider, "Host=offline;Database=udmoentning");
                return new PostgresPlanDbContext(options.Options);
            }

            default:
            {
                var options = new DbContextOptionsBuilder<SqlitePlanDbContext>();
                DatabaseProviders.Configure(options, provider, "Data Source=:memory:");
                return new SqlitePlanDbContext(options.Options);
            }
        }
    }

    /// <summary>Compiles <paramref name="query"/> (parameters already extracted, as the interceptor sees it) for <paramref name="db"/>.</summary>
    private static void Translate(PlanDbContext db, Expression query)
    {
        var onTarget = new QueryRoots(db.Model).Visit(query);
        var resultType = typeof(IQueryable).IsAssignableFrom(onTarget.Type)
            ? typeof(IEnumerable<>).MakeGenericType(onTarget.Type.GetGenericArguments()[0])
            : onTarget.Type;
        var database = db.GetService<IDatabase>();
        var compile = typeof(IDatabase).GetMethod(nameof(IDatabase.CompileQuery))!.MakeGenericMethod(resultType);
        try
        {
            compile.Invoke(database, [onTarget, false]);
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }

    /// <summary>Points a query's entity roots at the same entity types in another provider's model.</summary>
    private sealed class QueryRoots(Microsoft.EntityFrameworkCore.Metadata.IModel model) : ExpressionVisitor
    {
        protected override Expression VisitExtension(Expression node) => node switch
        {
            EntityQueryRootExpression root => new EntityQueryRootExpression(
                model.FindEntityType(root.EntityType.Name)
                ?? throw new InvalidOperationException($"The entity type {root.EntityType.Name} is not in the target model.")),
            _ => base.VisitExtension(node),
        };
    }
}
