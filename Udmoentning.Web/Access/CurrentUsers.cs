using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Access;

/// <summary>How often open circuits re-check their user, and how long a user's rights are reused between database reads.</summary>
public sealed record AccessTimes(TimeSpan Revalidate, TimeSpan Cache)
{
    public const string Section = "Access";

    /// <summary>Revalidation every 10 s and rights reused for 5 s: a change reaches every open page within 15 s.</summary>
    public static AccessTimes From(IConfiguration configuration)
    {
        var revalidate = configuration.GetValue($"{Section}:RevalidateSeconds", 10.0);
        var cache = configuration.GetValue($"{Section}:CacheSeconds", 5.0);
        if (revalidate is <= 0 or > 20 || cache is < 0 or > 10)
        {
            throw new StartupException($"{Section}:RevalidateSeconds must be above 0 and at most 20, {Section}:CacheSeconds from 0 to 10, so access taken away is gone within 30 seconds.");
        }

        return new AccessTimes(TimeSpan.FromSeconds(revalidate), TimeSpan.FromSeconds(cache));
    }
}

/// <summary>A user's account and rights as the database holds them now.</summary>
public sealed record UserAccess(
    string Id, string Name, string? SecurityStamp, bool IsDisabled, IReadOnlySet<Role> Roles, IReadOnlySet<string> CommitteeCodes, IReadOnlySet<int> CommitteeIds)
{
    /// <summary>A disabled account has no rights at all.</summary>
    public Actor ToActor() => IsDisabled ? Actor.Anonymous : new Actor(Id, Name, Roles, CommitteeIds);
}

/// <summary>
/// The one place that says who a signed-in principal is now and what they may do: the principal's user id
/// (<see cref="ClaimTypes.NameIdentifier"/>) is looked up in the Identity tables; roles and committees come from there,
/// never from the claims given at sign-in. Answers are reused for a few seconds, so a board's moves do not each pay a
/// query; <see cref="UserAdministration"/> forgets a user at once when it changes them. While the database cannot be
/// reached, rights read before are used for <see cref="OutageGrace"/> past their time.
/// </summary>
public sealed class CurrentUsers(IDbContextFactory<PlanDbContext> contexts, AccessTimes times, TimeProvider clock)
{
    /// <summary>
    /// How long past their time rights already read are used while the database cannot be reached. Without it, a page that
    /// asks (opening an item, a meeting's next step, the revalidation of every open page) failed on a short outage, and
    /// the failure ended the viewer's connection. Nothing can be saved meanwhile; rights taken away just before an outage
    /// can at most last this much longer.
    /// </summary>
    public static readonly TimeSpan OutageGrace = TimeSpan.FromSeconds(15);

    /// <summary>Identity's lockout end for an account an administrator disabled: it never ends by itself.</summary>
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    private readonly ConcurrentDictionary<string, (UserAccess? Access, DateTimeOffset Until)> _cache = new();

    public static bool IsDisabled(PlanUser user) => IsDisabled(user.LockoutEnabled, user.LockoutEnd);

    /// <summary>The same, for an account read as its lockout fields alone.</summary>
    public static bool IsDisabled(bool lockoutEnabled, DateTimeOffset? lockoutEnd) => lockoutEnabled && lockoutEnd is { Year: >= 9999 };

    public static string? UserId(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirst(ClaimTypes.NameIdentifier)?.Value : null;

    /// <summary>The actor behind <paramref name="user"/> as of now; anonymous for an unknown or disabled account.</summary>
    public async Task<Actor> ActorAsync(ClaimsPrincipal? user, CancellationToken cancellationToken = default) =>
        UserId(user) is { } id && await FindAsync(id, cancellationToken) is { } access ? access.ToActor() : Actor.Anonymous;

    /// <summary>The account with this id, or null when there is none.</summary>
    public async Task<UserAccess?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(userId, out var cached) && cached.Until > now)
        {
            return cached.Access;
        }

        try
        {
            var access = await ReadAsync(userId, cancellationToken);
            _cache[userId] = (access, now + times.Cache);
            return access;
        }
        catch (Exception e) when (StorageFailure.Is(e) && cached.Until != default && now - cached.Until < OutageGrace)
        {
            return cached.Access;
        }
    }

    /// <summary>The next question about this user reads the database.</summary>
    public void Forget(string userId) => _cache.TryRemove(userId, out _);

    /// <summary>The ids of the committees with these short codes (compared as <paramref name="codes"/> compares them).</summary>
    public static async Task<HashSet<int>> CommitteeIdsAsync(PlanDbContext db, IReadOnlySet<string> codes, CancellationToken cancellationToken) =>
        (await db.Committees.AsNoTracking().Select(c => new { c.Id, c.ShortCode }).ToListAsync(cancellationToken))
            .Where(c => codes.Contains(c.ShortCode))
            .Select(c => c.Id)
            .ToHashSet();

    private async Task<UserAccess?> ReadAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var roleNames = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .ToListAsync(cancellationToken);
        var roles = roleNames
            .Select(r => RoleNames.Parse(r))
            .OfType<Role>()
            .ToHashSet();
        var codes = (await db.UserClaims.Where(c => c.UserId == userId && c.ClaimType == AccessClaims.Committee).Select(c => c.ClaimValue).ToListAsync(cancellationToken))
            .OfType<string>()
            .Select(c => c.Trim())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var committeeIds = await CommitteeIdsAsync(db, codes, cancellationToken);
        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? "Ukendt bruger" : user.DisplayName;
        return new UserAccess(user.Id, name, user.SecurityStamp, IsDisabled(user), roles, codes, committeeIds);
    }
}
