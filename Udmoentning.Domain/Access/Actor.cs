namespace Udmoentning.Domain.Access;

/// <summary>Who is acting: their name for the record, their roles, and the committees they edit for.</summary>
public sealed record Actor(string UserId, string Name, IReadOnlySet<Role> Roles, IReadOnlySet<int> CommitteeIds)
{
    public static Actor Anonymous { get; } = new(string.Empty, "Anonym", new HashSet<Role>(), new HashSet<int>());

    public bool Has(Role role) => Roles.Contains(role);

    public bool IsSignedIn => UserId.Length > 0 && Roles.Count > 0;

    /// <summary>Whether <paramref name="other"/> is the same user with the same roles and committees (the name aside).</summary>
    public bool HasSameRightsAs(Actor other) =>
        UserId == other.UserId && Roles.SetEquals(other.Roles) && CommitteeIds.SetEquals(other.CommitteeIds);
}
