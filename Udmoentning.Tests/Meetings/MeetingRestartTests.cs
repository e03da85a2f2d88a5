using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Data;
using Udmoentning.Web.Meetings;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Meetings;

/// <summary>A meeting being presented goes on where it was when its node restarts: the app, stopped and started on its database.</summary>
public sealed class MeetingRestartTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AfterARestartTheMeetingIsStillPresentedByTheSamePersonAtTheSameItemAndTheNextStepFollowsOn()
    {
        MeetingKey key;
        MeetingState stepped;
        string databaseFile;
        await using (var before = new LiveApp())
        {
            await before.InitializeAsync();
            databaseFile = before.DatabaseFile;
            var (scope, items) = await AuMeetingAsync(before);
            key = new MeetingKey(items[0].PlanId, scope.Slug);
            var presenter = await PresenterAsync(before);
            var meetings = before.Services.GetRequiredService<MeetingRegistry>();
            Assert.True(meetings.Start(key, presenter, scope, new MeetingPosition(MeetingView.Item, items[0].Id, items[0].ThemeId), new DateOnly(2025, 5, 1)).Succeeded);
            stepped = meetings.Step(key, presenter, new MeetingPosition(MeetingView.Item, items[1].Id, items[1].ThemeId)).State!;

            // Kept once written (after it is shown, so the test waits for it).
            Assert.True(await Poll.UntilAsync(async () => await StoredSequenceAsync(before) == stepped.Sequence, TimeSpan.FromSeconds(10)),
                "The meeting's newest step was not written to the database.");
        }

        await using var after = new LiveApp { Settings = new Dictionary<string, string> { ["ConnectionStrings:Sqlite"] = TestDatabases.SqliteConnectionString(databaseFile) } };
        await after.InitializeAsync();
        var restarted = after.Services.GetRequiredService<MeetingRegistry>();

        var current = restarted.Current(key);
        Assert.Equal(stepped, current);
        Assert.True(current!.IsRunning);
        var next = restarted.Step(key, await PresenterAsync(after), new MeetingPosition(MeetingView.Summary, stepped.Position.ItemId, stepped.Position.ThemeId));
        Assert.True(next.Succeeded, next.Message);
        Assert.True(next.State!.Sequence > stepped.Sequence);
    }

    private static async Task<Actor> PresenterAsync(LiveApp app) =>
        await app.Services.GetRequiredService<CurrentUsers>().ActorAsync(await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator), Token);

    private static async Task<(MeetingScope Scope, List<PlanItem> Items)> AuMeetingAsync(LiveApp app)
    {
        var snapshot = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var scope = MeetingScope.For(snapshot, snapshot.Committees.Single(c => c.ShortCode == "AU").Slug)!;
        return (scope, snapshot.Items.Where(scope.Includes).Take(2).ToList());
    }

    private static async Task<long?> StoredSequenceAsync(LiveApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        return await db.MeetingPresentations.Select(m => (long?)m.Sequence).SingleOrDefaultAsync(Token);
    }
}
