namespace Udmoentning.Domain.Items;

/// <summary>Everything about an item that a user edits in its details form (status moves separately).</summary>
public sealed record ItemDetails
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required ItemKind Kind { get; init; }
    public required int ThemeId { get; init; }
    public required int CommitteeId { get; init; }
    public string? ResponsibleUnit { get; init; }
    public Health Health { get; init; } = Health.Green;
    public Quarter? Timing { get; init; }
    public int? TreatmentCommitteeId { get; init; }
    public int? TreatmentMeetingId { get; init; }
    public bool IsCrossCutting { get; init; }
    public bool RequiresMedInvolvement { get; init; }
    public string? CaseNumber { get; init; }
    public string? Notes { get; init; }
    public IReadOnlyList<YearlyEffect> Effects { get; init; } = [];
}
