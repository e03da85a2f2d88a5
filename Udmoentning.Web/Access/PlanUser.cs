using Microsoft.AspNetCore.Identity;

namespace Udmoentning.Web.Access;

/// <summary>A local account (when no identity provider is configured), stored with ASP.NET Core Identity.</summary>
public sealed class PlanUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;
}
