using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Web.Access;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Notifications;

/// <summary>Someone who may get mail: an active account with a role (so they may see the plan) and an e-mail address.</summary>
public sealed record MailPerson(string UserId, string Name, string Address, IReadOnlySet<Role> Roles, IReadOnlySet<int> CommitteeIds)
{
    public Actor Actor => new(UserId, Name, Roles, CommitteeIds);

    public MailRecipient Recipient => new(UserId, Name, Address);

    /// <summary>The committees the person edits for (an editor's committees; none for other roles).</summary>
    public IReadOnlySet<int> EditorCommitteeIds => Roles.Contains(Role.Editor) ? CommitteeIds : new HashSet<int>();
}

/// <summary>
/// The people mail may go to, as the database holds them now, read with the same rules as <see cref="CurrentUsers"/>: a
/// disabled account, one with no role, or one with no address gets no mail. Every signed-in role may see the whole plan
/// (<see cref="AccessRules.CanView"/>), so whoever is here may read what a mail about the plan says.
/// </summary>
public static class MailPeople
{
    public static async Task<IReadOnlyList<MailPerson>> ReadAsync(PlanDbContext db, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => u.Email != null && u.Email != string.Empty)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Email, u.LockoutEnabled, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var roles = (await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => RoleNames.Parse(r.Name));
        var claims = (await db.UserClaims.Where(c => c.ClaimType == AccessClaims.Committee).Select(c => new { c.UserId, c.ClaimValue }).ToListAsync(cancellationToken))
            .ToLookup(c => c.UserId, c => c.ClaimValue?.Trim() ?? string.Empty);
        var byCode = (await db.Committees.AsNoTracking().Select(c => new { c.Id, c.ShortCode }).ToListAsync(cancellationToken))
            .ToDictionary(c => c.ShortCode, c => c.Id, StringComparer.OrdinalIgnoreCase);
        return [.. users
            .Where(u => !CurrentUsers.IsDisabled(u.LockoutEnabled, u.LockoutEnd))
            .Select(u => new MailPerson(
                u.Id,
                string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName ?? "Ukendt bruger" : u.DisplayName,
                u.Email!.Trim(),
                roles[u.Id].OfType<Role>().ToHashSet(),
                claims[u.Id].Where(byCode.ContainsKey).Select(code => byCode[code]).ToHashSet()))
            .Where(p => AccessRules.CanView(p.Actor))
            .OrderBy(p => p.Name, StringComparer.Ordinal)];
    }
}
