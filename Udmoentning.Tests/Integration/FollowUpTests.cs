using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Economy.FollowUps;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Integration;

/// <summary>Budget follow-up snapshots on a real SQLite file: who may take them, that they never change, and the comparison as a workbook.</summary>
public sealed class FollowUpTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private PlanAdministration _administration = null!;
    private FollowUpReader _followUps = null!;
    private ClaimsPrincipal _coordinator = null!;
    private PlanSnapshot _plan = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _administration = _app.Services.GetRequiredService<PlanAdministration>();
        _followUps = _app.Services.GetRequiredService<FollowUpReader>();
        _coordinator = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Coordinator);
        _plan = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ACoordinatorsSnapshotStaysAsItWasAndComparedWithNowShowsExactlyTheChangeMadeSince()
    {
        var taken = await _administration.TakeFollowUpAsync(_coordinator, _plan.Plan.Id, "Budgetopfølgning pr. 31. marts 2026", new DateOnly(2026, 3, 31), Token);
        Assert.True(taken.Succeeded, taken.Message);

        var listed = Assert.Single(await _followUps.ListAsync(_plan.Plan.Id, Token));
        Assert.Equal(("Budgetopfølgning pr. 31. marts 2026", new DateOnly(2026, 3, 31), "Karin Koordinator (direktionen)"), (listed.Name, listed.AsOf, listed.TakenByName));
        var recorded = Assert.Single(await _administration.HistoryAsync(_plan.Plan.Id, cancellationToken: Token), e => e.Subject == PlanAdministration.FollowUpSubject);
        Assert.Contains(new FieldChange("Pr. dato", null, "2026-03-31"), recorded.Changes);

        var item = _plan.Items.First(i => i.Status == ItemStatus.NotStarted);
        var moved = await _app.Services.GetRequiredService<PlanItemService>().MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);
        Assert.True(moved.Succeeded, moved.Message);

        var (withNow, _) = await _followUps.CompareAsync(_plan.Plan.Id, taken.Value, null, Token);
        var change = Assert.Single(withNow!.Changes.Changed);
        Assert.Equal(item.Code, change.After.Code);
        Assert.Equal([new FieldChange("Status", "Ikke påbegyndt", "I gang")], change.Changes);
        Assert.Empty(withNow.Changes.Added.Concat(withNow.Changes.Removed).Concat(withNow.Changes.Completed));
        Assert.Empty(withNow.Changes.Moved);

        // The stored snapshot did not follow the plan: compared with itself it is unchanged, and a later one shows the same change.
        var (itself, _) = await _followUps.CompareAsync(_plan.Plan.Id, taken.Value, taken.Value, Token);
        Assert.False(itself!.Changes.HasItemChanges);
        Assert.Equal(ItemStatus.NotStarted, itself.From.State.Item(item.Id)!.Status);
        var later = await _administration.TakeFollowUpAsync(_coordinator, _plan.Plan.Id, "Budgetopfølgning pr. 30. juni 2026", new DateOnly(2026, 6, 30), Token);
        var (between, _) = await _followUps.CompareAsync(_plan.Plan.Id, taken.Value, later.Value, Token);
        Assert.Equal([item.Code], between!.Changes.Changed.Select(c => c.After.Code));
        Assert.Equal(["Budgetopfølgning pr. 30. juni 2026", "Budgetopfølgning pr. 31. marts 2026"], (await _followUps.ListAsync(_plan.Plan.Id, Token)).Select(f => f.Name));
    }

    [Fact]
    public async Task ReadersAndEditorsCannotTakeSnapshotsAndBadInputSavesAndRecordsNothing()
    {
        var planId = _plan.Plan.Id;
        var day = new DateOnly(2026, 3, 31);
        foreach (var user in new[] { TestUsers.Reader, TestUsers.EditorAu })
        {
            var refused = await _administration.TakeFollowUpAsync(await TestUsers.PrincipalAsync(_app.Services, user), planId, "Forsøg", day, Token);
            Assert.Equal(ChangeStatus.Forbidden, refused.Status);
        }

        Assert.Equal(ChangeStatus.Forbidden, (await _administration.TakeFollowUpAsync(new ClaimsPrincipal(new ClaimsIdentity()), planId, "Forsøg", day, Token)).Status);
        var blank = await _administration.TakeFollowUpAsync(_coordinator, planId, "  ", day, Token);
        Assert.Equal((ChangeStatus.Invalid, "Navnet skal udfyldes."), (blank.Status, blank.Message));
        Assert.Equal(ChangeStatus.Invalid, (await _administration.TakeFollowUpAsync(_coordinator, planId, new string('x', FollowUpSnapshot.NameLength + 1), day, Token)).Status);
        Assert.Equal(ChangeStatus.Invalid, (await _administration.TakeFollowUpAsync(_coordinator, planId, "Opfølgning\u202Efalsk", day, Token)).Status);
        Assert.Equal(ChangeStatus.Invalid, (await _administration.TakeFollowUpAsync(_coordinator, planId, "Opfølgning", new DateOnly(1999, 1, 1), Token)).Status);
        Assert.Equal(ChangeStatus.NotFound, (await _administration.TakeFollowUpAsync(_coordinator, 99999, "Opfølgning", day, Token)).Status);

        Assert.Empty(await _followUps.ListAsync(planId, Token));
        Assert.Empty(await _administration.HistoryAsync(planId, cancellationToken: Token));
        Assert.Null((await _followUps.CompareAsync(planId, 12345, null, Token)).Comparison);
    }

    [Fact]
    public async Task AReaderDownloadsTheComparisonAsAWorkbookThatReadsBackAsShown()
    {
        var taken = await _administration.TakeFollowUpAsync(_coordinator, _plan.Plan.Id, "Budgetopfølgning pr. 31. marts 2026", new DateOnly(2026, 3, 31), Token);
        var item = _plan.Items.First(i => i.Status == ItemStatus.NotStarted);
        await _app.Services.GetRequiredService<PlanItemService>().MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);
        var (expected, _) = await _followUps.CompareAsync(_plan.Plan.Id, taken.Value, null, Token);

        var signedOut = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var refused = await signedOut.GetAsync($"/plan/{_plan.Plan.Id}/opfoelgninger/sammenligning.xlsx?fra={taken.Value}", Token);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);

        var client = _app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Reader);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/plan/{_plan.Plan.Id}/opfoelgninger/sammenligning.xlsx?fra=99999", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/plan/{_plan.Plan.Id}/opfoelgninger/sammenligning.xlsx?fra=abc", Token)).StatusCode);
        // Empty is now, as README says (the probe found ?fra=&til= refused with 400): now against now, a workbook all the same.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/plan/{_plan.Plan.Id}/opfoelgninger/sammenligning.xlsx?fra=&til=", Token)).StatusCode);
        var response = await client.GetAsync($"/plan/{_plan.Plan.Id}/opfoelgninger/sammenligning.xlsx?fra={taken.Value}", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FollowUpWorkbook.ContentType, response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Token));
        var rows = stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("Fra: Budgetopfølgning pr. 31. marts 2026 · Til: Nu", Text(rows[1], "A"));
        Assert.Equal(FollowUpWorkbook.Headers, new[] { "A", "B", "C", "D", "E", "F", "G" }.Select(c => Text(rows[FollowUpWorkbook.TitleLineCount], c)));

        var changed = Assert.Single(rows, r => Text(r, "A") == FollowUpWorkbook.ChangedSection);
        Assert.Equal([item.Code, item.Title, "Status", "Ikke påbegyndt", "I gang"], new[] { "B", "C", "E", "F", "G" }.Select(c => Text(changed, c)));
        Assert.DoesNotContain(rows, r => Text(r, "A") is FollowUpWorkbook.AddedSection or FollowUpWorkbook.RemovedSection or FollowUpWorkbook.MovedSection);

        var totals = rows.Where(r => Text(r, "A") == FollowUpWorkbook.TotalSection).ToList();
        Assert.Equal(expected!.Changes.Totals.Select(t => (t.Year.ToString(CultureInfo.InvariantCulture), t.Before, t.After)),
            totals.Select(r => (Text(r, "E"), Amount(r, "F"), Amount(r, "G"))));
        var targetRows = rows.Where(r => Text(r, "A") == FollowUpWorkbook.TargetSection).ToList();
        Assert.Equal(expected.Changes.TargetGaps.Count * 3, targetRows.Count);
        Assert.NotEmpty(targetRows);
    }

    private static string Text(IDictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;

    private static long Amount(IDictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var value) && value is not null ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
}
