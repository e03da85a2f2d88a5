using System.Security.Claims;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Web.Access;

/// <summary>The claims a signed-in user carries: roles by code name, committees by short code.</summary>
public static class AccessClaims
{
    public const string Committee = "udmoentning:udvalg";
    public const string DisplayName = "udmoentning:navn";

    public static IReadOnlySet<Role> Roles(this ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role)
            .Select(c => Enum.TryParse<Role>(c.Value, ignoreCase: true, out var role) && Enum.IsDefined(role) ? role : (Role?)null)
            .OfType<Role>()
            .ToHashSet();

    public static string Name(this ClaimsPrincipal user) =>
        user.FindFirst(DisplayName)?.Value ?? user.Identity?.Name ?? "Ukendt bruger";

    /// <summary>The actor behind a principal; committee short codes become the committees' ids.</summary>
    public static Actor ToActor(this ClaimsPrincipal? user, IEnumerable<Committee> committees)
    {
        // The user id in the record is the account's stable id; a principal without one (never made by sign-in) may do nothing.
        var userId = user?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (user?.Identity?.IsAuthenticated != true || string.IsNullOrWhiteSpace(userId))
        {
            return Actor.Anonymous;
        }

        var codes = user.FindAll(Committee).Select(c => c.Value.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new Actor(userId, user.Name(), user.Roles(), committees.Where(c => codes.Contains(c.ShortCode)).Select(c => c.Id).ToHashSet());
    }
}
