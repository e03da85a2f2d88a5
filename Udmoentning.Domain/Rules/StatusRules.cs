using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Rules;

/// <summary>Which status moves the plan allows, and why a move is refused.</summary>
public static class StatusRules
{
    private static readonly Dictionary<ItemStatus, ItemStatus[]> _allowed = new()
    {
        [ItemStatus.NotStarted] = [ItemStatus.InProgress],
        [ItemStatus.InProgress] = [ItemStatus.NotStarted, ItemStatus.ReadyForPoliticalTreatment, ItemStatus.Completed],
        [ItemStatus.ReadyForPoliticalTreatment] = [ItemStatus.InProgress, ItemStatus.Completed],
        [ItemStatus.Completed] = [ItemStatus.InProgress],
    };

    public static IReadOnlyList<ItemStatus> AllowedMoves(PlanItem item) =>
        Enum.GetValues<ItemStatus>().Where(to => RefusalReason(item, to) is null && to != item.Status).ToList();

    /// <summary>Null when the move is allowed; otherwise a Danish sentence saying why not.</summary>
    public static string? RefusalReason(PlanItem item, ItemStatus to)
    {
        if (!Enum.IsDefined(to))
        {
            return "Den valgte status findes ikke.";
        }

        if (to == item.Status)
        {
            return null;
        }

        if (!_allowed[item.Status].Contains(to))
        {
            return (item.Status, to) switch
            {
                (ItemStatus.NotStarted, ItemStatus.Completed) or (ItemStatus.NotStarted, ItemStatus.ReadyForPoliticalTreatment) =>
                    $"{item.Code} er ikke påbegyndt. Flyt det først til \"{ItemStatus.InProgress.Name()}\".",
                (ItemStatus.Completed, _) =>
                    $"{item.Code} er afsluttet. Genåbn det ved at flytte det til \"{ItemStatus.InProgress.Name()}\".",
                _ => $"{item.Code} kan ikke flyttes fra \"{item.Status.Name()}\" til \"{to.Name()}\".",
            };
        }

        if (to == ItemStatus.ReadyForPoliticalTreatment && item.TreatmentCommitteeId is null)
        {
            return NeedsTreatmentCommittee(item.Code);
        }

        if (to == ItemStatus.Completed && CheckpointRules.RefusalToComplete(item) is { } missing)
        {
            return missing;
        }

        return null;
    }

    public static string NeedsTreatmentCommittee(string code) =>
        $"{code} kan først være klar til politisk behandling, når det er angivet, hvilket udvalg der behandler det.";
}
