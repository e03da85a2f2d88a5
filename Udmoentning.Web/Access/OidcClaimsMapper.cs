using System.Security.Claims;
using Udmoentning.Domain.Access;

namespace Udmoentning.Web.Access;

/// <summary>What the identity provider's groups give a user: at most one role (the highest mapped) and, for editors, committees.</summary>
public sealed record OidcAccess(Role? Role, IReadOnlyList<string> Committees);

/// <summary>
/// Turns an identity provider's group or role claims into Udmøntning's roles and committees, by the
/// mapping in <c>Access:Oidc</c> (e.g. an Entra ID group's object id → "Coordinator", or → committee "AU").
/// A user in no mapped group gets no role, and so no access.
/// </summary>
public sealed class OidcClaimsMapper(OidcSettings settings)
{
    public OidcAccess Map(ClaimsPrincipal fromProvider)
    {
        var values = fromProvider.FindAll(settings.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var role = settings.Roles
            .Where(pair => values.Contains(pair.Key))
            .Select(pair => RoleNames.Parse(pair.Value))
            .Max();
        var committees = role == Role.Editor
            ? settings.Committees.Where(pair => values.Contains(pair.Key)).Select(pair => pair.Value.Trim().ToUpperInvariant()).Distinct().Order().ToList()
            : [];
        return new OidcAccess(role, committees);
    }
}

/// <summary>Settings under <c>Access:Oidc</c>; sign-in through the identity provider is on when Authority is set.</summary>
public sealed class OidcSettings
{
    public const string Section = "Access:Oidc";
    public const string Scheme = "Oidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Only for tests against a provider on plain HTTP; a real provider is always reached over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim that carries groups or app roles: "groups" or "roles" for Entra ID.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Claim value → role code name (Reader, Editor, Coordinator, Administrator).</summary>
    public Dictionary<string, string> Roles { get; set; } = [];

    /// <summary>Claim value → committee short code (e.g. "AU"), for editors.</summary>
    public Dictionary<string, string> Committees { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
