using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Access;

/// <summary>Who may do what. Every change is checked here on the server; hidden buttons are only a convenience.</summary>
public static class AccessRules
{
    public const string ReadOnly = "Du har kun læseadgang til planen.";
    public const string NotSignedIn = "Du skal være logget ind.";
    public const string CrossCuttingOnly = "Tværgående punkter og råderumsforslag ændres af koordinatorerne.";

    public static bool CanView(Actor actor) => actor.IsSignedIn;

    public const string NotPlanManager = "Kun koordinatorer og administratorer kan administrere planer, hovedpunkter, udvalg og møder og importere planer.";

    public static bool CanAdminister(Actor actor) => actor.Has(Role.Administrator);

    public const string NotPublisher = "Kun administratorer kan åbne eller lukke en plans offentlige side.";

    /// <summary>Plans, themes, committees, meetings and imports: coordinators and administrators.</summary>
    public static bool CanManagePlans(Actor actor) => actor.IsSignedIn && (actor.Has(Role.Coordinator) || actor.Has(Role.Administrator));

    /// <summary>Null when the actor may change the item as it is now; otherwise the Danish reason.</summary>
    public static string? RefusalToChange(Actor actor, PlanItem item) =>
        Refusal(actor, item.CommitteeId, item.ConcernsAllCommittees);

    /// <summary>For an edit, the item must be theirs both before and after: nobody hands an item to a committee they do not hold.</summary>
    public static string? RefusalToEdit(Actor actor, PlanItem item, ItemDetails after) =>
        RefusalToChange(actor, item)
        ?? Refusal(actor, after.CommitteeId, after.IsCrossCutting || after.Kind == ItemKind.FiscalLeewayProposal);

    public static bool CanChange(Actor actor, PlanItem item) => RefusalToChange(actor, item) is null;

    /// <summary>Whether the actor may change any item at all: coordinators and administrators, and editors of a committee.</summary>
    public static bool MayChangeItems(Actor actor) =>
        actor.IsSignedIn && (actor.Has(Role.Coordinator) || actor.Has(Role.Administrator) || (actor.Has(Role.Editor) && actor.CommitteeIds.Count > 0));

    public const string NotExecutive =
        "Kun koordinatorer og administratorer (Direktionen og Koncernledelsen) kan markere, at et punkt er drøftet i Direktionen eller Koncernledelsen.";

    /// <summary>
    /// Null when the actor may mark <paramref name="step"/> as done for the item, or take it back; otherwise the Danish
    /// reason. "Drøftet i Direktionen/Koncernledelsen" is for coordinators and administrators (they are direktion and
    /// koncernledelse); MED and the political treatment for whoever may change the item.
    /// </summary>
    public static string? RefusalToMarkCheckpoint(Actor actor, PlanItem item, CheckpointStep step)
    {
        if (step is not (CheckpointStep.DiscussedByExecutiveBoard or CheckpointStep.DiscussedByGroupManagement))
        {
            return RefusalToChange(actor, item);
        }

        if (!actor.IsSignedIn)
        {
            return NotSignedIn;
        }

        if (actor.Has(Role.Coordinator) || actor.Has(Role.Administrator))
        {
            return null;
        }

        return actor.Has(Role.Editor) ? NotExecutive : ReadOnly;
    }

    /// <summary>
    /// Null when the actor may write in item threads; otherwise the Danish reason. Comments cross committees on purpose:
    /// an editor may comment on any item, not only their committee's; readers read the threads.
    /// </summary>
    public static string? RefusalToComment(Actor actor)
    {
        if (!actor.IsSignedIn)
        {
            return NotSignedIn;
        }

        return actor.Has(Role.Editor) || actor.Has(Role.Coordinator) || actor.Has(Role.Administrator) ? null : ReadOnly;
    }

    public const string NotPresenter = "Kun koordinatorer, administratorer og udvalgets redaktører kan præsentere mødet.";

    /// <summary>
    /// Who may present a meeting (start it, step through it, take it over): coordinators and administrators, and for a
    /// committee's meeting also its editors. <paramref name="committeeId"/> is null for direktion and koncernledelse.
    /// </summary>
    public static bool CanPresent(Actor actor, int? committeeId) =>
        actor.IsSignedIn && (actor.Has(Role.Coordinator) || actor.Has(Role.Administrator)
            || (committeeId is { } id && actor.Has(Role.Editor) && actor.CommitteeIds.Contains(id)));

    private static string? Refusal(Actor actor, int committeeId, bool concernsAll)
    {
        if (!actor.IsSignedIn)
        {
            return NotSignedIn;
        }

        if (actor.Has(Role.Coordinator) || actor.Has(Role.Administrator))
        {
            return null;
        }

        if (!actor.Has(Role.Editor))
        {
            return ReadOnly;
        }

        if (concernsAll)
        {
            return CrossCuttingOnly;
        }

        return actor.CommitteeIds.Contains(committeeId)
            ? null
            : "Du kan kun ændre punkter under de udvalg, du er redaktør for.";
    }
}
