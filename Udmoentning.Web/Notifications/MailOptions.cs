using System.Net.Mail;
using MailKit.Security;

namespace Udmoentning.Web.Notifications;

/// <summary>
/// The mail settings (<c>Email:*</c>). With no <c>Email:Smtp:Host</c>, e-mail is off: nothing is written to the outbox and the
/// app works as without it. With one, the sender address and the app's public address (for the links in mails) must be set
/// too, or the app does not start and says which setting is missing.
/// </summary>
public sealed record MailOptions(
    string? Host, int Port, SecureSocketOptions Security, string? User, string? Password, string FromAddress, string FromName,
    Uri? PublicUrl, int ReminderDaysBefore, int DigestHour, TimeSpan Poll, TimeSpan Timeout, TimeSpan Lease, TimeSpan Pause)
{
    public const string Section = "Email";

    public bool IsOn => Host is not null;

    public static MailOptions Off { get; } = new(null, 0, SecureSocketOptions.Auto, null, null, string.Empty, "Udmøntning", null, 3, 7, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20));

    public static MailOptions From(IConfiguration configuration)
    {
        var smtp = configuration.GetSection($"{Section}:Smtp");
        var host = smtp["Host"];
        if (string.IsNullOrWhiteSpace(host))
        {
            return Off;
        }

        var port = smtp.GetValue("Port", 587);
        if (port is < 1 or > 65535)
        {
            throw new StartupException($"{Section}:Smtp:Port must be a port number (587 for STARTTLS, 465 for TLS at once, 25 for a relay).");
        }

        var securityText = smtp["Security"] ?? "StartTls";
        SecureSocketOptions security = securityText.ToLowerInvariant() switch
        {
            "starttls" => SecureSocketOptions.StartTls,
            "tls" or "sslonconnect" => SecureSocketOptions.SslOnConnect,
            "none" => SecureSocketOptions.None,
            "auto" => SecureSocketOptions.Auto,
            _ => throw new StartupException($"{Section}:Smtp:Security is \"{securityText}\": use StartTls (port 587, Exchange Online), Tls (port 465), Auto, or None (only for a relay inside the municipality's network)."),
        };

        var from = configuration[$"{Section}:FromAddress"];
        if (string.IsNullOrWhiteSpace(from) || !MailAddress.TryCreate(from.Trim(), out _))
        {
            throw new StartupException($"{Section}:FromAddress must be the address mails are sent from (e.g. udmoentning@kommune.dk), since {Section}:Smtp:Host is set.");
        }

        var publicText = configuration[$"{Section}:PublicUrl"];
        if (!Uri.TryCreate(publicText, UriKind.Absolute, out var publicUrl) || publicUrl.Scheme is not ("https" or "http"))
        {
            throw new StartupException($"{Section}:PublicUrl must be the address people open the app at (e.g. https://udmoentning.kommune.dk/), for the links in mails, since {Section}:Smtp:Host is set.");
        }

        var reminder = configuration.GetValue($"{Section}:ReminderDaysBefore", 3);
        if (reminder is < 0 or > 60)
        {
            throw new StartupException($"{Section}:ReminderDaysBefore must be from 0 to 60 days.");
        }

        var digestHour = configuration.GetValue($"{Section}:DigestHour", 7);
        if (digestHour is < 0 or > 23)
        {
            throw new StartupException($"{Section}:DigestHour must be an hour from 0 to 23 (Danish time).");
        }

        var poll = configuration.GetValue($"{Section}:PollSeconds", 5.0);
        if (poll is <= 0 or > 300)
        {
            throw new StartupException($"{Section}:PollSeconds must be above 0 and at most 300.");
        }

        // How long a node holds the right to send without renewing it: a node that stops is taken over after this.
        var lease = configuration.GetValue($"{Section}:LeaseSeconds", 30.0);
        if (lease < 1 || lease > 600 || lease <= poll)
        {
            throw new StartupException($"{Section}:LeaseSeconds must be from 1 to 600 and longer than {Section}:PollSeconds.");
        }

        // A pause between two mails, so a round's hundreds of mails do not take the cores from the live pages for their second.
        var pause = configuration.GetValue($"{Section}:PauseMilliseconds", 20);
        if (pause is < 0 or > 5000)
        {
            throw new StartupException($"{Section}:PauseMilliseconds must be from 0 to 5000.");
        }

        var user = smtp["User"];
        return new MailOptions(
            host.Trim(), port, security, string.IsNullOrWhiteSpace(user) ? null : user, smtp["Password"], from.Trim(),
            configuration[$"{Section}:FromName"] is { Length: > 0 } name ? name : "Udmøntning",
            publicUrl.AbsoluteUri.EndsWith('/') ? publicUrl : new Uri(publicUrl.AbsoluteUri + "/"),
            reminder, digestHour, TimeSpan.FromSeconds(poll), TimeSpan.FromSeconds(configuration.GetValue($"{Section}:Smtp:TimeoutSeconds", 30.0)), TimeSpan.FromSeconds(lease), TimeSpan.FromMilliseconds(pause));
    }

    /// <summary>An absolute link to a page of the app (<paramref name="path"/> relative, as <c>PlanLinks</c> gives it).</summary>
    public string Link(string path) => new Uri(PublicUrl!, path.TrimStart('/')).AbsoluteUri;
}
