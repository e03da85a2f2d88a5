using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Rounds;

/// <summary>Who answers for an item in a round, and who may report on it or run the round.</summary>
public static class RoundRules
{
    public const string NotRoundManager = "Kun koordinatorer og administratorer kan åbne, ændre og lukke opfølgningsrunder.";
    public const string NotAssignable = "Ansvaret i en runde kan kun gives til redaktører, koordinatorer og administratorer.";

    /// <summary>
    /// Whether <paramref name="actor"/> answers for <paramref name="entry"/>: the chosen person if one is chosen, otherwise the
    /// editors of the item's committee (<paramref name="itemCommitteeId"/>, the committee the item has now). Only someone
    /// who may write answers: a chosen person who has since become a reader does not.
    /// </summary>
    public static bool Answers(Actor actor, RoundItem entry, int itemCommitteeId) =>
        actor.IsSignedIn && CanAnswer(actor.Roles) && (entry.AssigneeId is { } assignee
            ? string.Equals(actor.UserId, assignee, StringComparison.Ordinal)
            : actor.Has(Role.Editor) && actor.CommitteeIds.Contains(itemCommitteeId));

    /// <summary>Whether the person answers for the item, described as people: by id and their committees as an editor.</summary>
    public static bool Answers(RoundPerson person, RoundItem entry, int itemCommitteeId) =>
        entry.AssigneeId is { } assignee
            ? string.Equals(person.UserId, assignee, StringComparison.Ordinal)
            : person.EditorCommitteeIds.Contains(itemCommitteeId);

    /// <summary>
    /// Null when the actor may report on the item in the round (write its text, confirm, mark it ready): the one who answers
    /// for it, and coordinators and administrators on anybody's behalf. Otherwise the Danish reason.
    /// </summary>
    public static string? RefusalToReport(Actor actor, RoundItem entry, int itemCommitteeId, string committeeName)
    {
        if (!actor.IsSignedIn)
        {
            return AccessRules.NotSignedIn;
        }

        if (CanManage(actor) || Answers(actor, entry, itemCommitteeId))
        {
            return null;
        }

        if (!actor.Has(Role.Editor))
        {
            return AccessRules.ReadOnly;
        }

        return entry.AssigneeName is { } name
            ? $"{entry.ItemCode} besvares i runden af {name}."
            : $"{entry.ItemCode} besvares i runden af redaktørerne for {committeeName}.";
    }

    /// <summary>
    /// The items nobody would answer for in a round: nobody is chosen for them (<paramref name="chosen"/>, by item id) and no
    /// one among <paramref name="people"/> is an editor of the item's committee. A coordinator chooses someone for them.
    /// </summary>
    public static IReadOnlyList<PlanItem> WithoutAnswerer(IEnumerable<PlanItem> items, IEnumerable<RoundPerson> people, IReadOnlySet<int>? chosen = null)
    {
        var covered = people.SelectMany(p => p.EditorCommitteeIds).ToHashSet();
        return [.. items.Where(i => !covered.Contains(i.CommitteeId) && chosen?.Contains(i.Id) != true)];
    }

    /// <summary>Open, close, change the deadline and choose who answers: coordinators and administrators.</summary>
    public static bool CanManage(Actor actor) => AccessRules.CanManagePlans(actor);

    /// <summary>Who may be chosen to answer: a signed-in user who may write (editor, coordinator or administrator).</summary>
    public static bool CanAnswer(IReadOnlySet<Role> roles) =>
        roles.Contains(Role.Editor) || roles.Contains(Role.Coordinator) || roles.Contains(Role.Administrator);
}

/// <summary>A user as a round sees them: who, and which committees they are an editor for.</summary>
public sealed record RoundPerson(string UserId, string Name, IReadOnlySet<int> EditorCommitteeIds);
