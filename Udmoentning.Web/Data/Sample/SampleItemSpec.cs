using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Data.Sample;

/// <summary>One item of the sample plan, as plain data; <see cref="SampleSeeder"/> turns it into a PlanItem.</summary>
/// <param name="Code">Code with committee prefix, e.g. "AU-D3", "BUU-A301".</param>
/// <param name="Theme">1-based index of the main theme in <see cref="SamplePlanData.Themes"/>.</param>
/// <param name="Committee">Short code of the responsible committee, e.g. "AU".</param>
/// <param name="Baseline">Original indicative timing, e.g. "Q2 2025"; null for ongoing items.</param>
/// <param name="Timing">Current timing; differs from Baseline when the item has slipped.</param>
/// <param name="TreatedBy">Short code of the committee that treats it politically, or null.</param>
/// <param name="MeetingOn">Date of that committee's meeting, "yyyy-MM-dd"; must be one of SamplePlanData.Meetings.</param>
/// <param name="Effects">Amounts in 1.000 kr. for 2025, 2026, 2027, 2028; negative is a saving.</param>
public sealed record SampleItemSpec(
    string Code,
    string Title,
    string Description,
    ItemKind Kind,
    int Theme,
    string Committee,
    string ResponsibleUnit,
    ItemStatus Status,
    Health Health,
    string? Baseline,
    string? Timing,
    string? TreatedBy,
    string? MeetingOn,
    bool CrossCutting,
    bool Med,
    string? CaseNumber,
    string? Notes,
    int[] Effects);
