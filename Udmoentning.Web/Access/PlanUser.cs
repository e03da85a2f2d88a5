using Microsoft.AspNetCore.Identity;

namespace Udmoentning.Web.Access;

/// <summary>A local account (when no identity provider is configured), stored with ASP.NET Core Identity.</summary>
public sealed class PlanUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>
    /// The password was typed by an administrator: at the next sign-in the user chooses their own before anything else.
    /// </summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The party or group the user asks questions for ("Socialdemokratiet"), set in user administration; none for most.</summary>
    public string? Group { get; set; }
}
