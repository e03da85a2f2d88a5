using Udmoentning.Domain.Access;

namespace Udmoentning.Tests.Domain;

/// <summary>
/// A page is told its user again whenever its browser reconnects; only a change of rights makes the board rebuild its cards
/// (issue 37: a room's 300 reconnects each rebuilt and rendered the whole board).
/// </summary>
public class ActorTests
{
    private static Actor Karin(IEnumerable<Role> roles, IEnumerable<int> committees, string name = "Karin Koordinator") =>
        new("karin", name, roles.ToHashSet(), committees.ToHashSet());

    [Fact]
    public void TheSameUserWithTheSameRolesAndCommitteesHasTheSameRightsWhateverTheOrderOrTheName()
    {
        var before = Karin([Role.Editor, Role.Coordinator], [1, 2]);

        Assert.True(Karin([Role.Coordinator, Role.Editor], [2, 1]).HasSameRightsAs(before));
        Assert.True(Karin([Role.Editor, Role.Coordinator], [1, 2], name: "Karin K.").HasSameRightsAs(before));
    }

    [Fact]
    public void AnotherRoleAnotherCommitteeOrAnotherUserIsAChangeOfRights()
    {
        var before = Karin([Role.Editor], [1]);

        Assert.False(Karin([Role.Editor, Role.Coordinator], [1]).HasSameRightsAs(before));
        Assert.False(Karin([Role.Editor], [1, 2]).HasSameRightsAs(before));
        Assert.False(Karin([Role.Editor], []).HasSameRightsAs(before));
        Assert.False(new Actor("anne", "Karin Koordinator", before.Roles, before.CommitteeIds).HasSameRightsAs(before));
        Assert.False(Actor.Anonymous.HasSameRightsAs(before));
    }
}
