using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime.Presence;

namespace Udmoentning.Tests.Access;

/// <summary>
/// Presence, role by role: every signed-in role that can open a board is shown to the others by the name its account
/// carries, and sees them; someone who is not signed in is never counted and sees no names. Presence writes nothing.
/// </summary>
public sealed class PresenceAccessTests(AppFactory app) : BunitContext, IClassFixture<AppFactory>
{
    private static readonly string _scope = PresenceScopes.Board(1, "au");

    private readonly PresenceRegistry _registry = new(PresenceSettings.Default with { NotifyDelay = TimeSpan.Zero }, TimeProvider.System, NullLogger<PresenceRegistry>.Instance);

    public static TheoryData<string?, bool> Matrix => new()
    {
        { TestUsers.Reader, true },
        { TestUsers.EditorAu, true },
        { TestUsers.Coordinator, true },
        { TestUsers.Administrator, true },
        { null, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task ARoleIsShownToOthersAndSeesThemOnlyWhenSignedIn(string? user, bool shown)
    {
        var before = await HistoryCountAsync();
        _registry.Join(_scope, "other-circuit", "someone-else", "Bo Hansen");
        Services.AddSingleton(_registry);
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<PresenceCircuit>();
        var authorization = AddAuthorization();
        if (user is not null)
        {
            var principal = await TestUsers.PrincipalAsync(app.Services, user);
            authorization.SetAuthorized(principal.Identity!.Name!);
            authorization.SetClaims([.. principal.Claims]);
        }

        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var list = Render<PresenceList>(p => p.Add(l => l.Scope, _scope));

        var names = _registry.Viewers(_scope).Select(v => v.Name).ToList();
        Assert.Equal(shown ? 2 : 1, names.Count);
        if (user is not null)
        {
            Assert.Contains(EndToEnd.Viewer.DisplayName(user), names);
        }

        Assert.Equal(shown ? ["Ser med nu: Bo Hansen"] : [], list.FindAll(".presence-summary").Select(e => e.TextContent));
        Assert.Equal(before, await HistoryCountAsync());
    }

    private async Task<int> HistoryCountAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        return await db.History.CountAsync(Xunit.TestContext.Current.CancellationToken);
    }
}
