using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Udmoentning.Benchmarks.Harness;

/// <summary>What sending a batch of mails over one SMTP connection costs, per mail: MailKit as the app's sender connects, and with Nagle off.</summary>
public sealed record SmtpProbeResult(int Mails, Stats Default, Stats NoDelay);

/// <summary>
/// Sends one of the app's own mails (its text and HTML) <c>mails</c> times to a fresh <see cref="SmtpSink"/> through MailKit
/// alone, one after another on one connection as <c>OutboxSender</c> does: first connected as the sender connects
/// (<c>ConnectAsync(host, port, ...)</c>), then over a socket with Nagle's algorithm off (<see cref="Socket.NoDelay"/>).
/// Tells how much of the sender's time per mail is the SMTP conversation itself, and how much of that is the connection.
/// </summary>
public static class SmtpProbe
{
    public static async Task<SmtpProbeResult> RunAsync(string textBody, string htmlBody, int mails)
    {
        await using var sink = await SmtpSink.StartAsync();
        var plain = await SendAsync(sink.Port, textBody, htmlBody, mails, noDelay: false);
        var noDelay = await SendAsync(sink.Port, textBody, htmlBody, mails, noDelay: true);
        return new SmtpProbeResult(mails, plain, noDelay);
    }

    private static async Task<Stats> SendAsync(int port, string textBody, string htmlBody, int mails, bool noDelay)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        if (noDelay)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, port);
            await client.ConnectAsync(socket, "127.0.0.1", port, SecureSocketOptions.None);
        }
        else
        {
            await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        }

        var times = new List<double>(mails);
        for (var i = 0; i < mails; i++)
        {
            var message = new MimeMessage();
            message.From.Add(new MailboxAddress("Udmøntning", "udmoentning@example.org"));
            message.To.Add(new MailboxAddress($"Modtager {i}", $"probe-{i}@example.org"));
            message.Subject = "Opfølgningsrunde";
            message.Body = new BodyBuilder { TextBody = textBody, HtmlBody = htmlBody }.ToMessageBody();
            var started = Stopwatch.GetTimestamp();
            await client.SendAsync(message);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        await client.DisconnectAsync(quit: true);
        return Stats.Of(times);
    }
}
