using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Udmoentning.Benchmarks.Harness;

/// <summary>
/// A real SMTP server on a free 127.0.0.1 port: Debian's <c>python3-aiosmtpd</c>, which accepts every mail and writes it to
/// a Maildir, so the app's sender does the whole conversation (connect, MAIL, RCPT, DATA, QUIT) as with a municipality's relay.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";

    private const string Nice = "/usr/bin/nice";

    private readonly Process _process;
    private readonly string _maildir;

    private SmtpSink(Process process, int port, string maildir)
    {
        _process = process;
        Port = port;
        _maildir = maildir;
    }

    public int Port { get; }

    /// <summary>The settings that turn the app's e-mail on and point it at this server.</summary>
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:FromAddress"] = "udmoentning@example.org",
        ["Email:PublicUrl"] = "http://udmoentning.example.org/",
    };

    /// <summary>How many mails the server has accepted and written so far.</summary>
    public int Delivered => Directory.Exists(Path.Combine(_maildir, "new")) ? Directory.GetFiles(Path.Combine(_maildir, "new")).Length : 0;

    public static async Task<SmtpSink> StartAsync()
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing; the outbox scenario needs it with python3-aiosmtpd.");
        }

        var port = FreePorts.Next();
        // aiosmtpd makes the Maildir (tmp, new, cur) only where no folder exists yet.
        var maildir = Path.Combine(Directory.CreateTempSubdirectory("udm-bench-mail-").FullName, "maildir");
        // At the lowest priority: the municipality's mail server is another machine, and here it shares the app's two cores,
        // so what receiving and writing the mails costs would otherwise be counted as the app's sending.
        var process = Process.Start(new ProcessStartInfo(Nice, ["-n", "19", Python, "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _ = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd stopped (is python3-aiosmtpd installed?): {await errors}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new SmtpSink(process, port, maildir);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill();
        throw new InvalidOperationException($"aiosmtpd did not listen on port {port}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(Path.GetDirectoryName(_maildir)!, recursive: true);
    }
}
