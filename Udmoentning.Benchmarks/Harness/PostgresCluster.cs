using System.Diagnostics;

namespace Udmoentning.Benchmarks.Harness;

/// <summary>A private PostgreSQL cluster on a free 127.0.0.1 port, when the server binaries are on the machine.</summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;

    private PostgresCluster(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    public string ConnectionString { get; }

    /// <summary>Another database on the same server; the app creates it when it migrates.</summary>
    public string ConnectionStringFor(string database) => ConnectionString.Replace("Database=postgres", $"Database={database}", StringComparison.Ordinal);

    public static async Task<PostgresCluster?> TryStartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            return null;
        }

        var folder = Directory.CreateTempSubdirectory("udm-bench-pg-").FullName;
        await RunAsync("chown", "postgres", folder);
        var port = FreePorts.Next();
        await AsPostgresAsync(Path.Combine(bin, "initdb"), "-D", Path.Combine(folder, "data"), "-A", "trust", "-U", "postgres");
        await AsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"), "-w",
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start");
        return new PostgresCluster(bin, folder, port);
    }

    public async ValueTask DisposeAsync()
    {
        await AsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "fast", "stop");
        Directory.Delete(_folder, recursive: true);
    }

    private static Task AsPostgresAsync(params string[] command) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", .. command]) : RunAsync(command[0], command[1..]);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {await output}{await error}");
        }
    }
}
