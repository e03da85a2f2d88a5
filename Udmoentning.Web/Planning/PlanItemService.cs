using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Planning;

/// <summary>
/// The one way an item changes: loads it, applies the domain's rules, saves with the concurrency
/// token, and publishes the saved change to every viewer. A refused or stale change saves nothing.
/// </summary>
public sealed class PlanItemService(
    IDbContextFactory<PlanDbContext> contexts,
    PlanChangePublisher publisher,
    TimeProvider clock,
    ILogger<PlanItemService> logger)
{
    /// <summary>Who changed it, until sign-in names the user (see the access issue).</summary>
    public const string UnknownUser = "en anden bruger";

    public async Task<ChangeOutcome> MoveAsync(MoveRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == request.ItemId, cancellationToken);
        if (item is null)
        {
            return ChangeOutcome.NotFound();
        }

        if (item.Version != request.ExpectedVersion)
        {
            return ChangeOutcome.Stale(item);
        }

        var committees = await db.Committees.AsNoTracking().ToListAsync(cancellationToken);
        var previous = (item.Status, Committees: ExtractsHolding(item, committees));
        var position = await PositionInCellAsync(db, item, request.To, request.BeforeItemId, cancellationToken);
        try
        {
            item.MoveTo(request.To, position);
        }
        catch (PlanRuleException e)
        {
            return ChangeOutcome.Refused(item, e.Message);
        }

        return await SaveAndPublishAsync(db, item, ChangeKind.Moved, previous, committees, cancellationToken);
    }

    public async Task<ChangeOutcome> UpdateAsync(int itemId, Guid expectedVersion, ItemDetails details, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken);
        if (item is null)
        {
            return ChangeOutcome.NotFound();
        }

        if (item.Version != expectedVersion)
        {
            return ChangeOutcome.Stale(item);
        }

        var plan = await db.Plans.Include(p => p.Themes).SingleAsync(p => p.Id == item.PlanId, cancellationToken);
        var committees = await db.Committees.AsNoTracking().ToListAsync(cancellationToken);
        var errors = new List<FieldError>(ItemValidation.Validate(details, plan));
        errors.AddRange(await ReferenceErrorsAsync(db, item, details, committees, cancellationToken));
        if (errors.Count > 0)
        {
            return ChangeOutcome.Invalid(item, errors);
        }

        var previous = (item.Status, Committees: ExtractsHolding(item, committees));
        try
        {
            item.Apply(plan, details);
        }
        catch (PlanRuleException e)
        {
            return e.Errors.Count > 0 ? ChangeOutcome.Invalid(item, e.Errors) : ChangeOutcome.Refused(item, e.Message);
        }

        return await SaveAndPublishAsync(db, item, ChangeKind.Edited, previous, committees, cancellationToken);
    }

    private async Task<ChangeOutcome> SaveAndPublishAsync(
        PlanDbContext db,
        PlanItem item,
        ChangeKind kind,
        (ItemStatus Status, IReadOnlyList<int> Committees) previous,
        IReadOnlyList<Committee> committees,
        CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return ChangeOutcome.Stale(await fresh.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Id == item.Id, cancellationToken));
        }
        catch (DbUpdateException e) when (IsDuplicateCode(db, item))
        {
            logger.LogInformation(e, "Duplicate item code {Code}", item.Code);
            return ChangeOutcome.Invalid(item, [new FieldError(nameof(ItemDetails.Code), $"Nummeret {item.Code} bruges allerede af et andet punkt i planen.")]);
        }

        var change = new ItemChange(item.PlanId, kind, item, previous.Status, previous.Committees, UnknownUser, clock.GetUtcNow());
        await publisher.PublishAsync(change, committees, cancellationToken);
        return ChangeOutcome.Saved(item);
    }

    /// <summary>The position that puts the item above <paramref name="beforeItemId"/> in its cell (theme × status), or last.</summary>
    private static async Task<double> PositionInCellAsync(PlanDbContext db, PlanItem item, ItemStatus to, int? beforeItemId, CancellationToken cancellationToken)
    {
        var cell = await db.Items.AsNoTracking()
            .Where(i => i.PlanId == item.PlanId && i.ThemeId == item.ThemeId && i.Status == to && i.Id != item.Id)
            .OrderBy(i => i.Position)
            .Select(i => new { i.Id, i.Position })
            .ToListAsync(cancellationToken);
        var index = beforeItemId is null ? -1 : cell.FindIndex(i => i.Id == beforeItemId);
        return index < 0
            ? BoardOrder.Between(cell.Count > 0 ? cell[^1].Position : null, null)
            : BoardOrder.Between(index > 0 ? cell[index - 1].Position : null, cell[index].Position);
    }

    private static async Task<IEnumerable<FieldError>> ReferenceErrorsAsync(
        PlanDbContext db, PlanItem item, ItemDetails details, IReadOnlyList<Committee> committees, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (committees.All(c => c.Id != details.CommitteeId))
        {
            errors.Add(new FieldError(nameof(ItemDetails.CommitteeId), "Det valgte udvalg findes ikke."));
        }

        if (details.TreatmentCommitteeId is { } treatedBy && committees.All(c => c.Id != treatedBy))
        {
            errors.Add(new FieldError(nameof(ItemDetails.TreatmentCommitteeId), "Det valgte behandlende udvalg findes ikke."));
        }

        if (details.TreatmentMeetingId is { } meetingId)
        {
            var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
            if (meeting is null || meeting.CommitteeId != details.TreatmentCommitteeId)
            {
                errors.Add(new FieldError(nameof(ItemDetails.TreatmentMeetingId), "Vælg et møde i det udvalg, der behandler punktet."));
            }
        }

        var code = details.Code?.Trim();
        if (!string.IsNullOrEmpty(code) && await db.Items.AnyAsync(i => i.PlanId == item.PlanId && i.Id != item.Id && i.Code == code, cancellationToken))
        {
            errors.Add(new FieldError(nameof(ItemDetails.Code), $"Nummeret {code} bruges allerede af et andet punkt i planen."));
        }

        return errors;
    }

    private static IReadOnlyList<int> ExtractsHolding(PlanItem item, IEnumerable<Committee> committees) =>
        [.. committees.Where(c => CommitteeExtract.Includes(c, item)).Select(c => c.Id)];

    private static bool IsDuplicateCode(PlanDbContext db, PlanItem item) =>
        db.Items.AsNoTracking().Any(i => i.PlanId == item.PlanId && i.Id != item.Id && i.Code == item.Code);
}
