using Udmoentning.Domain.Access;

namespace Udmoentning.Web.Access;

/// <summary>
/// One user per role, and a second editor for another committee (follow-up rounds ask each committee's editors), so a
/// newcomer can try every role in seconds. Created and usable only in Development.
/// </summary>
public static class DemoUsers
{
    /// <summary>A demo user's address, in a domain reserved for examples (RFC 2606): mail to it reaches a test server, never a person.</summary>
    public static string Email(DemoUser user) => $"{user.UserName}@example.org";

    public sealed record DemoUser(string UserName, string DisplayName, Role Role, string? Committee);

    public static readonly IReadOnlyList<DemoUser> All =
    [
        new("demo-laeser", "Lise Læser (byrådsmedlem)", Role.Reader, null),
        new("demo-redaktoer-au", "Rasmus Redaktør (AU)", Role.Editor, "AU"),
        new("demo-redaktoer-buu", "Birgitte Redaktør (BUU)", Role.Editor, "BUU"),
        new("demo-koordinator", "Karin Koordinator (direktionen)", Role.Coordinator, null),
        new("demo-administrator", "Anders Administrator", Role.Administrator, null),
    ];
}
