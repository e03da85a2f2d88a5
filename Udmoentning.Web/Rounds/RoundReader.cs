using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Rounds;

/// <summary>A round as listed: its name, deadline, scope, whether it is closed, and how many of its items are ready.</summary>
public sealed record RoundSummary(
    int Id, int PlanId, string Name, DateOnly Deadline, string Scope, bool IsClosed, DateTime OpenedAt, DateTime? ClosedAt, int? SnapshotId, int Items, int Ready)
{
    public bool IsPastDeadline(DateOnly today) => today > Deadline;
}

/// <summary>An item someone answers for in an open round, with the item as it is now.</summary>
public sealed record MyRoundItem(RoundSummary Round, RoundItem Entry, PlanItem Item);

/// <summary>The item's entry in one round, for its texts round by round.</summary>
public sealed record ItemRoundText(int RoundId, string RoundName, DateOnly Deadline, bool IsClosed, RoundItem Entry);

/// <summary>
/// Reads follow-up rounds: the list of a plan's rounds (open and archived), one round with its items and progress, what a
/// user answers for in open rounds (their list, the badge and the notice), and an item's texts round by round. Every
/// signed-in reader may read rounds; who may report is the services' question.
/// </summary>
public sealed class RoundReader : IDisposable
{
    private readonly IDbContextFactory<PlanDbContext> _contexts;
    private readonly PlanCache _plans;
    private readonly CurrentUsers _currentUsers;
    private readonly TimeProvider _clock;
    private readonly LocalChangeFeed _feed;

    /// <summary>Each plan's open rounds with their items, shared by every circuit's badge and notice until a round changes.</summary>
    private readonly ConcurrentDictionary<int, Lazy<Task<List<FollowUpRound>>>> _open = new();

    public RoundReader(IDbContextFactory<PlanDbContext> contexts, PlanCache plans, CurrentUsers currentUsers, TimeProvider clock, LocalChangeFeed feed)
    {
        _contexts = contexts;
        _plans = plans;
        _currentUsers = currentUsers;
        _clock = clock;
        _feed = feed;
        _feed.Dispatching += OnItemChange;
        _feed.DispatchingStructure += OnStructureChange;
    }

    /// <summary>
    /// Raised (with the plan's id) when something in the plan's rounds may have changed: a report, or a round opened,
    /// assigned, moved or closed. Raised on the thread that hands the change out, before any viewer hears of it, so a
    /// handler must only start its work (on every node: changes from other nodes come through the same feed).
    /// </summary>
    public event Action<int>? RoundsChanged;

    /// <summary>Today's Danish date, which decides what is overdue.</summary>
    public DateOnly Today => DanishTime.Today(_clock.GetUtcNow());

    /// <summary>The plan's rounds, open ones first, then newest first.</summary>
    public async Task<IReadOnlyList<RoundSummary>> ListAsync(int planId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.PlanId == planId)
            .Select(r => new { Round = r, Items = r.Items.Count, Ready = r.Items.Count(i => i.IsReady) })
            .ToListAsync(cancellationToken);
        var snapshot = await _plans.GetAsync(planId, cancellationToken);
        return [.. rounds
            .Select(r => Summary(r.Round, r.Items, r.Ready, snapshot))
            .OrderBy(r => r.IsClosed).ThenByDescending(r => r.OpenedAt).ThenByDescending(r => r.Id)];
    }

    /// <summary>The round with its items, or null when there is none with that id in the plan.</summary>
    public async Task<FollowUpRound?> GetAsync(int planId, int roundId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Rounds.AsNoTracking().Include(r => r.Items).SingleOrDefaultAsync(r => r.Id == roundId && r.PlanId == planId, cancellationToken);
    }

    /// <summary>Ready and overdue counts per committee (the item's committee now) and per person who answers.</summary>
    public async Task<RoundProgress> ProgressAsync(FollowUpRound round, PlanSnapshot plan, CancellationToken cancellationToken = default) =>
        RoundProgress.Of(
            round,
            id => plan.Item(id)?.CommitteeId,
            plan.Committees.ToDictionary(c => c.Id, c => c.Name),
            await PeopleAsync(plan, cancellationToken),
            Today);

    /// <summary>The active users who may answer in a round (editors, coordinators, administrators), by name.</summary>
    public async Task<IReadOnlyList<RoundPerson>> PeopleAsync(PlanSnapshot plan, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName, u.DisplayName, u.LockoutEnabled, u.LockoutEnd }).ToListAsync(cancellationToken);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var claims = await db.UserClaims.Where(c => c.ClaimType == AccessClaims.Committee).Select(c => new { c.UserId, c.ClaimValue }).ToListAsync(cancellationToken);
        var byCode = plan.Committees.ToDictionary(c => c.ShortCode, c => c.Id, StringComparer.OrdinalIgnoreCase);
        return [.. users
            .Where(u => !CurrentUsers.IsDisabled(u.LockoutEnabled, u.LockoutEnd))
            .Select(u =>
            {
                var userRoles = roles.Where(r => r.UserId == u.Id)
                    .Select(r => RoleNames.Parse(r.Name))
                    .OfType<Role>().ToHashSet();
                var editorOf = userRoles.Contains(Role.Editor)
                    ? claims.Where(c => c.UserId == u.Id && c.ClaimValue is not null && byCode.ContainsKey(c.ClaimValue.Trim())).Select(c => byCode[c.ClaimValue!.Trim()]).ToHashSet()
                    : [];
                var name = string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName ?? "Ukendt bruger" : u.DisplayName;
                return (Roles: userRoles, Person: new RoundPerson(u.Id, name, editorOf));
            })
            .Where(p => RoundRules.CanAnswer(p.Roles))
            .Select(p => p.Person)
            .OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The items <paramref name="actor"/> answers for in the plan's open rounds (<see cref="RoundRules.Answers(Actor, RoundItem, int)"/>),
    /// those not yet ready first. Coordinators and administrators answer only for items they were chosen for.
    /// </summary>
    /// <param name="shared">
    /// Answer from the open rounds shared by every circuit (<see cref="RoundsChanged"/> renews them): right for a badge or a
    /// notice, which follow that event. A page that saves reports reads the database, so it sees its own save at once
    /// even where the change comes back from another node a moment later.
    /// </param>
    public async Task<IReadOnlyList<MyRoundItem>> MineAsync(Actor actor, int planId, CancellationToken cancellationToken = default, bool shared = false)
    {
        if (!actor.IsSignedIn || await _plans.GetAsync(planId, cancellationToken) is not { } plan)
        {
            return [];
        }

        var rounds = shared ? await SharedOpenRoundsAsync(planId) : await OpenRoundsAsync(planId, cancellationToken);
        return [.. rounds
            .SelectMany(r => r.Items.Select(e => (Round: r, Entry: e, Item: plan.Item(e.ItemId))))
            .Where(x => x.Item is not null && RoundRules.Answers(actor, x.Entry, x.Item.CommitteeId))
            .Select(x => new MyRoundItem(Summary(x.Round, x.Round.Items.Count, x.Round.Items.Count(i => i.IsReady), plan), x.Entry, x.Item!))
            .OrderBy(x => x.Entry.IsReady).ThenBy(x => x.Round.Deadline).ThenBy(x => x.Item.Code, StringComparer.Ordinal)];
    }

    /// <summary>How many items the signed-in user still has to make ready in the plan's open rounds.</summary>
    public async Task<int> MissingCountAsync(System.Security.Claims.ClaimsPrincipal user, int planId, CancellationToken cancellationToken = default) =>
        (await MineAsync(await _currentUsers.ActorAsync(user, cancellationToken), planId, cancellationToken)).Count(m => !m.Entry.IsReady);

    private async Task<List<FollowUpRound>> OpenRoundsAsync(int planId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Rounds.AsNoTracking().Include(r => r.Items).Where(r => r.PlanId == planId && r.ClosedAt == null).ToListAsync(cancellationToken);
    }

    private async Task<List<FollowUpRound>> SharedOpenRoundsAsync(int planId)
    {
        var entry = _open.GetOrAdd(planId, id => new Lazy<Task<List<FollowUpRound>>>(() => OpenRoundsAsync(id, CancellationToken.None)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            // A failed read is not kept: the next question reads again.
            _open.TryRemove(new KeyValuePair<int, Lazy<Task<List<FollowUpRound>>>>(planId, entry));
            throw;
        }
    }

    private void OnItemChange(ItemChange change)
    {
        if (change.Kind == ChangeKind.Reported)
        {
            Changed(change.PlanId);
        }
    }

    private void OnStructureChange(StructureChange change)
    {
        if (change.PlanId is { } planId)
        {
            Changed(planId);
        }
    }

    private void Changed(int planId)
    {
        _open.TryRemove(planId, out _);
        RoundsChanged?.Invoke(planId);
    }

    public void Dispose()
    {
        _feed.Dispatching -= OnItemChange;
        _feed.DispatchingStructure -= OnStructureChange;
    }

    /// <summary>The item's entries in every round it was in, newest round first: its status texts round by round.</summary>
    public async Task<IReadOnlyList<ItemRoundText>> ForItemAsync(int itemId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.RoundItems.AsNoTracking().Where(e => e.ItemId == itemId)
            .Join(db.Rounds.AsNoTracking(), e => e.RoundId, r => r.Id, (e, r) => new { Entry = e, r.Id, r.Name, r.Deadline, r.ClosedAt, r.OpenedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.OpenedAt).ThenByDescending(r => r.Id)
            .Select(r => new ItemRoundText(r.Id, r.Name, r.Deadline, r.ClosedAt is not null, r.Entry))];
    }

    private static RoundSummary Summary(FollowUpRound round, int items, int ready, PlanSnapshot? plan) => new(
        round.Id, round.PlanId, round.Name, round.Deadline,
        round.CommitteeId is { } id ? plan?.Committee(id)?.Name ?? "Udvalg" : PlanAdministration.WholePlan,
        round.IsClosed, round.OpenedAt, round.ClosedAt, round.SnapshotId, items, ready);
}
