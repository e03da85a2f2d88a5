using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>What the live app's database holds, to check that what a viewer saw is what was (or was not) saved.</summary>
public static class PlanDatabase
{
    public static Task<ItemStatus> StatusOfAsync(this LiveApp app, string code) => ReadAsync(app, code, i => i.Status);

    public static Task<string> TitleOfAsync(this LiveApp app, string code) => ReadAsync(app, code, i => i.Title);

    private static async Task<T> ReadAsync<T>(LiveApp app, string code, System.Linq.Expressions.Expression<Func<PlanItem, T>> field)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Items.Where(i => i.Code == code).Select(field).SingleAsync(TestContext.Current.CancellationToken);
    }
}
