using System.Globalization;
using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.History;

/// <summary>How ids read in the record: committee short codes, theme names, meeting dates.</summary>
public sealed record ItemNames(Func<int?, string?> Committee, Func<int, string?> Theme, Func<int?, string?> Meeting);

/// <summary>The item's state before a change, taken before the change is applied.</summary>
public sealed record ItemState(ItemStatus Status, ItemDetails Details, int Place)
{
    public static ItemState Of(PlanItem item, int place) => new(item.Status, item.ToDetails(), place);
}

/// <summary>Lists what a change changed, field by field, with values written as the plan shows them.</summary>
public static class ItemDiff
{
    public static IReadOnlyList<FieldChange> Between(ItemState before, ItemState after, IEnumerable<int> years, ItemNames names)
    {
        var changes = new List<FieldChange>();

        void Add(string field, string? old, string? @new)
        {
            if (old != @new)
            {
                changes.Add(new FieldChange(field, old, @new));
            }
        }

        var (b, a) = (before.Details, after.Details);
        Add("Status", before.Status.Name(), after.Status.Name());
        if (before.Status == after.Status)
        {
            Add("Placering", $"nr. {before.Place}", $"nr. {after.Place}");
        }

        Add("Nummer", b.Code, a.Code);
        Add("Titel", b.Title, a.Title);
        Add("Beskrivelse", b.Description, a.Description);
        Add("Type", b.Kind.Name(), a.Kind.Name());
        Add("Hovedpunkt", names.Theme(b.ThemeId), names.Theme(a.ThemeId));
        Add("Ansvarligt udvalg", names.Committee(b.CommitteeId), names.Committee(a.CommitteeId));
        Add("Ansvarlig", b.ResponsibleUnit, a.ResponsibleUnit);
        Add("Tilstand", b.Health.Name(), a.Health.Name());
        Add("Tidspunkt", b.Timing?.ToString(), a.Timing?.ToString());
        Add("Behandles i udvalg", names.Committee(b.TreatmentCommitteeId), names.Committee(a.TreatmentCommitteeId));
        Add("Møde", names.Meeting(b.TreatmentMeetingId), names.Meeting(a.TreatmentMeetingId));
        Add("Tværgående", YesNo(b.IsCrossCutting), YesNo(a.IsCrossCutting));
        Add("MED-inddragelse", YesNo(b.RequiresMedInvolvement), YesNo(a.RequiresMedInvolvement));
        Add("Sagsnummer", b.CaseNumber, a.CaseNumber);
        Add("Noter", b.Notes, a.Notes);
        foreach (var year in years)
        {
            Add($"Økonomi {year}", Amount(b, year), Amount(a, year));
        }

        return changes;
    }

    private static string YesNo(bool value) => value ? "Ja" : "Nej";

    private static string Amount(ItemDetails details, int year) =>
        (details.Effects.FirstOrDefault(e => e.Year == year)?.AmountThousands ?? 0).ToString(CultureInfo.InvariantCulture);
}
