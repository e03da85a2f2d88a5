using System.Diagnostics;
using System.Net.Sockets;
using MimeKit;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Tests.Support;

/// <summary>
/// A real SMTP server on a free 127.0.0.1 port: Debian's <c>python3-aiosmtpd</c> (installed by <c>test.sh</c>), which writes
/// every mail it accepts to a Maildir the tests read back with MimeKit. It can be stopped and started again on the same
/// port, as a municipality's mail server goes down and comes back.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private Process? _process;

    private SmtpServer(int port, string maildir)
    {
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }

    public string Maildir { get; }

    public static async Task<SmtpServer> StartAsync()
    {
        var server = new SmtpServer(FreePorts.Next(), Path.Combine(Path.GetTempPath(), "udmoentning-tests", $"mail-{Guid.NewGuid():N}"));
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>The settings that point the app at this server.</summary>
    public Dictionary<string, string> AppSettings(string separator = ":") => new()
    {
        [$"Email{separator}Smtp{separator}Host"] = "127.0.0.1",
        [$"Email{separator}Smtp{separator}Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Email{separator}Smtp{separator}Security"] = "None",
        [$"Email{separator}FromAddress"] = "udmoentning@example.org",
        [$"Email{separator}FromName"] = "Udmøntning (test)",
        [$"Email{separator}PublicUrl"] = "http://udmoentning.example.org/",
        [$"Email{separator}PollSeconds"] = "0.2",
        [$"Email{separator}LeaseSeconds"] = "3",
    };

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("python3 -m aiosmtpd did not start (test.sh installs python3-aiosmtpd).");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!await Poll.UntilAsync(async () => !_process.HasExited && await AcceptsAsync(), TimeSpan.FromSeconds(20)))
        {
            throw new InvalidOperationException($"The SMTP server did not listen on 127.0.0.1:{Port} (exited: {_process.HasExited}).");
        }
    }

    /// <summary>Stops the server: connections to the port are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process = null;
    }

    /// <summary>Every mail received so far.</summary>
    public IReadOnlyList<MimeMessage> Received()
    {
        var mails = new List<MimeMessage>();
        foreach (var folder in new[] { "new", "cur" })
        {
            var path = Path.Combine(Maildir, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(path).Order(StringComparer.Ordinal))
            {
                try
                {
                    mails.Add(MimeMessage.Load(file));
                }
                catch (IOException)
                {
                    // Being written this moment: read on the next look.
                }
            }
        }

        return mails;
    }

    /// <summary>The mails received so far that <paramref name="which"/> picks, once at least <paramref name="count"/> have come.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(Func<MimeMessage, bool> which, int count, TimeSpan? timeout = null)
    {
        IReadOnlyList<MimeMessage> found = [];
        await Poll.UntilAsync(() => (found = [.. Received().Where(which)]).Count >= count, timeout ?? TimeSpan.FromSeconds(30));
        Assert.True(found.Count >= count, $"Expected {count} mails, received {found.Count}: {string.Join(" | ", Received().Select(m => $"{m.To} {m.Subject}"))}");
        return found;
    }

    private async Task<bool> AcceptsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Maildir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The real app on Kestrel with e-mail on, sending to its own <see cref="SmtpServer"/>; on its SQLite file.</summary>
public class MailApp : LiveApp, IAsyncDisposable
{
    public SmtpServer Smtp { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        await base.InitializeAsync();
    }

    /// <summary>The settings a second node needs to share this app's database, as environment variables.</summary>
    public virtual IReadOnlyDictionary<string, string> DatabaseSettings() => new Dictionary<string, string>
    {
        ["Database__Provider"] = "Sqlite",
        ["ConnectionStrings__Sqlite"] = TestDatabases.SqliteConnectionString(DatabaseFile),
    };

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Smtp.AppSettings())
        {
            builder.UseSetting(key, value);
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>The mail app on a PostgreSQL database of its own: the outbox, its lease and its claims as a server database runs them.</summary>
public sealed class PostgresMailApp : MailApp
{
    private string _connectionString = null!;

    public override async ValueTask InitializeAsync()
    {
        _connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        await base.InitializeAsync();
    }

    public override IReadOnlyDictionary<string, string> DatabaseSettings() => new Dictionary<string, string>
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Postgres"] = _connectionString,
    };

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Postgres", _connectionString);
    }
}
