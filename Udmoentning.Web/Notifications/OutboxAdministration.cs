using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Notifications;

/// <summary>A mail as the administration's outbox page lists it (without its text).</summary>
public sealed record OutboxEntry(
    long Id, string Kind, string ToName, string ToAddress, string Subject, OutboxState State, int Attempts, DateTime CreatedAt,
    DateTime NextAttemptAt, DateTime? SentAt, string? LastError);

/// <summary>The outbox at a glance: how many mails are in each state, and what the last attempt to reach the server met.</summary>
public sealed record OutboxStatus(IReadOnlyDictionary<OutboxState, int> Counts, string? ServerError, DateTime? ServerErrorAt, string? Holder);

/// <summary>The outbox for administrators: what waits, what was sent, what failed and why; and sending a mail again.</summary>
public sealed class OutboxAdministration(IDbContextFactory<PlanDbContext> contexts, ChangePipeline changes, CurrentUsers currentUsers)
{
    public const int PageSize = 50;

    public async Task<OutboxStatus?> StatusAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!AccessRules.CanAdminister(await currentUsers.ActorAsync(user, cancellationToken)))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.Outbox.GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var lease = await db.OutboxLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == OutboxLease.OutboxName, cancellationToken);
        return new OutboxStatus(counts, lease?.LastError, lease?.LastErrorAt, lease?.Holder);
    }

    /// <summary>The newest mails first, in <paramref name="state"/> (all when null); empty for anyone but an administrator.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(ClaimsPrincipal user, OutboxState? state, int page, CancellationToken cancellationToken = default)
    {
        if (!AccessRules.CanAdminister(await currentUsers.ActorAsync(user, cancellationToken)))
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Outbox.AsNoTracking();
        if (state is { } only)
        {
            query = query.Where(m => m.State == only);
        }

        return (await query.OrderByDescending(m => m.Id).Skip(Math.Max(0, page) * PageSize).Take(PageSize)
                .Select(m => new { m.Id, m.Kind, m.ToName, m.ToAddress, m.Subject, m.State, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError })
                .ToListAsync(cancellationToken))
            .Select(m => new OutboxEntry(m.Id, Domain.Notifications.MailKinds.Name(m.Kind), m.ToName, m.ToAddress, m.Subject, m.State, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError))
            .ToList();
    }

    /// <summary>An administrator sends a failed (or already sent) mail again, at once; recorded.</summary>
    public async Task<ChangeOutcome<long>> ResendAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken = default)
    {
        var run = new ChangeRun("resend", $"mail {id}")
        {
            Limited = false,
            Gate = actor => AccessRules.CanAdminister(actor) ? null : actor.IsSignedIn ? "Kun administratorer kan sende mails igen." : AccessRules.NotSignedIn,
        };
        return await changes.RunAsync<long>(user, run, async change =>
        {
            var mail = await change.Db.Outbox.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
            if (mail is null)
            {
                return ChangeOutcome.NotFound("Mailen");
            }

            if (mail.State is not (OutboxState.Failed or OutboxState.Sent))
            {
                return ChangeOutcome.Refused("Mailen venter allerede på at blive sendt.");
            }

            var old = mail.State;
            mail.Resend(change.At);
            change.NoteMail();
            change.Record(null, "Mail", $"{mail.ToName} <{mail.ToAddress}>", "Sendt igen",
                [new FieldChange("Emne", null, mail.Subject), new FieldChange("Tilstand", StateName(old), StateName(OutboxState.Waiting))]);
            return ChangeOutcome.Saved(id, $"Mailen til {mail.ToName} sendes igen.");
        }, cancellationToken);
    }

    public static string StateName(OutboxState state) => state switch
    {
        OutboxState.Held => "Venter på dagens samlede mail",
        OutboxState.Waiting => "Venter",
        OutboxState.Sending => "Sendes",
        OutboxState.Sent => "Sendt",
        OutboxState.Failed => "Fejlet",
        OutboxState.Merged => "Sendt i dagens samlede mail",
        _ => state.ToString(),
    };
}
