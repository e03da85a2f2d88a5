using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Ledger;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Ledger;

/// <summary>
/// An item's kontering through the one change service, on the real app and a real SQLite file: saved with its record and
/// published, or nothing at all; an amount changed afterwards is shown as missing, never rebalanced.
/// </summary>
public sealed class PlaceOnAccountsTests(AppFactory app) : IClassFixture<AppFactory>, IDisposable
{
    private readonly ChangeRecorder _changes = new(app.Services);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private PlanItemService Service => app.Services.GetRequiredService<PlanItemService>();

    [Fact]
    public async Task AnEditorPlacesTheirCommitteesItemOnTwoAccountsWithARecordAndEveryViewerHearsOfIt()
    {
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var item = await StoredAsync("AU-D1");
        var year = item.Effects.First(e => e.AmountThousands != 0);
        var first = year.AmountThousands / 2;
        AccountLine[] lines = [new(" 3.22.01 - 1 - 4.0 ", year.Year, first), new("3.22.02-1-4.0-1234", year.Year, year.AmountThousands - first)];

        var outcome = await Service.PlaceOnAccountsAsync(editor, new AccountsRequest(item.Id, [], lines), Token);

        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        var view = await app.Services.GetRequiredService<AccountLineReader>().ItemAsync(editor, item.Id, Token);
        Assert.Equal([new AccountLine("3.22.01-1-4.0", year.Year, first), new AccountLine("3.22.02-1-4.0-1234", year.Year, year.AmountThousands - first)], view.Lines);
        Assert.Null(view.RefusalToChange);
        var after = await StoredAsync(item.Code);
        Assert.Equal(item.Version, after.Version);
        Assert.True(after.Revision > item.Revision);
        var record = await LastRecordAsync(item.Id);
        Assert.Equal((PlanItemService.AccountsKind, Viewer(TestUsers.EditorAu)), (record.Kind, record.UserName));
        Assert.Equal(
            new FieldChange($"Konti {year.Year}", "Ingen", $"3.22.01-1-4.0: {Amounts.Format(first)}; 3.22.02-1-4.0-1234: {Amounts.Format(year.AmountThousands - first)}"),
            Assert.Single(record.Changes));
        var change = await _changes.NextAsync();
        Assert.Equal((ChangeKind.Accounts, item.Id), (change.Kind, change.Item.Id));
        await _changes.AssertNothingMoreAsync("AU-D6");

        // Placed in full in that year; the other years with an amount are still to place.
        var others = item.Effects.Where(e => e.Year != year.Year && e.AmountThousands != 0).ToList();
        Assert.Equal(others.Count == 0 ? AccountLines.Placed : AccountLines.Describe(others, []), view.Description);
    }

    [Fact]
    public async Task AnAmountChangedAfterItWasPlacedShowsAsMissingAndTheLinesStayAsTheyWere()
    {
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var item = await StoredAsync("AU-D3");
        var lines = item.Effects.Where(e => e.AmountThousands != 0).Select(e => new AccountLine("3.22.01-1-4.0", e.Year, e.AmountThousands)).ToList();
        Assert.NotEmpty(lines);
        Assert.True((await Service.PlaceOnAccountsAsync(coordinator, new AccountsRequest(item.Id, [], lines), Token)).Succeeded);
        Assert.Equal(AccountLines.Placed, (await ViewAsync(coordinator, item.Id)).Description);

        var year = lines[0].Year;
        var details = item.ToDetails();
        var changed = details with { Effects = [.. details.Effects.Select(e => e.Year == year ? e with { AmountThousands = e.AmountThousands - 200 } : e)] };
        Assert.True((await Service.UpdateAsync(coordinator, item.Id, item.Version, changed, Token)).Succeeded);

        var view = await ViewAsync(coordinator, item.Id);
        Assert.Equal(lines, view.Lines);
        Assert.Equal($"Mangler -200 på konti i {year}", view.Description);
    }

    [Fact]
    public async Task AKonteringChangedMeanwhileBadLinesAndPeopleWhoMayNotChangeTheItemSaveAndRecordNothing()
    {
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var item = await StoredAsync("AU-D4");
        AccountLine[] placed = [new("3.22.01-1-4.0", 2026, -100)];
        Assert.True((await Service.PlaceOnAccountsAsync(editor, new AccountsRequest(item.Id, [], placed), Token)).Succeeded);
        Assert.Equal(item.Id, (await _changes.NextAsync()).Item.Id);
        var before = await StoredAsync(item.Code);
        var records = await RecordCountAsync(item.Id);
        AccountLine[] other = [new("3.22.05-1-4.0", 2026, -100)];

        var outcomes = new (ChangeOutcome Outcome, ChangeStatus Status, string Says)[]
        {
            // Started from the kontering before the first save: someone else's save came between.
            (await Service.PlaceOnAccountsAsync(editor, new AccountsRequest(item.Id, [], other), Token), ChangeStatus.Stale, "Konteringen af AU-D4 er netop ændret af en anden"),
            (await Service.PlaceOnAccountsAsync(editor, new AccountsRequest(item.Id, placed, [new("3.22-1-4.0", 2026, -100)]), Token), ChangeStatus.Invalid, "Ret de markerede felter"),
            (await Service.PlaceOnAccountsAsync(editor, new AccountsRequest(item.Id, placed, [new("3.22.01-1-4.0", 2040, -100)]), Token), ChangeStatus.Invalid, "Ret de markerede felter"),
            (await Service.PlaceOnAccountsAsync(await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorBuu), new AccountsRequest(item.Id, placed, other), Token), ChangeStatus.Forbidden, "Du kan kun ændre"),
            (await Service.PlaceOnAccountsAsync(await TestUsers.PrincipalAsync(app.Services, TestUsers.Reader), new AccountsRequest(item.Id, placed, other), Token), ChangeStatus.Forbidden, AccessRules.ReadOnly),
            (await Service.PlaceOnAccountsAsync(new ClaimsPrincipal(), new AccountsRequest(item.Id, placed, other), Token), ChangeStatus.Forbidden, AccessRules.NotSignedIn),
            (await Service.PlaceOnAccountsAsync(editor, new AccountsRequest(987_654, [], other), Token), ChangeStatus.NotFound, "findes ikke"),
        };

        Assert.All(outcomes, o =>
        {
            Assert.Equal(o.Status, o.Outcome.Status);
            Assert.Contains(o.Says, o.Outcome.Message, StringComparison.Ordinal);
        });
        var invalid = (await Service.PlaceOnAccountsAsync(editor, new AccountsRequest(item.Id, placed, [new("3.22-1-4.0", 2026, -100)]), Token)).Errors;
        Assert.Equal(AccountLines.Field(0, "Account"), Assert.Single(invalid).Field);
        Assert.Equal(placed, (await ViewAsync(editor, item.Id)).Lines);
        Assert.Equal(before.Revision, (await StoredAsync(item.Code)).Revision);
        Assert.Equal(records, await RecordCountAsync(item.Id));
        await _changes.AssertNothingMoreAsync("AU-D6");
    }

    [Fact]
    public async Task TheSameLinesAgainChangeNothingAndAReaderSeesTheKonteringWithoutBeingAbleToChangeIt()
    {
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var item = await StoredAsync("AU-D2");
        AccountLine[] placed = [new("3.22.01-1-4.0", 2027, 300)];
        Assert.True((await Service.PlaceOnAccountsAsync(editor, new AccountsRequest(item.Id, [], placed), Token)).Succeeded);
        var records = await RecordCountAsync(item.Id);

        var again = await Service.PlaceOnAccountsAsync(editor, new AccountsRequest(item.Id, placed, [new("3.22.01 - 1 - 4.0", 2027, 300)]), Token);

        Assert.Equal((ChangeStatus.Saved, "Konteringen er uændret."), (again.Status, again.Message));
        Assert.Equal(records, await RecordCountAsync(item.Id));
        var reader = await ViewAsync(await TestUsers.PrincipalAsync(app.Services, TestUsers.Reader), item.Id);
        Assert.Equal(placed, reader.Lines);
        Assert.Equal(AccessRules.ReadOnly, reader.RefusalToChange);
        Assert.Equal(AccessRules.NotSignedIn, (await ViewAsync(new ClaimsPrincipal(), item.Id)).Problem);
    }

    public void Dispose() => _changes.Dispose();

    private static string Viewer(string demoUser) => Udmoentning.Web.Access.DemoUsers.All.Single(d => d.UserName == demoUser).DisplayName;

    private Task<ItemAccountsView> ViewAsync(ClaimsPrincipal user, int itemId) =>
        app.Services.GetRequiredService<AccountLineReader>().ItemAsync(user, itemId, Token);

    private IDbContextFactory<PlanDbContext> Contexts() => app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();

    private async Task<PlanItem> StoredAsync(string code)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().SingleAsync(i => i.Code == code, Token);
    }

    private async Task<ItemHistoryEntry> LastRecordAsync(int itemId)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.History.AsNoTracking().Where(h => h.ItemId == itemId).OrderByDescending(h => h.Id).FirstAsync(Token);
    }

    private async Task<int> RecordCountAsync(int itemId)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.History.CountAsync(h => h.ItemId == itemId, Token);
    }
}
