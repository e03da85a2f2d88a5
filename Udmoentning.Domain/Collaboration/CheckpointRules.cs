using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Collaboration;

/// <summary>
/// Which coordination steps an item requires before it may be completed (X). Items flagged for MED involvement need MED
/// inddraget; cross-cutting items need Direktionen and Koncernledelsen; a flagged item that a committee is to treat also
/// needs the political treatment. Other items may record steps but need none.
/// </summary>
public static class CheckpointRules
{
    public static IReadOnlyList<CheckpointStep> Required(PlanItem item)
    {
        var steps = new List<CheckpointStep>();
        if (item.RequiresMedInvolvement)
        {
            steps.Add(CheckpointStep.MedInvolved);
        }

        if (item.IsCrossCutting)
        {
            steps.Add(CheckpointStep.DiscussedByExecutiveBoard);
            steps.Add(CheckpointStep.DiscussedByGroupManagement);
        }

        if (steps.Count > 0 && item.TreatmentCommitteeId is not null)
        {
            steps.Add(CheckpointStep.PoliticallyTreated);
        }

        return steps;
    }

    /// <summary>The required steps not yet done, in order.</summary>
    public static IReadOnlyList<CheckpointStep> Missing(PlanItem item) =>
        [.. Required(item).Where(step => item.Checkpoints.All(c => c.Step != step))];

    /// <summary>Whether the item, not yet completed, still waits for <paramref name="step"/> before it may be.</summary>
    public static bool IsWaitingFor(PlanItem item, CheckpointStep step) =>
        !item.IsCompleted && Required(item).Contains(step) && item.Checkpoints.All(c => c.Step != step);

    /// <summary>Null when the item may be completed; otherwise the Danish reason naming the missing steps.</summary>
    public static string? RefusalToComplete(PlanItem item)
    {
        var missing = Missing(item);
        if (missing.Count == 0)
        {
            return null;
        }

        var names = missing.Select(s => $"\"{s.Name()}\"").ToList();
        var list = names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " og " + names[^1];
        return $"{item.Code} kan først afsluttes (X), når {list} er markeret som gjort. Markér det under Kontrolpunkter i punktets detaljer.";
    }
}
