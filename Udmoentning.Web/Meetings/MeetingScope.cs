using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Plans;
using Committee = Udmoentning.Domain.Plans.Committee;

namespace Udmoentning.Web.Meetings;

/// <summary>
/// Whose meeting it is and which items it follows: a committee's extract (its own items, the items it treats, the
/// cross-cutting ones), or for direktion and koncernledelse the cross-cutting items only.
/// </summary>
public sealed record MeetingScope(string Slug, string Name, Committee? Committee)
{
    public const string DirectorsSlug = "direktion";

    public static MeetingScope Directors { get; } = new(DirectorsSlug, "Direktion og koncernledelse", null);

    public int? CommitteeId => Committee?.Id;

    public bool Includes(PlanItem item) => GroupOf(item) is not null;

    /// <summary>Why the item is in the meeting (direktion follows the cross-cutting items only), or null when it is not.</summary>
    public ExtractGroup? GroupOf(PlanItem item) =>
        Committee is { } committee ? CommitteeExtract.GroupOf(committee.Id, item)
        : item.ConcernsAllCommittees ? ExtractGroup.CrossCutting
        : null;

    /// <summary>The scope a slug names in a plan, or null when there is no such committee.</summary>
    public static MeetingScope? For(PlanSnapshot snapshot, string slug)
    {
        if (string.Equals(slug, DirectorsSlug, StringComparison.OrdinalIgnoreCase))
        {
            return Directors;
        }

        return snapshot.CommitteeBySlug(slug) is { } committee ? new MeetingScope(committee.Slug, committee.Name, committee) : null;
    }
}
