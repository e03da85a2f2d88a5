using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Components.Pages;

namespace Udmoentning.Web.Board;

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
    /// <summary>The amounts per budget year as typed (1.000 kr.), read with <see cref="Amounts"/> on save.</summary>
    public Dictionary<int, string> Effects { get; } = [];

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
            form.Effects[year] = Amounts.Format(item.EffectIn(year));
        }

        return form;
    }

    /// <summary>The error field name of one year's amount, so the message stands next to that field.</summary>
    public static string EffectField(int year) => $"{nameof(ItemDetails.Effects)}.{year}";

    /// <summary>What a timing not written as a quarter becomes ("\"2027\" læses som Q4 2027."), shown under the field before saving; the import's preview lists the same.</summary>
    public string? TimingNote => DanishTiming.Read(Timing).Note;

    /// <summary>The Danish reason one year's amount cannot be read, or null.</summary>
    public string? EffectError(int year) => Amounts.Read(Effects.GetValueOrDefault(year)).Error;

    /// <summary>The details to save, or the field errors of what could not even be read (a timing that is not a quarter, an amount that is not whole thousands).</summary>
    public (ItemDetails? Details, IReadOnlyList<FieldError> Errors) ToDetails()
    {
        var errors = new List<FieldError>();
        Quarter? timing = null;
        if (!string.IsNullOrWhiteSpace(Timing))
        {
            // The domain's one timing grammar, the same the import reads (ADR 0016, 0019).
            var reading = DanishTiming.Read(Timing);
            if (reading.Value is { } quarter)
            {
                timing = quarter;
            }
            else
            {
                errors.Add(new FieldError(nameof(ItemDetails.Timing), reading.Error ?? $"\"{Timing}\" er ikke et tidspunkt. Skriv fx \"Q2 2025\"."));
            }
        }

        var effects = new List<YearlyEffect>();
        foreach (var (year, text) in Effects)
        {
            var amount = Amounts.Read(text);
            if (amount.IsOk)
            {
                effects.Add(new YearlyEffect(year, amount.Value));
            }
            else
            {
                errors.Add(new FieldError(EffectField(year), amount.Error!));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
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
            Effects = effects,
        }, []);
    }
}
