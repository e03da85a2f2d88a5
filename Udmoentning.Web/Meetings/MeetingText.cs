using Udmoentning.Domain.Items;
using Udmoentning.Web.Components.Shared;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Meetings;

/// <summary>An item's facts in words, as they are read aloud in a meeting: no colour or symbol carries meaning alone.</summary>
public static class MeetingText
{
    /// <summary>"Q3 2026, forsinket 2 kvt. i forhold til Q1 2026".</summary>
    public static string Timing(PlanItem item) => (item.Timing, item.BaselineTiming, item.Slippage) switch
    {
        (null, _, _) => "Intet tidspunkt angivet",
        ({ } now, { } baseline, > 0 and var late) => $"{now}, forsinket {late} kvt. i forhold til {baseline}",
        ({ } now, { } baseline, < 0 and var early) => $"{now}, fremrykket {-early} kvt. i forhold til {baseline}",
        ({ } now, _, _) => $"{now}, som oprindeligt planlagt",
    };

    /// <summary>"Økonomiudvalget, møde 13. maj 2025".</summary>
    public static string Treatment(PlanItem item, PlanSnapshot snapshot)
    {
        if (snapshot.Committee(item.TreatmentCommitteeId) is not { } committee)
        {
            return "Ingen politisk behandling planlagt";
        }

        return snapshot.Meeting(item.TreatmentMeetingId) is { } meeting
            ? $"{committee.Name}, møde {Format.Date(meeting.Date)}{(meeting.IsCancelled ? " (mødet er aflyst)" : string.Empty)}"
            : $"{committee.Name}, mødedato ikke fastlagt";
    }

    public static string Flags(PlanItem item)
    {
        var flags = new List<string>();
        if (item.IsCrossCutting)
        {
            flags.Add("Tværgående");
        }

        if (item.RequiresMedInvolvement)
        {
            flags.Add("MED-inddragelse");
        }

        return flags.Count == 0 ? "Ingen" : string.Join(", ", flags);
    }

    public static string CommitteeName(PlanItem item, PlanSnapshot snapshot) => snapshot.Committee(item.CommitteeId) is { } c ? $"{c.Name} ({c.ShortCode})" : "–";

    public static string HealthClass(Health health) => health switch
    {
        Health.Yellow => "health-yellow",
        Health.Red => "health-red",
        _ => "health-green",
    };

    public static string Since(DateOnly date) => Format.Date(date);
}
