using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Workplan;

namespace Udmoentning.Web.Calendars;

/// <summary>
/// The calendar feeds behind a user's secret addresses: their own (the meetings of their committees, the deadlines they
/// still have items for) and a committee's (its meetings with the arbejdsplan, its rounds' deadlines). Built with the
/// owner's rights as they are now; null, for a 404, when the token is nobody's or its owner may no longer see the plan.
/// </summary>
public sealed class CalendarFeeds(IDbContextFactory<PlanDbContext> contexts, CalendarTokens tokens, CurrentUsers currentUsers, PlanCache plans, TimeProvider clock)
{
    public const string PersonalName = "Mine møder og frister (Udmøntning)";

    private static readonly CultureInfo DanishCulture = CultureInfo.GetCultureInfo("da-DK");

    /// <param name="baseUri">The app's address as the subscriber reached it, for the links in the events.</param>
    public async Task<string?> PersonalAsync(string token, Uri baseUri, CancellationToken cancellationToken = default)
    {
        if (await OwnerAsync(token, cancellationToken) is not { } owner)
        {
            return null;
        }

        var calendar = await ReadAsync(cancellationToken);
        var meetings = calendar.Committees.Where(c => owner.CommitteeIds.Contains(c.Id))
            .SelectMany(c => calendar.MeetingEntries(c, baseUri));
        var deadlines = calendar.Rounds
            .Select(r => (Round: r.Round, r.Plan, Missing: r.Round.Items
                .Select(e => (Entry: e, Item: r.Plan.Item(e.ItemId)))
                .Where(x => x.Item is not null && !x.Entry.IsReady && RoundRules.Answers(owner, x.Entry, x.Item.CommitteeId))
                .Select(x => x.Item!)
                .OrderBy(i => i.Code, StringComparer.Ordinal)
                .ToList()))
            .Where(r => r.Missing.Count > 0)
            .Select(r => DeadlineEntry(r.Round, r.Plan, calendar, baseUri, PlanLinks.MyRoundItems(r.Plan.Plan.Id),
                Lines("Dine punkter, der mangler:", r.Missing)));
        return Write(PersonalName, meetings.Concat(deadlines));
    }

    public async Task<string?> CommitteeAsync(string token, string slug, Uri baseUri, CancellationToken cancellationToken = default)
    {
        if (await OwnerAsync(token, cancellationToken) is null)
        {
            return null;
        }

        var calendar = await ReadAsync(cancellationToken);
        if (calendar.Committees.FirstOrDefault(c => string.Equals(c.Slug, slug, StringComparison.OrdinalIgnoreCase)) is not { } committee)
        {
            return null;
        }

        var deadlines = calendar.Rounds
            .Where(r => r.Round.CommitteeId is null || r.Round.CommitteeId == committee.Id)
            .Select(r => DeadlineEntry(r.Round, r.Plan, calendar, baseUri, PlanLinks.Round(r.Plan.Plan.Id, r.Round.Id), null));
        return Write($"{committee.Name} (Udmøntning)", calendar.MeetingEntries(committee, baseUri).Concat(deadlines));
    }

    /// <summary>The committees whose feeds the user may subscribe to (every committee, for anyone who may see the plan): their own first, then by name.</summary>
    public async Task<IReadOnlyList<Committee>> CommitteesAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var actor = await currentUsers.ActorAsync(user, cancellationToken);
        if (!AccessRules.CanView(actor))
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var committees = await db.Committees.AsNoTracking().ToListAsync(cancellationToken);
        return [.. committees.OrderBy(c => !actor.CommitteeIds.Contains(c.Id)).ThenBy(c => c.Name, StringComparer.Create(DanishCulture, ignoreCase: false))];
    }

    /// <summary>The token's owner as they may act now, or null when the token is nobody's or the account may not see the plan.</summary>
    private async Task<Actor?> OwnerAsync(string token, CancellationToken cancellationToken) =>
        await tokens.OwnerAsync(token, cancellationToken) is { } userId
            && await currentUsers.FindAsync(userId, cancellationToken) is { } access
            && access.ToActor() is var actor && AccessRules.CanView(actor)
                ? actor
                : null;

    /// <summary>
    /// Committees and meetings (every plan shares them), the plan whose arbejdsplan the meetings show (the default plan,
    /// the one the board opens), and the open rounds of plans that are not archived.
    /// </summary>
    private async Task<CalendarData> ReadAsync(CancellationToken cancellationToken)
    {
        List<Committee> committees;
        List<CommitteeMeeting> meetings;
        List<FollowUpRound> open;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            committees = await db.Committees.AsNoTracking().ToListAsync(cancellationToken);
            meetings = await db.Meetings.AsNoTracking().ToListAsync(cancellationToken);
            open = await db.Rounds.AsNoTracking().Include(r => r.Items).Where(r => r.ClosedAt == null).ToListAsync(cancellationToken);
        }

        var rounds = new List<(FollowUpRound, PlanSnapshot)>();
        foreach (var round in open)
        {
            if (await plans.GetAsync(round.PlanId, cancellationToken) is { Plan.IsArchived: false } plan)
            {
                rounds.Add((round, plan));
            }
        }

        return new CalendarData(committees, meetings, await plans.GetAsync(null, cancellationToken), rounds);
    }

    private static CalendarEntry DeadlineEntry(FollowUpRound round, PlanSnapshot plan, CalendarData calendar, Uri baseUri, string link, string? more)
    {
        var scope = round.CommitteeId is { } id ? calendar.Committees.FirstOrDefault(c => c.Id == id)?.Name ?? "Udvalg" : PlanAdministration.WholePlan;
        var text = new StringBuilder($"Frist for opfølgningsrunden \"{round.Name}\" ({scope}) i {plan.Plan.Name}.");
        if (more is not null)
        {
            text.Append("\n\n").Append(more);
        }

        var address = new Uri(baseUri, link);
        text.Append("\n\nSe runden: ").Append(address);
        return new CalendarEntry(CalendarEntry.DeadlineUid(round.Id), round.DeadlineSequence, round.Deadline, $"Frist: {round.Name}", text.ToString(), address);
    }

    private static string Lines(string heading, IEnumerable<PlanItem> items) =>
        string.Join('\n', items.Select(i => $"{i.Code} {i.Title}").Prepend(heading));

    private string Write(string name, IEnumerable<CalendarEntry> entries) =>
        CalendarWriter.Write(new CalendarFeed(name, [.. entries.OrderBy(e => e.Date).ThenBy(e => e.Uid, StringComparer.Ordinal)]), clock.GetUtcNow());

    private sealed record CalendarData(
        IReadOnlyList<Committee> Committees,
        IReadOnlyList<CommitteeMeeting> Meetings,
        PlanSnapshot? Plan,
        IReadOnlyList<(FollowUpRound Round, PlanSnapshot Plan)> Rounds)
    {
        /// <summary>The committee's meetings, cancelled ones too, each with the items its arbejdsplan puts there and the link to its annex.</summary>
        public IEnumerable<CalendarEntry> MeetingEntries(Committee committee, Uri baseUri)
        {
            var workplan = Plan is null ? null : new CommitteeWorkplan(Plan, committee, Actor.Anonymous, canMove: false);
            var annex = Plan is null ? null : new Uri(baseUri, PlanLinks.Annex(Plan.Plan.Id, committee.Slug));
            return Meetings.Where(m => m.CommitteeId == committee.Id).Select(meeting =>
            {
                var items = workplan?.ScheduledAt(meeting) ?? [];
                var text = new StringBuilder();
                if (meeting.IsCancelled)
                {
                    text.Append("Mødet er aflyst.\n\n");
                }

                text.Append(items.Count > 0
                    ? Lines($"Arbejdsplan ({Plan!.Plan.Name}), punkter til behandling:", items)
                    : "Ingen punkter fra udmøntningsplanen er sat på mødet.");
                if (annex is not null)
                {
                    text.Append("\n\nBilag (udsnit af udmøntningsplanen): ").Append(annex);
                }

                var summary = $"Møde i {committee.Name}";
                return new CalendarEntry(CalendarEntry.MeetingUid(meeting.Id), meeting.Sequence, meeting.Date,
                    meeting.IsCancelled ? $"Aflyst: {summary}" : summary, text.ToString(), annex, meeting.IsCancelled);
            });
        }
    }
}
