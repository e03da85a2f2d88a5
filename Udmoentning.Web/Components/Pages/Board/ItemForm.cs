using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Web.Components.Pages.Board;

/// <summary>The details form's editable copy of an item; turned into <see cref="ItemDetails"/> on save.</summary>
public sealed class ItemForm
{
    public string Code { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public string? Description { get; set; }
    public ItemKind Kind { get; set; }
    public int ThemeId { get; set; }
    public int CommitteeId { get; set; }
    public string? ResponsibleUnit { get; set; }
    public Health Health { get; set; }
    public string? Timing { get; set; }
    public int? TreatmentCommitteeId { get; set; }
    public int? TreatmentMeetingId { get; set; }
    public bool IsCrossCutting { get; set; }
    public bool RequiresMedInvolvement { get; set; }
    public string? CaseNumber { get; set; }
    public string? Notes { get; set; }
    public Dictionary<int, int> Effects { get; } = [];

    public static ItemForm From(PlanItem item, IEnumerable<int> years)
    {
        var form = new ItemForm
        {
            Code = item.Code,
            Title = item.Title,
            Description = item.Description,
            Kind = item.Kind,
            ThemeId = item.ThemeId,
            CommitteeId = item.CommitteeId,
            ResponsibleUnit = item.ResponsibleUnit,
            Health = item.Health,
            Timing = item.Timing?.ToString(),
            TreatmentCommitteeId = item.TreatmentCommitteeId,
            TreatmentMeetingId = item.TreatmentMeetingId,
            IsCrossCutting = item.IsCrossCutting,
            RequiresMedInvolvement = item.RequiresMedInvolvement,
            CaseNumber = item.CaseNumber,
            Notes = item.Notes,
        };
        foreach (var year in years)
        {
            form.Effects[year] = item.EffectIn(year);
        }

        return form;
    }

    /// <summary>The details to save, or the field errors of what could not even be read (a timing that is not a quarter).</summary>
    public (ItemDetails? Details, IReadOnlyList<FieldError> Errors) ToDetails()
    {
        Quarter? timing = null;
        if (!string.IsNullOrWhiteSpace(Timing))
        {
            if (!Quarter.TryParse(Timing, out var quarter))
            {
                return (null, [new FieldError(nameof(ItemDetails.Timing), $"\"{Timing}\" er ikke et tidspunkt. Skriv fx \"Q2 2025\".")]);
            }

            timing = quarter;
        }

        return (new ItemDetails
        {
            Code = Code,
            Title = Title,
            Description = Description,
            Kind = Kind,
            ThemeId = ThemeId,
            CommitteeId = CommitteeId,
            ResponsibleUnit = ResponsibleUnit,
            Health = Health,
            Timing = timing,
            TreatmentCommitteeId = TreatmentCommitteeId,
            TreatmentMeetingId = TreatmentCommitteeId is null ? null : TreatmentMeetingId,
            IsCrossCutting = IsCrossCutting,
            RequiresMedInvolvement = RequiresMedInvolvement,
            CaseNumber = CaseNumber,
            Notes = Notes,
            Effects = [.. Effects.Select(e => new YearlyEffect(e.Key, e.Value))],
        }, []);
    }
}
