namespace Udmoentning.Web.Access;

/// <summary>
/// The default and fallback policy require one of the four roles: a signed-in user without a role sees nothing of the plan.
/// <see cref="SignedIn"/> is for the few pages such a user may see (the "no access" page).
/// </summary>
public static class AccessPolicies
{
    public const string SignedIn = "SignedIn";
}
