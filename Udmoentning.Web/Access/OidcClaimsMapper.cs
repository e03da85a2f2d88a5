using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Udmoentning.Web.Access;

/// <summary>
/// Turns an identity provider's group or role claims into Udmøntning's roles and committees, by the
/// mapping in <c>Access:Oidc</c> (e.g. an Entra ID group's object id → "Coordinator", or → committee "AU").
/// </summary>
public sealed class OidcClaimsMapper(OidcSettings settings) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity
            || identity.AuthenticationType != OidcSettings.CookieScheme
            || identity.HasClaim(c => c.Type == AccessClaims.DisplayName))
        {
            return Task.FromResult(principal);
        }

        var mapped = new ClaimsIdentity(identity.Claims, identity.AuthenticationType, identity.NameClaimType, ClaimTypes.Role);
        var values = identity.FindAll(settings.RoleClaim).Select(c => c.Value).ToList();
        foreach (var value in values)
        {
            if (settings.Roles.TryGetValue(value, out var role))
            {
                mapped.AddClaim(new Claim(ClaimTypes.Role, role));
            }

            if (settings.Committees.TryGetValue(value, out var committee))
            {
                mapped.AddClaim(new Claim(AccessClaims.Committee, committee));
            }
        }

        var name = identity.FindFirst("name")?.Value ?? identity.Name ?? identity.FindFirst("preferred_username")?.Value ?? "Ukendt bruger";
        mapped.AddClaim(new Claim(AccessClaims.DisplayName, name));
        return Task.FromResult(new ClaimsPrincipal(mapped));
    }
}

/// <summary>Settings under <c>Access:Oidc</c>; sign-in through the identity provider is on when Authority is set.</summary>
public sealed class OidcSettings
{
    public const string Section = "Access:Oidc";
    public const string Scheme = "Oidc";
    public const string CookieScheme = "OidcCookie";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The claim that carries groups or app roles: "groups" or "roles" for Entra ID.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Claim value → role code name (Reader, Editor, Coordinator, Administrator).</summary>
    public Dictionary<string, string> Roles { get; set; } = [];

    /// <summary>Claim value → committee short code (e.g. "AU"), for editors.</summary>
    public Dictionary<string, string> Committees { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
