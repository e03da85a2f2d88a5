using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Udmoentning.Web.Changes;

namespace Udmoentning.Web.Access;

/// <summary>
/// Keeps an open circuit's user current. Every <see cref="AccessTimes.Revalidate"/> it asks <see cref="CurrentUsers"/>:
/// an account that is gone, disabled or has a new security stamp makes the circuit anonymous (the page then sends the
/// person to sign-in); changed roles or committees give the circuit a principal with the current ones, so pages,
/// menus and <c>[Authorize]</c> re-read the rights without a new sign-in. When the database cannot be reached, the check
/// is left to the next time: the base class signs a circuit out on any failure, which made an outage end every open page.
/// </summary>
public sealed class AccessRevalidation(
    ILoggerFactory loggerFactory,
    CurrentUsers currentUsers,
    AccessTimes times,
    IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<AccessRevalidation>();

    protected override TimeSpan RevalidationInterval => times.Revalidate;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        if (CurrentUsers.UserId(principal) is not { } id)
        {
            return false;
        }

        UserAccess? found;
        try
        {
            found = await currentUsers.FindAsync(id, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page closed while its rights were read (the user went to another page): nobody is left to check for, and
            // the framework would log the cancellation as an error.
            return true;
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // Nothing can be saved meanwhile (every change asks CurrentUsers again); the next check asks the database anew.
            _logger.LogWarning(e, "The rights of an open page could not be checked: the database cannot be reached; checking again in {Seconds} s", times.Revalidate.TotalSeconds);
            return true;
        }

        if (found is not { IsDisabled: false } access)
        {
            return false;
        }

        // Only local accounts carry a stamp; a user signed in through the identity provider is checked by account alone.
        var stamp = principal.FindFirst(identity.Value.ClaimsIdentity.SecurityStampClaimType)?.Value;
        if (stamp is not null && stamp != access.SecurityStamp)
        {
            return false;
        }

        if (!HasRightsOf(principal, access))
        {
            // Starts a new revalidation loop with the current rights; this one ends.
            SetAuthenticationState(Task.FromResult(new AuthenticationState(WithRightsOf(principal, access))));
        }

        return true;
    }

    private static bool HasRightsOf(ClaimsPrincipal principal, UserAccess access) =>
        principal.Roles().SetEquals(access.Roles)
        && principal.FindAll(AccessClaims.Committee).Select(c => c.Value.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(access.CommitteeCodes);

    private static ClaimsPrincipal WithRightsOf(ClaimsPrincipal principal, UserAccess access)
    {
        var signedIn = principal.Identities.First(i => i.IsAuthenticated);
        var claims = signedIn.Claims
            .Where(c => c.Type != signedIn.RoleClaimType && c.Type != ClaimTypes.Role && c.Type != AccessClaims.Committee)
            .Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer, c.OriginalIssuer))
            .Concat(access.Roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())))
            .Concat(access.CommitteeCodes.Select(c => new Claim(AccessClaims.Committee, c)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, signedIn.AuthenticationType, signedIn.NameClaimType, ClaimTypes.Role));
    }
}
