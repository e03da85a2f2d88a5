using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;

namespace Udmoentning.Tests.Access;

/// <summary>
/// While the database cannot be reached, rights read before it went are used for a short while past their time
/// (<see cref="CurrentUsers.OutageGrace"/>), so a page that asks does not fail; after that, the outage is reported.
/// </summary>
public sealed class CurrentRightsInAnOutageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task RightsReadBeforeAnOutageAreUsedForAShortWhileThenTheOutageIsReported()
    {
        var clock = new ManualClock();
        var users = new CurrentUsers(app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>(), new AccessTimes(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)), clock);
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var reader = await TestUsers.PrincipalAsync(app.Services, TestUsers.Reader);
        var before = await users.ActorAsync(editor, TestContext.Current.CancellationToken);
        Assert.NotEmpty(before.CommitteeIds);

        using (DatabaseOutage.Begin(app))
        {
            clock.Advance(TimeSpan.FromSeconds(6));
            var during = await users.ActorAsync(editor, TestContext.Current.CancellationToken);
            Assert.Equal(before.Roles, during.Roles);
            Assert.Equal(before.CommitteeIds, during.CommitteeIds);

            // Nobody whose rights were never read gets any, and the grace ends.
            var neverRead = await Assert.ThrowsAnyAsync<Exception>(() => users.ActorAsync(reader, TestContext.Current.CancellationToken));
            Assert.True(StorageFailure.Is(neverRead));
            clock.Advance(CurrentUsers.OutageGrace);
            var afterGrace = await Assert.ThrowsAnyAsync<Exception>(() => users.ActorAsync(editor, TestContext.Current.CancellationToken));
            Assert.True(StorageFailure.Is(afterGrace));
        }

        Assert.Equal(before.CommitteeIds, (await users.ActorAsync(editor, TestContext.Current.CancellationToken)).CommitteeIds);
    }

    [Fact]
    public async Task AnOpenPageStaysSignedInWhenItsRightsCannotBeCheckedInAnOutage()
    {
        var clock = new ManualClock();
        var times = new AccessTimes(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5));
        var users = new CurrentUsers(app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>(), times, clock);
        var logs = new LogSink();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        using var page = new AccessRevalidation(loggers, users, times, app.Services.GetRequiredService<IOptions<IdentityOptions>>());
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        await users.ActorAsync(editor, TestContext.Current.CancellationToken);

        using (DatabaseOutage.Begin(app))
        {
            // Past the rights' time and the grace: the page's next check cannot read them.
            clock.Advance(TimeSpan.FromSeconds(5) + CurrentUsers.OutageGrace + TimeSpan.FromSeconds(1));
            page.SetAuthenticationState(Task.FromResult(new AuthenticationState(editor)));
            // Two failed checks: a page that was signed out is not checked again.
            Assert.True(
                await Poll.UntilAsync(() => logs.Entries.Count(e => e.Level >= LogLevel.Warning && e.Category.Contains("Revalidat", StringComparison.Ordinal)) >= 2, TimeSpan.FromSeconds(10)),
                "The page's rights were checked once and never again: the failed check signed it out.");

            Assert.True((await page.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        }
    }
}
