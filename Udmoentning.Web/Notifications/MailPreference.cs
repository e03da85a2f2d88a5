using Udmoentning.Domain.Notifications;

namespace Udmoentning.Web.Notifications;

/// <summary>A person's choice for one kind of mail; a kind with no row has <see cref="MailKinds.Default"/>.</summary>
public sealed class MailPreference
{
    private MailPreference()
    {
        UserId = string.Empty;
    }

    public MailPreference(string userId, MailKind kind, MailDelivery delivery)
    {
        UserId = userId;
        Kind = kind;
        Delivery = delivery;
    }

    public string UserId { get; private set; }
    public MailKind Kind { get; private set; }
    public MailDelivery Delivery { get; set; }
}

/// <summary>
/// The row that says which node sends the outbox (<see cref="Holder"/>, until <see cref="Until"/>), so two nodes never
/// send at once; and what the last attempt to reach the mail server met, for the administration page.
/// </summary>
public sealed class OutboxLease
{
    public const string OutboxName = "outbox";

    private OutboxLease()
    {
        Name = string.Empty;
    }

    public OutboxLease(string name)
    {
        Name = name;
    }

    public string Name { get; private set; }
    public string? Holder { get; private set; }
    public DateTime Until { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? LastErrorAt { get; private set; }

    /// <summary>When the schedule (reminders, collected mails) last ran, so a new holder does not run it again at once.</summary>
    public DateTime? ScheduledAt { get; private set; }
}
