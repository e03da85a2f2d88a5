using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Domain.Items;

/// <summary>One row of the udmøntningsplan: a task the budget agreement creates.</summary>
public sealed class PlanItem
{
    private readonly List<YearlyEffect> _effects = [];
    private readonly List<Checkpoint> _checkpoints = [];

    private PlanItem()
    {
        Code = Title = string.Empty;
    }

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public string Code { get; private set; }
    public string Title { get; private set; }
    public string? Description { get; private set; }
    public ItemKind Kind { get; private set; }
    public int ThemeId { get; private set; }
    public int CommitteeId { get; private set; }
    public string? ResponsibleUnit { get; private set; }
    public ItemStatus Status { get; private set; } = ItemStatus.NotStarted;
    public Health Health { get; private set; } = Health.Green;

    /// <summary>The timing first given; never overwritten, so slippage stays visible.</summary>
    public Quarter? BaselineTiming { get; private set; }

    public Quarter? Timing { get; private set; }
    public int? TreatmentCommitteeId { get; private set; }
    public int? TreatmentMeetingId { get; private set; }
    public bool IsCrossCutting { get; private set; }
    public bool RequiresMedInvolvement { get; private set; }
    public string? CaseNumber { get; private set; }
    public string? Notes { get; private set; }

    /// <summary>The item of an earlier plan this one was carried over from ("Ny plan fra denne").</summary>
    public int? OriginItemId { get; private set; }

    /// <summary>Order within its status column; see <see cref="BoardOrder"/>.</summary>
    public double Position { get; private set; }

    /// <summary>Concurrency token: renewed on every save, so a stale write is refused.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    /// <summary>Counts the item's changes, so a viewer can tell the newer of two copies.</summary>
    public int Revision { get; private set; }

    public IReadOnlyList<YearlyEffect> Effects => _effects;

    /// <summary>The coordination steps done for the item; see <see cref="CheckpointRules"/> for which ones X needs.</summary>
    public IReadOnlyList<Checkpoint> Checkpoints => _checkpoints;

    /// <summary>Comments in the item's thread that are not deleted; shown on the card.</summary>
    public int CommentCount { get; private set; }

    public bool IsCompleted => Status == ItemStatus.Completed;

    /// <summary>Quarters the timing has slipped against the baseline; positive is later.</summary>
    public int Slippage => Timing is { } now && BaselineTiming is { } baseline ? now.QuartersAfter(baseline) : 0;

    /// <summary>Råderumsforslag and flagged items concern every committee and appear in every extract.</summary>
    public bool ConcernsAllCommittees => IsCrossCutting || Kind == ItemKind.FiscalLeewayProposal;

    public int EffectIn(int year) => _effects.FirstOrDefault(e => e.Year == year)?.AmountThousands ?? 0;

    public static PlanItem Create(Plan plan, ItemDetails details, ItemStatus status = ItemStatus.NotStarted, double position = 0)
    {
        var item = new PlanItem { PlanId = plan.Id, Status = status, Position = position };
        item.Apply(plan, details);
        return item;
    }

    /// <summary>
    /// An item brought in from elsewhere (a workbook, or an earlier plan): its original timing is kept as the baseline
    /// when known, so slippage stays visible, and a carried-over item remembers where it came from.
    /// </summary>
    public static PlanItem Bring(Plan plan, ItemDetails details, ItemStatus status, double position, Quarter? baseline, int? originItemId = null)
    {
        if (status == ItemStatus.ReadyForPoliticalTreatment && details.TreatmentCommitteeId is null)
        {
            throw new PlanRuleException(StatusRules.NeedsTreatmentCommittee(details.Code));
        }

        var item = new PlanItem { PlanId = plan.Id, Status = status, Position = position, BaselineTiming = baseline, OriginItemId = originItemId };
        item.Apply(plan, details);
        return item;
    }

    /// <summary>Applies edited details; the baseline timing is set once and kept.</summary>
    public void Apply(Plan plan, ItemDetails details)
    {
        var errors = ItemValidation.Validate(details, plan);
        if (errors.Count > 0)
        {
            throw new PlanRuleException(errors);
        }

        if (details.Timing is null && BaselineTiming is not null)
        {
            throw new PlanRuleException([new FieldError(nameof(details.Timing),
                $"Tidspunktet kan ikke fjernes, når der er en oprindelig plan ({BaselineTiming}). Angiv et nyt tidspunkt.")]);
        }

        Code = details.Code.Trim();
        Title = details.Title.Trim();
        Description = Clean(details.Description);
        Kind = details.Kind;
        ThemeId = details.ThemeId;
        CommitteeId = details.CommitteeId;
        ResponsibleUnit = Clean(details.ResponsibleUnit);
        Health = details.Health;
        Timing = details.Timing;
        BaselineTiming ??= details.Timing;
        TreatmentCommitteeId = details.TreatmentCommitteeId;
        TreatmentMeetingId = details.TreatmentMeetingId;
        IsCrossCutting = details.IsCrossCutting;
        RequiresMedInvolvement = details.RequiresMedInvolvement;
        CaseNumber = Clean(details.CaseNumber);
        Notes = Clean(details.Notes);
        var effects = details.Effects.Where(e => e.AmountThousands != 0).OrderBy(e => e.Year).ToList();
        if (!effects.SequenceEqual(_effects))
        {
            // Replaced only when they differ: an unchanged economy costs no rows when the item is saved.
            _effects.Clear();
            _effects.AddRange(effects);
        }
        Version = Guid.NewGuid();
        Revision++;
    }

    /// <summary>Moves the item to another status column, or throws with the Danish reason it may not.</summary>
    public void MoveTo(ItemStatus status, double position)
    {
        var refusal = StatusRules.RefusalReason(this, status);
        if (refusal is not null)
        {
            throw new PlanRuleException(refusal);
        }

        Status = status;
        Position = position;
        Version = Guid.NewGuid();
        Revision++;
    }

    /// <summary>
    /// Puts the item back in the status and place it had before the user's own last change (an undo). Unlike
    /// <see cref="MoveTo"/> this may go back along a move the board does not offer (X back to ready), but the status's own
    /// conditions still hold: ready needs the committee that treats it, completed needs the required checkpoints.
    /// </summary>
    public void RestoreStatus(ItemStatus status, double position)
    {
        if (!Enum.IsDefined(status))
        {
            throw new PlanRuleException("Den valgte status findes ikke.");
        }

        if (status == ItemStatus.ReadyForPoliticalTreatment && TreatmentCommitteeId is null)
        {
            throw new PlanRuleException(StatusRules.NeedsTreatmentCommittee(Code));
        }

        if (status == ItemStatus.Completed && CheckpointRules.RefusalToComplete(this) is { } refusal)
        {
            throw new PlanRuleException(refusal);
        }

        Status = status;
        Position = position;
        Version = Guid.NewGuid();
        Revision++;
    }

    /// <summary>
    /// Marks a coordination step as done. Not a new <see cref="Version"/>: an edit open in someone's form stays valid, but
    /// the revision moves on, so viewers take the newer copy and a concurrent save of the item is refused.
    /// </summary>
    public void MarkCheckpoint(CheckpointStep step, string byUserId, string byName, DateTime at, int? committeeId = null, int? meetingId = null)
    {
        if (!Enum.IsDefined(step))
        {
            throw new PlanRuleException("Det valgte kontrolpunkt findes ikke.");
        }

        if (_checkpoints.FirstOrDefault(c => c.Step == step) is { } done)
        {
            throw new PlanRuleException($"\"{step.Name()}\" er allerede markeret for {Code} af {done.ByName}.");
        }

        if (step == CheckpointStep.PoliticallyTreated && committeeId is null)
        {
            throw new PlanRuleException("Vælg det udvalg, der har behandlet punktet.");
        }

        if (step != CheckpointStep.PoliticallyTreated && (committeeId is not null || meetingId is not null))
        {
            throw new PlanRuleException($"\"{step.Name()}\" har hverken udvalg eller møde.");
        }

        _checkpoints.Add(new Checkpoint(step, DateTime.SpecifyKind(at, DateTimeKind.Utc), byUserId, byName, committeeId, meetingId));
        Revision++;
    }

    /// <summary>Takes a step back as not done; a completed item keeps the steps it requires.</summary>
    public void ClearCheckpoint(CheckpointStep step)
    {
        var done = _checkpoints.FirstOrDefault(c => c.Step == step)
            ?? throw new PlanRuleException($"\"{(Enum.IsDefined(step) ? step.Name() : "Kontrolpunktet")}\" er ikke markeret for {Code}.");
        if (IsCompleted && CheckpointRules.Required(this).Contains(step))
        {
            throw new PlanRuleException($"{Code} er afsluttet, og \"{step.Name()}\" kræves for at afslutte det. Genåbn punktet først.");
        }

        _checkpoints.Remove(done);
        Revision++;
    }

    /// <summary>
    /// A follow-up round's report confirmed the traffic light and timing. Other values than the item's are an edit of the
    /// item (validated, a new version); the same values are only a new revision, so viewers hear of the report.
    /// Returns whether the item's own fields changed.
    /// </summary>
    public bool ConfirmInRound(Plan plan, Health health, Quarter? timing)
    {
        if (health == Health && timing == Timing)
        {
            Revision++;
            return false;
        }

        Apply(plan, ToDetails() with { Health = health, Timing = timing });
        return true;
    }

    /// <summary>
    /// Something kept beside the item changed (in a follow-up round: marked ready, another person answers; its kontering): a
    /// new revision, so viewers hear of it, but not a new version: an edit open in someone's form stays valid.
    /// </summary>
    public void NoteRelatedChange() => Revision++;

    /// <summary>A comment was added (+1) or deleted (-1). Like a checkpoint, a new revision but not a new version.</summary>
    public void CountComments(int change)
    {
        CommentCount = Math.Max(0, CommentCount + change);
        Revision++;
    }

    /// <summary>
    /// Gives the card a new position with the same place in its cell, when the cell is renumbered because the gaps
    /// between its cards ran out. A new version, so a move of it read before the renumbering answers stale, not misplaced.
    /// </summary>
    public void Renumber(double position)
    {
        Position = position;
        Version = Guid.NewGuid();
        Revision++;
    }

    /// <summary>
    /// Sets the status a workbook records for the item. Unlike a move on the board this may skip steps (the workbook
    /// says where the work is), but an item ready for political treatment still needs the committee that treats it.
    /// </summary>
    public void RecordStatus(ItemStatus status, double position)
    {
        if (!Enum.IsDefined(status))
        {
            throw new PlanRuleException("Den valgte status findes ikke.");
        }

        if (status == ItemStatus.ReadyForPoliticalTreatment && TreatmentCommitteeId is null)
        {
            throw new PlanRuleException(StatusRules.NeedsTreatmentCommittee(Code));
        }

        Status = status;
        Position = position;
        Version = Guid.NewGuid();
        Revision++;
    }

    /// <summary>The details as they are now: the starting point of an edit.</summary>
    public ItemDetails ToDetails() => new()
    {
        Code = Code,
        Title = Title,
        Description = Description,
        Kind = Kind,
        ThemeId = ThemeId,
        CommitteeId = CommitteeId,
        ResponsibleUnit = ResponsibleUnit,
        Health = Health,
        Timing = Timing,
        TreatmentCommitteeId = TreatmentCommitteeId,
        TreatmentMeetingId = TreatmentMeetingId,
        IsCrossCutting = IsCrossCutting,
        RequiresMedInvolvement = RequiresMedInvolvement,
        CaseNumber = CaseNumber,
        Notes = Notes,
        Effects = [.. _effects],
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
