using Udmoentning.Domain.Notifications;

namespace Udmoentning.Web.Notifications;

/// <summary>Where a mail in the outbox is.</summary>
public enum OutboxState
{
    /// <summary>Kept for the recipient's daily collected mail.</summary>
    Held = 0,

    /// <summary>Waiting to be sent (again, after <see cref="OutboxMail.NextAttemptAt"/>).</summary>
    Waiting = 1,

    /// <summary>Taken by a sender until <see cref="OutboxMail.ClaimedUntil"/>; waiting again if that passes unsent.</summary>
    Sending = 2,

    Sent = 3,

    /// <summary>Refused for good, or too often: an administrator can resend it.</summary>
    Failed = 4,

    /// <summary>Sent as part of the daily collected mail.</summary>
    Merged = 5,
}

/// <summary>
/// A mail in the outbox: written in the same transaction as the change that causes it, sent later by
/// <see cref="OutboxSender"/>. <see cref="Key"/> is unique: the same mail (a round's opening for one person, a reminder)
/// is never written twice, and its Message-ID is made from it.
/// </summary>
public sealed class OutboxMail
{
    public const int KeyLength = 200;
    public const int SubjectLength = 300;
    public const int ErrorLength = 1000;

    private OutboxMail()
    {
        Key = UserId = ToAddress = ToName = Subject = TextBody = HtmlBody = UnsubscribeUrl = string.Empty;
    }

    public OutboxMail(string key, MailKind kind, MailRecipient to, string subject, MailBody body, string unsubscribeUrl, bool held, DateTime at)
    {
        UnsubscribeUrl = unsubscribeUrl;
        Key = key.Length <= KeyLength ? key : throw new ArgumentException("The key is too long.", nameof(key));
        Kind = kind;
        UserId = to.UserId;
        ToAddress = to.Address;
        ToName = to.Name;
        Subject = subject.Length <= SubjectLength ? subject : subject[..(SubjectLength - 1)] + "…";
        TextBody = body.Text;
        HtmlBody = body.Html;
        CreatedAt = NextAttemptAt = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        State = held ? OutboxState.Held : OutboxState.Waiting;
    }

    public long Id { get; private set; }
    public string Key { get; private set; }
    public MailKind Kind { get; private set; }
    public string UserId { get; private set; }
    public string ToAddress { get; private set; }
    public string ToName { get; private set; }
    public string Subject { get; private set; }
    public string TextBody { get; private set; }
    public string HtmlBody { get; private set; }

    /// <summary>The mail's unsubscribe link, also sent as its List-Unsubscribe header.</summary>
    public string UnsubscribeUrl { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public OutboxState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? SentAt { get; private set; }
    public string? ClaimedBy { get; private set; }
    public DateTime? ClaimedUntil { get; private set; }

    /// <summary>An administrator sends a failed (or sent) mail again: from the start, at once.</summary>
    public void Resend(DateTime at)
    {
        State = OutboxState.Waiting;
        Attempts = 0;
        LastError = null;
        ClaimedBy = null;
        ClaimedUntil = null;
        NextAttemptAt = DateTime.SpecifyKind(at, DateTimeKind.Utc);
    }

    /// <summary>Sent as part of the recipient's daily collected mail.</summary>
    public void Merge() => State = OutboxState.Merged;

    /// <summary>Not to be sent: the reason is shown on the administration page.</summary>
    public void Fail(string reason)
    {
        State = OutboxState.Failed;
        LastError = reason.Length <= ErrorLength ? reason : reason[..ErrorLength];
    }
}

/// <summary>Who a mail goes to.</summary>
public sealed record MailRecipient(string UserId, string Name, string Address);
