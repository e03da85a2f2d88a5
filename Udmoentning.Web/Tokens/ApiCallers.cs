using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Web.Access;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Tokens;

/// <summary>
/// Who is calling the feed, whichever way they signed in (<see cref="TokenPolicies.Feed"/>): a browser session, a personal
/// access token, or a service account. The feed asks here and nowhere else.
/// </summary>
public sealed class ApiCallers(CurrentUsers users, ServiceAccountSettings serviceAccounts, IDbContextFactory<PlanDbContext> contexts)
{
    /// <summary>
    /// The caller's rights as they are now: a person's from their account (a disabled one has none); a service account's
    /// from its mapping, with its committee looked up by short code.
    /// </summary>
    public async Task<Actor> ActorAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (ServiceClient(user) is not { } client)
        {
            return await users.ActorAsync(user, cancellationToken);
        }

        if (!serviceAccounts.Accounts.TryGetValue(client, out var account) || RoleNames.Parse(account.Role) is not { } role)
        {
            return Actor.Anonymous;
        }

        var committees = new HashSet<int>();
        if (account.Committee?.Trim() is { Length: > 0 } code)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            committees = await CurrentUsers.CommitteeIdsAsync(db, new HashSet<string>([code], StringComparer.OrdinalIgnoreCase), cancellationToken);
        }

        return new Actor(ServiceAccount.UserIdOf(client), account.DisplayName(client), new HashSet<Role> { role }, committees);
    }

    /// <summary>The caller for a log line: "token 12 'Power BI' of user X", "service account powerbi", "browser session of user X".</summary>
    public string Describe(ClaimsPrincipal user)
    {
        if (ServiceClient(user) is { } client)
        {
            return $"service account {client}";
        }

        if (CurrentUsers.UserId(user) is not { } userId)
        {
            return "anonymous caller";
        }

        return user.FindFirst(TokenClaims.TokenId)?.Value is { } tokenId
            ? $"token {tokenId} '{user.FindFirst(TokenClaims.TokenName)?.Value}' of user {userId}"
            : $"browser session of user {userId}";
    }

    /// <summary>The service account's client, only from an identity the service scheme made (no other sign-in can claim it).</summary>
    private static string? ServiceClient(ClaimsPrincipal user) =>
        user.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == TokenSchemes.Service)?.FindFirst(TokenClaims.ServiceAccount)?.Value;
}
