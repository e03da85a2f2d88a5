using System.Globalization;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Domain.History;

/// <summary>How ids read in the record: committee short codes, theme names, meeting dates.</summary>
public sealed record ItemNames(Func<int?, string?> Committee, Func<int, string?> Theme, Func<int?, string?> Meeting)
{
    /// <summary>Ids stand in for the names: enough to know which fields changed, not to record them.</summary>
    public static ItemNames Ids { get; } = new(Number, id => Number(id), Number);

    /// <summary>The names a record is written with, looked up in the plan's current committees, themes and meetings.</summary>
    public static ItemNames Of(IEnumerable<Committee> committees, IEnumerable<MainTheme> themes, IEnumerable<CommitteeMeeting> meetings) => new(
        id => committees.FirstOrDefault(c => c.Id == id)?.ShortCode,
        id => themes.FirstOrDefault(t => t.Id == id)?.Name,
        id => meetings.FirstOrDefault(m => m.Id == id) is { } meeting ? IsoDate.Format(meeting.Date) : null);

    private static string? Number(int? id) => id?.ToString(CultureInfo.InvariantCulture);
}

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
        var yearList = years.ToList();
        var old = Fields(before, yearList, names, includePlace: before.Status == after.Status);
        var @new = Fields(after, yearList, names, includePlace: before.Status == after.Status);
        return [.. old.Zip(@new).Where(p => p.First.Value != p.Second.Value).Select(p => new FieldChange(p.First.Field, p.First.Value, p.Second.Value))];
    }

    /// <summary>A new item's record: every field that has a value, from nothing.</summary>
    public static IReadOnlyList<FieldChange> Created(ItemState item, IEnumerable<int> years, ItemNames names) =>
        [.. Fields(item, years.ToList(), names, includePlace: false)
            .Where(f => f.Value is not null && f.Value != "Nej" && f.Value != "0")
            .Select(f => new FieldChange(f.Field, null, f.Value))];

    /// <summary>The fields of the record, in order, with values written as the plan shows them.</summary>
    private static List<(string Field, string? Value)> Fields(ItemState state, IReadOnlyList<int> years, ItemNames names, bool includePlace)
    {
        var d = state.Details;
        var fields = new List<(string Field, string? Value)> { ("Status", state.Status.Name()) };
        if (includePlace)
        {
            fields.Add(("Placering", $"nr. {state.Place}"));
        }

        fields.AddRange(
        [
            ("Nummer", d.Code),
            ("Titel", d.Title),
            ("Beskrivelse", d.Description),
            ("Type", d.Kind.Name()),
            ("Hovedpunkt", names.Theme(d.ThemeId)),
            ("Ansvarligt udvalg", names.Committee(d.CommitteeId)),
            ("Ansvarlig", d.ResponsibleUnit),
            ("Tilstand", d.Health.Name()),
            ("Tidspunkt", d.Timing?.ToString()),
            ("Behandles i udvalg", names.Committee(d.TreatmentCommitteeId)),
            ("Møde", names.Meeting(d.TreatmentMeetingId)),
            ("Tværgående", YesNo(d.IsCrossCutting)),
            ("MED-inddragelse", YesNo(d.RequiresMedInvolvement)),
            ("Sagsnummer", d.CaseNumber),
            ("Noter", d.Notes),
        ]);
        fields.AddRange(years.Select(year => ($"Økonomi {year}", (string?)Amount(d, year))));
        return fields;
    }

    private static string YesNo(bool value) => value ? "Ja" : "Nej";

    private static string Amount(ItemDetails details, int year) =>
        (details.Effects.FirstOrDefault(e => e.Year == year)?.AmountThousands ?? 0).ToString(CultureInfo.InvariantCulture);
}
