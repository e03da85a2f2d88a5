using System.Security.Claims;
using Udmoentning.Domain.Access;

namespace Udmoentning.Web.Access;

/// <summary>The claims a signed-in user carries: roles by code name, committees by short code.</summary>
public static class AccessClaims
{
    public const string Committee = "udmoentning:udvalg";
    public const string DisplayName = "udmoentning:navn";

    public static IReadOnlySet<Role> Roles(this ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role)
            .Select(c => RoleNames.Parse(c.Value))
            .OfType<Role>()
            .ToHashSet();

    public static string Name(this ClaimsPrincipal user) =>
        user.FindFirst(DisplayName)?.Value ?? user.Identity?.Name ?? "Ukendt bruger";
}
