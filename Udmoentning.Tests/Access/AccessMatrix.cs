using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;

namespace Udmoentning.Tests.Access;

/// <summary>
/// What the access-matrix tests share: every user (or role) against every action of one feature, built from who may do what,
/// and the reads that show an allowed action saved and recorded, and a refused one changed and recorded nothing.
/// </summary>
public abstract class AccessMatrix<TApp>(TApp app)
    where TApp : AppFactory
{
    /// <summary>Someone not signed in: a principal without an identity.</summary>
    public const string Anonymous = "anonym";

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected TApp App => app;

    protected PlanItemService Items => app.Services.GetRequiredService<PlanItemService>();

    protected PlanAdministration Administration => app.Services.GetRequiredService<PlanAdministration>();

    protected IDbContextFactory<PlanDbContext> Contexts => app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();

    /// <summary>
    /// Every (who, action) pair, allowed when <paramref name="allowed"/> lists the action for that user or role: the whole
    /// matrix, so an action added to the enum is tried for everyone.
    /// </summary>
    protected static TheoryData<TWho, TAction, bool> Cases<TWho, TAction>(IReadOnlyDictionary<TWho, TAction[]> allowed)
        where TWho : notnull
        where TAction : struct, Enum
    {
        var data = new TheoryData<TWho, TAction, bool>();
        foreach (var (who, actions) in allowed)
        {
            foreach (var action in Enum.GetValues<TAction>())
            {
                data.Add(who, action, actions.Contains(action));
            }
        }

        return data;
    }

    /// <summary>A demo user's principal, or nobody's for <see cref="Anonymous"/>.</summary>
    protected async Task<ClaimsPrincipal> PrincipalAsync(string userName) => userName == Anonymous
        ? new ClaimsPrincipal(new ClaimsIdentity())
        : await TestUsers.PrincipalAsync(app.Services, userName);

    protected static string DisplayName(string demoUser) => DemoUsers.All.Single(d => d.UserName == demoUser).DisplayName;

    /// <summary>The item with <paramref name="code"/> in the sample plan (the first plan), as stored now.</summary>
    protected async Task<PlanItem> StoredAsync(string code)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().OrderBy(i => i.PlanId).FirstAsync(i => i.Code == code, Token);
    }

    protected async Task<PlanItem> StoredAsync(int id)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().SingleAsync(i => i.Id == id, Token);
    }

    protected async Task<int> HistoryCountAsync(int itemId)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.History.CountAsync(h => h.ItemId == itemId, Token);
    }

    protected async Task<int> CommitteeIdAsync(string code)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.Committees.Where(c => c.ShortCode == code).Select(c => c.Id).SingleAsync(Token);
    }
}
