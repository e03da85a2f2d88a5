namespace Udmoentning.Domain.Access;

/// <summary>What a user may do. Claims carry the code names; the UI shows the Danish ones.</summary>
public enum Role
{
    /// <summary>Læser: reads the plan (politicians, observers).</summary>
    Reader = 1,

    /// <summary>Redaktør: changes the items of the committees assigned to them.</summary>
    Editor = 2,

    /// <summary>Koordinator: direktion and koncernledelse; changes every item, cross-cutting ones included.</summary>
    Coordinator = 3,

    /// <summary>Administrator: users, committees, themes and plans; and every item.</summary>
    Administrator = 4,
}

public static class RoleNames
{
    /// <summary>The role a stored or claimed code name ("Editor", any case) stands for; null for anything else.</summary>
    public static Role? Parse(string? codeName) =>
        Enum.TryParse<Role>(codeName, ignoreCase: true, out var role) && Enum.IsDefined(role) ? role : null;

    public static string Name(this Role role) => role switch
    {
        Role.Reader => "Læser",
        Role.Editor => "Redaktør",
        Role.Coordinator => "Koordinator",
        Role.Administrator => "Administrator",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
