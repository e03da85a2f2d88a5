using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Udmoentning.Domain.Notifications;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Notifications;

/// <summary>
/// Sends the outbox. One node at a time holds the lease (<see cref="OutboxLease"/>, renewed while it sends); that node runs
/// the schedule (<see cref="MailSchedule"/>) and sends what is due, oldest first. Mails are claimed (25 to an update) before they are sent
/// (a conditional update), so even a node that lost the lease mid-batch never sends a mail another node sends. A mail the
/// server refuses for now is tried again later (<see cref="OutboxRules.Backoff"/>); one it refuses for good fails with
/// the reason. When the server cannot be reached nothing is counted against the mails: they wait, and the sender tries
/// again with its own backoff (<see cref="OutboxRules.ServerBackoff"/>) and says so on the administration page.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<PlanDbContext> contexts,
    MailOptions options,
    OutboxSignal signal,
    MailSchedule schedule,
    TimeProvider clock,
    ILogger<OutboxSender> logger) : BackgroundService
{
    /// <summary>How long a claimed mail is this sender's: if it is neither sent nor given back by then, it is due again.</summary>
    public static readonly TimeSpan ClaimTime = TimeSpan.FromMinutes(2);

    private const int Batch = 200;

    /// <summary>How many mails are claimed with one update; each is marked sent with one more.</summary>
    private const int ClaimChunk = 25;

    private readonly string _me = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}" is var id && id.Length > 100 ? id[..100] : id;
    private int _serverFailures;
    private DateTime _serverRetryAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.IsOn)
        {
            return;
        }

        logger.LogInformation("E-mail is on: sending through {Host}:{Port} ({Security}) as {From}", options.Host, options.Port, options.Security, options.FromAddress);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The outbox could not be read or updated; it is tried again");
            }

            try
            {
                await signal.WaitAsync(options.Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One round: take or renew the lease; if this node holds it, run the schedule and send what is due.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!await HoldLeaseAsync(cancellationToken))
        {
            return;
        }

        await schedule.RunAsync(cancellationToken);
        if (clock.GetUtcNow().UtcDateTime < _serverRetryAt)
        {
            return;
        }

        while (await SendDueAsync(cancellationToken) == Batch)
        {
            // A full batch: there may be more due.
        }
    }

    private async Task<bool> HoldLeaseAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + options.Lease;
        var held = await db.OutboxLeases
            .Where(l => l.Name == OutboxLease.OutboxName && (l.Holder == _me || l.Until < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, _me).SetProperty(l => l.Until, until), cancellationToken);
        if (held == 1)
        {
            return true;
        }

        if (await db.OutboxLeases.AnyAsync(l => l.Name == OutboxLease.OutboxName, cancellationToken))
        {
            return false;
        }

        db.OutboxLeases.Add(new OutboxLease(OutboxLease.OutboxName));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node made the row first.
        }

        return false;
    }

    /// <summary>Sends up to one batch of due mails; answers how many were due.</summary>
    private async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        List<OutboxMail> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            due = await db.Outbox.AsNoTracking()
                .Where(m => (m.State == OutboxState.Waiting && m.NextAttemptAt <= now) || (m.State == OutboxState.Sending && m.ClaimedUntil < now))
                .OrderBy(m => m.Id)
                .Take(Batch)
                .ToListAsync(cancellationToken);
        }

        if (due.Count == 0)
        {
            return 0;
        }

        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(await ConnectAsync(cancellationToken), options.Host!, options.Port, options.Security, cancellationToken);
            if (options.User is not null)
            {
                await client.AuthenticateAsync(options.User, options.Password ?? string.Empty, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await ServerFailedAsync(e, cancellationToken);
            return 0;
        }

        var renewAt = clock.GetUtcNow() + options.Lease / 3;
        foreach (var chunk in due.Chunk(ClaimChunk))
        {
            if (clock.GetUtcNow() > renewAt)
            {
                if (!await HoldLeaseAsync(cancellationToken))
                {
                    break;
                }

                renewAt = clock.GetUtcNow() + options.Lease / 3;
            }

            var (claim, claimed) = await ClaimAsync([.. chunk.Select(m => m.Id)], cancellationToken);
            foreach (var mail in chunk.Where(m => claimed.Contains(m.Id)))
            {
                if (options.Pause > TimeSpan.Zero)
                {
                    await Task.Delay(options.Pause, clock, cancellationToken);
                }

                if (await SendOneAsync(client, mail, claim, cancellationToken) is { } broken)
                {
                    // The connection broke: the mail waits with the rest, and the server is tried again later.
                    await ServerFailedAsync(broken, cancellationToken);
                    await ReleaseAsync(claim, cancellationToken);
                    return 0;
                }
            }
        }

        _serverFailures = 0;
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or ServiceNotConnectedException or SmtpProtocolException)
        {
            logger.LogDebug(e, "The mail server closed the connection first");
        }

        await NoteServerAsync(null, cancellationToken);
        return due.Count;
    }

    /// <summary>Sends one claimed mail and marks it; answers the exception when the connection broke (the caller gives the claim back).</summary>
    private async Task<Exception?> SendOneAsync(SmtpClient client, OutboxMail mail, string claim, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendAsync(Message(mail), cancellationToken);
            await MarkSentAsync(mail.Id, claim);
            return null;
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
        {
            logger.LogWarning("The mail server refused the recipient of mail {Id} for good: {Reason}", mail.Id, e.Message);
            await MarkAsync(mail.Id, claim, OutboxState.Failed, $"Mailserveren afviste modtageren {mail.ToAddress}: {e.Message}", countAttempt: true);
            return null;
        }
        catch (SmtpCommandException e)
        {
            logger.LogWarning("The mail server refused mail {Id} for now: {Reason}", mail.Id, e.Message);
            await MarkAsync(mail.Id, claim, OutboxState.Waiting, $"Mailserveren afviste mailen ({(int)e.StatusCode}): {e.Message}", countAttempt: true);
            return null;
        }
        catch (ParseException e)
        {
            await MarkAsync(mail.Id, claim, OutboxState.Failed, $"Adressen \"{mail.ToAddress}\" er ikke en gyldig e-mailadresse: {e.Message}", countAttempt: true);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return e;
        }
    }

    /// <summary>
    /// The connection to the server, with Nagle's algorithm off: SMTP sends small commands and waits for each answer, so
    /// with it on every mail waited out the server's delayed acknowledgement (about 45 ms a mail, against 2 ms without;
    /// docs/benchmarks.md, the outbox).
    /// </summary>
    private async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);
            await socket.ConnectAsync(options.Host!, options.Port, timeout.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Claims the due mails among <paramref name="ids"/> with one conditional update, under a claim of its own: only those
    /// still due are taken, so a mail another sender took meanwhile is not sent here. Answers the claim and the ids it got.
    /// </summary>
    private async Task<(string Claim, IReadOnlySet<long> Claimed)> ClaimAsync(long[] ids, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + ClaimTime;
        var claim = $"{(_me.Length > 60 ? _me[..60] : _me)}#{Guid.NewGuid():N}";
        await db.Outbox
            .Where(m => ids.Contains(m.Id) && ((m.State == OutboxState.Waiting && m.NextAttemptAt <= now) || (m.State == OutboxState.Sending && m.ClaimedUntil < now)))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutboxState.Sending).SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        var claimed = await db.Outbox.AsNoTracking().Where(m => m.ClaimedBy == claim).Select(m => m.Id).ToListAsync(cancellationToken);
        return (claim, claimed.ToHashSet());
    }

    /// <summary>Sent: one update, with nothing read first.</summary>
    private async Task MarkSentAsync(long id, string claim)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Outbox.Where(m => m.Id == id && m.ClaimedBy == claim).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, OutboxState.Sent)
            .SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>Gives back what is still claimed and unsent under <paramref name="claim"/>, due at once (the connection broke).</summary>
    private async Task ReleaseAsync(string claim, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Outbox.Where(m => m.ClaimedBy == claim && m.State == OutboxState.Sending).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, OutboxState.Waiting)
            .SetProperty(m => m.NextAttemptAt, now)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
        _ = cancellationToken;
    }

    /// <summary>Ends this sender's claim on the mail: sent, failed, or waiting again (after a backoff when it was the mail's own failure).</summary>
    private async Task MarkAsync(long id, string claim, OutboxState state, string? error, bool countAttempt)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var mail = await db.Outbox.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.Attempts, m.LastError, m.SentAt }).SingleAsync(CancellationToken.None);
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = mail.Attempts + (countAttempt ? 1 : 0);
        if (state == OutboxState.Waiting && attempts >= OutboxRules.MaxAttempts)
        {
            state = OutboxState.Failed;
            error = $"Opgivet efter {attempts} forsøg. {error}";
        }

        var next = state == OutboxState.Waiting && countAttempt ? now + OutboxRules.Backoff(attempts) : now;
        var errorText = error is { Length: > OutboxMail.ErrorLength } ? error[..OutboxMail.ErrorLength] : error;
        await db.Outbox.Where(m => m.Id == id && m.ClaimedBy == claim).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, state)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, state == OutboxState.Sent ? null : errorText ?? mail.LastError)
            .SetProperty(m => m.SentAt, state == OutboxState.Sent ? now : mail.SentAt)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
    }

    private async Task ServerFailedAsync(Exception e, CancellationToken cancellationToken)
    {
        _serverFailures++;
        var wait = OutboxRules.ServerBackoff(_serverFailures);
        _serverRetryAt = clock.GetUtcNow().UtcDateTime + wait;
        logger.LogWarning("The mail server {Host}:{Port} could not be reached ({Reason}); the outbox waits and tries again in {Seconds} s", options.Host, options.Port, e.Message, wait.TotalSeconds);
        await NoteServerAsync($"Mailserveren {options.Host}:{options.Port} kunne ikke nås: {e.Message}", cancellationToken);
    }

    /// <summary>Keeps what the last attempt to reach the server met on the lease row, for the administration page on every node.</summary>
    private async Task NoteServerAsync(string? error, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var text = error is { Length: > OutboxMail.ErrorLength } ? error[..OutboxMail.ErrorLength] : error;
        await db.OutboxLeases.Where(l => l.Name == OutboxLease.OutboxName && (text != null || l.LastError != null))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastError, text).SetProperty(l => l.LastErrorAt, text == null ? null : now), cancellationToken);
    }

    /// <summary>The mail as sent: its Message-ID made from its key, so a receiver can tell a mail sent twice after a crash.</summary>
    private MimeMessage Message(OutboxMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        message.Subject = mail.Subject;
        message.Date = new DateTimeOffset(mail.CreatedAt, TimeSpan.Zero);
        message.MessageId = MessageId(mail.Key, options.FromAddress);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (mail.UnsubscribeUrl.Length > 0)
        {
            message.Headers.Add("List-Unsubscribe", $"<{mail.UnsubscribeUrl}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        return message;
    }

    public static string MessageId(string key, string fromAddress)
    {
        var domain = fromAddress[(fromAddress.LastIndexOf('@') + 1)..];
        return $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40]}@{(domain.Length > 0 ? domain : "udmoentning")}";
    }
}
