using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Notifications;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Notifications;

/// <summary>
/// The mails no one's change causes, written by the node that holds the outbox's lease, at most once a minute: the
/// reminders before a round's deadline and the notices when it has passed (<see cref="RoundMails.ReminderAsync"/>),
/// each morning from <see cref="MailOptions.DigestHour"/> one collected mail per person of the mails they chose to get
/// once a day, and on Mondays the week's changes (<see cref="WeeklyDigest"/>). The unique keys of the outbox make each of them once, whichever node writes it.
/// </summary>
public sealed class MailSchedule(IDbContextFactory<PlanDbContext> contexts, Mailer mailer, TimeProvider clock, ILogger<MailSchedule> logger)
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    /// <summary>A round whose deadline passed longer ago than this gets no notice (e-mail turned on late, a round left open).</summary>
    public const int OverdueNoticeDays = 14;

    private DateTimeOffset _next;

    /// <summary>The Monday whose weekly mails this node has written (or found written): the week's history is read once.</summary>
    private DateOnly _weeklyDone;

    /// <summary>Runs the schedule if a minute has passed since it last ran here; answers how many mails it wrote.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!mailer.IsOn || now < _next)
        {
            return 0;
        }

        _next = now + Every;
        return await RemindAsync(now, cancellationToken) + await CollectDailyAsync(now, cancellationToken) + await WeeklyAsync(now, cancellationToken);
    }

    /// <summary>From the digest hour on a Monday (Danish time) of <paramref name="now"/>, each person's mail of the week's changes (<see cref="WeeklyDigest"/>).</summary>
    public async Task<int> WeeklyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTime(now, DanishTime.Zone);
        if (local.DayOfWeek != DayOfWeek.Monday || local.Hour < mailer.Options.DigestHour)
        {
            return 0;
        }

        var monday = DateOnly.FromDateTime(local.DateTime);
        if (_weeklyDone == monday)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var weekEnd = new DateTimeOffset(DanishTime.StartOfDayUtc(monday), TimeSpan.Zero);
        var people = await MailPeople.ReadAsync(db, cancellationToken);
        var added = await mailer.QueueAsync(db, clock.GetUtcNow().UtcDateTime, MailKind.WeeklyDigest, await WeeklyDigest.ForWeekAsync(db, mailer.Options, weekEnd, people, cancellationToken), cancellationToken);
        var saved = await SaveAsync(db, added, cancellationToken);
        _weeklyDone = monday;
        return saved;
    }

    /// <summary>
    /// The reminders and overdue notices due on the Danish day of <paramref name="now"/> for every open round of a plan that
    /// is not archived; written to be sent at once.
    /// </summary>
    public async Task<int> RemindAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = DanishTime.Today(now);
        var earliest = today.AddDays(-OverdueNoticeDays);
        var latest = today.AddDays(mailer.Options.ReminderDaysBefore);
        var rounds = await db.Rounds.AsNoTracking().Include(r => r.Items)
            .Where(r => r.ClosedAt == null && r.Deadline >= earliest && r.Deadline <= latest)
            .ToListAsync(cancellationToken);
        if (rounds.Count == 0)
        {
            return 0;
        }

        var plans = await db.Plans.AsNoTracking().Where(p => p.Stage != PlanStage.Archived).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var people = await MailPeople.ReadAsync(db, cancellationToken);
        var added = 0;
        foreach (var round in rounds.Where(r => plans.ContainsKey(r.PlanId)))
        {
            var overdue = today > round.Deadline;
            // A round opened within the reminder's days has just said its deadline: no reminder on top of that.
            if (!overdue && DanishTime.Today(new DateTimeOffset(round.OpenedAt, TimeSpan.Zero)) >= round.Deadline.AddDays(-mailer.Options.ReminderDaysBefore))
            {
                continue;
            }

            added += await mailer.QueueAsync(db, clock.GetUtcNow().UtcDateTime, MailKind.RoundReminder,
                await RoundMails.ReminderAsync(db, mailer.Options, round, plans[round.PlanId], overdue, people, cancellationToken), cancellationToken);
        }

        return await SaveAsync(db, added, cancellationToken);
    }

    /// <summary>From the digest hour (Danish time) of <paramref name="now"/>, each person's held mails in one mail, once that day; sent at once.</summary>
    public async Task<int> CollectDailyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTime(now, DanishTime.Zone);
        if (local.Hour < mailer.Options.DigestHour)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var held = await db.Outbox.Where(m => m.State == OutboxState.Held).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        if (held.Count == 0)
        {
            return 0;
        }

        var day = DateOnly.FromDateTime(local.DateTime);
        string Key(string userId) => $"daily:{userId}:{day:yyyyMMdd}";
        var people = (await MailPeople.ReadAsync(db, cancellationToken)).ToDictionary(p => p.UserId, StringComparer.Ordinal);

        // A person whose collected mail for today was already written keeps today's later mails for tomorrow.
        var keys = held.Select(m => Key(m.UserId)).Distinct().ToList();
        var written = (await db.Outbox.AsNoTracking().Where(m => keys.Contains(m.Key)).Select(m => m.Key).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var drafts = new List<MailDraft>();
        foreach (var mails in held.GroupBy(m => m.UserId, StringComparer.Ordinal).Where(g => !written.Contains(Key(g.Key))))
        {
            if (!people.TryGetValue(mails.Key, out var person))
            {
                foreach (var mail in mails)
                {
                    mail.Fail("Modtageren har ikke længere adgang eller en e-mailadresse.");
                }

                continue;
            }

            var list = mails.ToList();
            drafts.Add(new MailDraft(
                person,
                Key(person.UserId),
                list.Count == 1 ? $"Dagens mail fra Udmøntning: {list[0].Subject}" : $"Dagens mails fra Udmøntning ({list.Count})",
                body =>
                {
                    body.Paragraph($"Kære {person.Name}").Paragraph("Her er dagens mails fra Udmøntning samlet, som du har valgt.");
                    foreach (var mail in list)
                    {
                        body.Heading(mail.Subject).Paragraph(WithoutFooter(mail.TextBody));
                    }
                },
                "Du får denne mail, fordi du har valgt at få nogle slags mails samlet én gang om dagen."));
            foreach (var mail in list)
            {
                mail.Merge();
            }
        }

        var added = await mailer.QueueAsync(db, clock.GetUtcNow().UtcDateTime, MailKind.DailyDigest, drafts, cancellationToken);
        return await SaveAsync(db, added, cancellationToken);
    }

    private async Task<int> SaveAsync(PlanDbContext db, int added, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return added;
        }
        catch (DbUpdateException e)
        {
            // Another node wrote the same keys first (the lease changed hands meanwhile): those mails exist once already.
            logger.LogInformation(e, "Scheduled mails were written by another node first");
            return 0;
        }
    }

    private static string WithoutFooter(string text)
    {
        var footer = text.LastIndexOf("\n-- \n", StringComparison.Ordinal);
        return (footer >= 0 ? text[..footer] : text).Trim();
    }
}
