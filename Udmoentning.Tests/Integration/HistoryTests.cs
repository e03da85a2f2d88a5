using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.History;

namespace Udmoentning.Tests.Integration;

/// <summary>Every change leaves exactly one record with who, when, old and new; a failed change leaves none.</summary>
public sealed class HistoryTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private PlanItemService _service = null!;
    private System.Security.Claims.ClaimsPrincipal _coordinator = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = _app.Services.GetRequiredService<PlanItemService>();
        _coordinator = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Coordinator);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AMoveRecordsTheStatusChangeWithTheUsersName()
    {
        var item = await ItemAsync(ItemStatus.NotStarted);
        var started = DateTime.UtcNow.AddSeconds(-1);

        await _service.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);

        var entry = Assert.Single(await HistoryAsync(item.Id));
        Assert.Equal((PlanItemService.MovedKind, "Karin Koordinator (direktionen)", item.Code), (entry.Kind, entry.UserName, entry.ItemCode));
        Assert.Equal([new FieldChange("Status", "Ikke påbegyndt", "I gang")], entry.Changes);
        Assert.InRange(entry.At, started, DateTime.UtcNow.AddSeconds(1));
        Assert.False(string.IsNullOrEmpty(entry.UserId));
    }

    [Fact]
    public async Task AReorderRecordsTheOldAndNewPlace()
    {
        var cell = await BiggestCellAsync();
        var last = cell[^1];

        await _service.MoveAsync(_coordinator, new MoveRequest(last.Id, last.Version, last.Status, cell[0].Id), Token);

        var entry = Assert.Single(await HistoryAsync(last.Id));
        Assert.Equal([new FieldChange("Placering", $"nr. {cell.Count}", "nr. 1")], entry.Changes);
    }

    [Fact]
    public async Task AnEditRecordsExactlyTheFieldsThatChanged()
    {
        var item = await ItemAsync(ItemStatus.InProgress);
        var details = item.ToDetails() with
        {
            Title = "Ny titel",
            Timing = new Quarter(2027, 1),
            Effects = [.. item.Effects.Where(e => e.Year != 2026), new YearlyEffect(2026, item.EffectIn(2026) - 100)],
        };

        await _service.UpdateAsync(_coordinator, item.Id, item.Version, details, Token);

        var entry = Assert.Single(await HistoryAsync(item.Id));
        Assert.Equal(PlanItemService.EditedKind, entry.Kind);
        Assert.Equal(
            [
                new FieldChange("Titel", item.Title, "Ny titel"),
                new FieldChange("Tidspunkt", item.Timing?.ToString(), "Q1 2027"),
                new FieldChange("Økonomi 2026", item.EffectIn(2026).ToString(System.Globalization.CultureInfo.InvariantCulture), (item.EffectIn(2026) - 100).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            entry.Changes);
    }

    [Fact]
    public async Task RefusedStaleInvalidAndEmptyChangesRecordNothing()
    {
        var item = await ItemAsync(ItemStatus.NotStarted);
        var reader = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Reader);

        var outcomes = new[]
        {
            await _service.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.Completed), Token),
            await _service.MoveAsync(_coordinator, new MoveRequest(item.Id, Guid.NewGuid(), ItemStatus.InProgress), Token),
            await _service.MoveAsync(reader, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token),
            await _service.UpdateAsync(_coordinator, item.Id, item.Version, item.ToDetails() with { Title = "" }, Token),
            await _service.UpdateAsync(_coordinator, item.Id, item.Version, item.ToDetails(), Token),
        };

        Assert.Equal([ChangeStatus.Refused, ChangeStatus.Stale, ChangeStatus.Forbidden, ChangeStatus.Invalid, ChangeStatus.Saved], outcomes.Select(o => o.Status));
        Assert.Empty(await HistoryAsync(item.Id));
        Assert.Equal(item.Version, outcomes[^1].Value!.Version);
    }

    [Fact]
    public async Task AnItemsHistoryExportsAsCsvForAktindsigt()
    {
        var item = await ItemAsync(ItemStatus.NotStarted);
        await _service.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);
        var client = _app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Reader);

        var response = await client.GetAsync($"/punkter/{item.Id}/historik.csv", Token);
        var bytes = await response.Content.ReadAsByteArrayAsync(Token);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("Tidspunkt;Bruger;Bruger-id;Punkt;Handling;Felt;Før;Efter", lines[0]);
        Assert.Equal(2, lines.Length);
        var row = lines[1].Split(';');
        Assert.Equal("Karin Koordinator (direktionen)", row[1]);
        Assert.Equal([item.Code, "Flyttet", "Status", "Ikke påbegyndt", "I gang"], row[3..]);
    }

    [Fact]
    public async Task TheChangesPageListsWhatChangedSinceADateForACommittee()
    {
        var item = await ItemAsync(ItemStatus.NotStarted);
        await _service.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);
        var client = _app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Reader);
        // "siden" is a Danish date: from 23:00 UTC (midnight in Copenhagen) the UTC date is a day behind.
        var danishToday = Udmoentning.Domain.DanishTime.Today(DateTimeOffset.UtcNow);
        var today = danishToday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = danishToday.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var committee = await CommitteeSlugAsync(item.CommitteeId);

        var since = WebUtility.HtmlDecode(await client.GetStringAsync($"/aendringer?siden={today}&udvalg={committee}", Token));
        var later = WebUtility.HtmlDecode(await client.GetStringAsync($"/aendringer?siden={tomorrow}", Token));

        Assert.Contains(item.Code, since);
        Assert.Contains("Flyttet af Karin Koordinator (direktionen)", since);
        Assert.Contains("1 ændringer.", since);
        Assert.Contains("Ingen ændringer i perioden.", later);
    }

    [Fact]
    public async Task TheChangesPageCountsTheDayFromMidnightInCopenhagen()
    {
        var item = await ItemAsync(ItemStatus.NotStarted);
        await using (var db = await Contexts().CreateDbContextAsync(Token))
        {
            // 23:30 on 14 January in Copenhagen, and 00:30 on the 15th: the first is before the day, the second on it.
            db.History.Add(Entry(item, new DateTime(2026, 1, 14, 22, 30, 0, DateTimeKind.Utc), "aftenen-foer"));
            db.History.Add(Entry(item, new DateTime(2026, 1, 14, 23, 30, 0, DateTimeKind.Utc), "efter-midnat"));
            await db.SaveChangesAsync(Token);
        }

        var client = _app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Reader);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/aendringer?siden=2026-01-15", Token));

        Assert.Contains("efter-midnat", page);
        Assert.DoesNotContain("aftenen-foer", page);
    }

    [Fact]
    public async Task ACommitteesChangesAreNotCutShortByOtherCommitteesChanges()
    {
        var committeeItem = await ItemAsync(ItemStatus.NotStarted);
        var slug = await CommitteeSlugAsync(committeeItem.CommitteeId);
        PlanItem other;
        await using (var db = await Contexts().CreateDbContextAsync(Token))
        {
            other = (await db.Items.AsNoTracking().Where(i => i.PlanId == committeeItem.PlanId).ToListAsync(Token))
                .First(i => i.CommitteeId != committeeItem.CommitteeId && i.TreatmentCommitteeId != committeeItem.CommitteeId && !i.ConcernsAllCommittees);
            var start = new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);
            db.History.Add(Entry(committeeItem, start, "udvalgets-egen"));
            db.History.AddRange(Enumerable.Range(1, HistoryReader.MaxEntries + 100).Select(n => Entry(other, start.AddSeconds(n), $"andet-udvalg-{n}")));
            await db.SaveChangesAsync(Token);
        }

        var entries = await _app.Services.GetRequiredService<HistoryReader>()
            .SinceAsync(committeeItem.PlanId, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), slug, Token);

        Assert.Contains(entries, e => e.ItemId == committeeItem.Id && e.Changes[0].New == "udvalgets-egen");
        Assert.DoesNotContain(entries, e => e.ItemId == other.Id);
    }

    private static ItemHistoryEntry Entry(PlanItem item, DateTime at, string marker) =>
        new(item.PlanId, item.Id, item.Code, at, "test", "Test", PlanItemService.EditedKind, [new FieldChange("Noter", null, marker)]);

    private async Task<IReadOnlyList<ItemHistoryEntry>> HistoryAsync(int itemId)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.History.AsNoTracking().Where(h => h.ItemId == itemId).ToListAsync(Token);
    }

    private async Task<PlanItem> ItemAsync(ItemStatus status)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().Where(i => i.Status == status && !i.IsCrossCutting).OrderBy(i => i.Id).FirstAsync(Token);
    }

    private async Task<string> CommitteeSlugAsync(int id)
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        return await db.Committees.Where(c => c.Id == id).Select(c => c.Slug).SingleAsync(Token);
    }

    private async Task<List<PlanItem>> BiggestCellAsync()
    {
        await using var db = await Contexts().CreateDbContextAsync(Token);
        var biggest = await db.Items.GroupBy(i => new { i.ThemeId, i.Status }).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(Token);
        return await db.Items.AsNoTracking().Where(i => i.ThemeId == biggest.ThemeId && i.Status == biggest.Status).OrderBy(i => i.Position).ToListAsync(Token);
    }

    private IDbContextFactory<PlanDbContext> Contexts() => _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();
}
