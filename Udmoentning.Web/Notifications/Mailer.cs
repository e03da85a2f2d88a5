using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Notifications;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Notifications;

/// <summary>One mail to write: to whom, its unique key, its subject, its text, and why the person gets it (for the footer).</summary>
public sealed record MailDraft(MailPerson To, string Key, string Subject, Action<MailBodyBuilder> Write, string Why);

/// <summary>
/// Writes mails to the outbox, as each recipient chose (<see cref="MailPreference"/>): at once, kept for the daily
/// collected mail, or not at all. A change writes its mails through its <see cref="Change"/>, so they commit with it or
/// not at all; the schedule writes reminders and collected mails on its own context. A key already in the outbox is
/// not written again. With e-mail off (<see cref="MailOptions.IsOn"/>), nothing is written.
/// </summary>
public sealed class Mailer(MailOptions options, UnsubscribeTokens tokens)
{
    public const string SettingsPath = "mig/indstillinger";

    /// <summary>Where mail programs post a one-click unsubscribe (RFC 8058); people get the page <c>afmeld</c>, which asks first.</summary>
    public const string OneClickPath = "/afmeld/et-klik";

    public bool IsOn => options.IsOn;

    public MailOptions Options => options;

    /// <summary>Writes <paramref name="drafts"/> of <paramref name="kind"/> with the change: they are sent only if it commits.</summary>
    public async Task QueueAsync(Change change, MailKind kind, IReadOnlyList<MailDraft> drafts, CancellationToken cancellationToken)
    {
        if (await QueueAsync(change.Db, change.At, kind, drafts, cancellationToken) > 0)
        {
            change.NoteMail();
        }
    }

    /// <summary>Adds the drafts to <paramref name="db"/> (not saved); answers how many were added.</summary>
    public async Task<int> QueueAsync(PlanDbContext db, DateTime at, MailKind kind, IReadOnlyList<MailDraft> drafts, CancellationToken cancellationToken)
    {
        if (!IsOn || drafts.Count == 0)
        {
            return 0;
        }

        var userIds = drafts.Select(d => d.To.UserId).Distinct().ToList();
        var chosen = await db.MailPreferences.AsNoTracking()
            .Where(p => p.Kind == kind && userIds.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, p => p.Delivery, StringComparer.Ordinal, cancellationToken);
        var keys = drafts.Select(d => d.Key).ToList();
        var existing = (await db.Outbox.AsNoTracking().Where(m => keys.Contains(m.Key)).Select(m => m.Key).ToListAsync(cancellationToken))
            .Concat(db.Outbox.Local.Select(m => m.Key))
            .ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var draft in drafts)
        {
            var delivery = chosen.GetValueOrDefault(draft.To.UserId, MailKinds.Default(kind));
            if (delivery == MailDelivery.Off || !existing.Add(draft.Key))
            {
                continue;
            }

            var builder = new MailBodyBuilder();
            draft.Write(builder);
            var token = Uri.EscapeDataString(tokens.Create(draft.To.UserId, kind));
            var body = builder.Footer(draft.Why, options.Link(SettingsPath), options.Link("afmeld?t=" + token));
            db.Outbox.Add(new OutboxMail(draft.Key, kind, draft.To.Recipient, draft.Subject, body, options.Link(OneClickPath + "?t=" + token), held: delivery == MailDelivery.Daily && MailKinds.MayCollect(kind), at));
            added++;
        }

        return added;
    }
}
