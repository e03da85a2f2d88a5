using System.Text;

namespace Udmoentning.Tests.Support;

/// <summary>
/// A real outage of an app's SQLite database: the file (with its WAL) is moved away and a file that is not a database
/// takes its place, so every new connection fails with "file is not a database" (the test apps do not pool connections).
/// Disposing it puts the database back.
/// </summary>
public sealed class DatabaseOutage : IDisposable
{
    private static readonly string[] _suffixes = [string.Empty, "-wal", "-shm"];
    private readonly string _file;
    private readonly string _away;

    private DatabaseOutage(string file)
    {
        _file = file;
        _away = file + ".away";
        foreach (var suffix in _suffixes.Where(s => File.Exists(file + s)))
        {
            File.Move(file + suffix, _away + suffix);
        }

        File.WriteAllText(file, new string('x', 4096), Encoding.ASCII);
    }

    public static DatabaseOutage Begin(AppFactory app) => new(app.DatabaseFile);

    public void Dispose()
    {
        foreach (var suffix in _suffixes)
        {
            File.Delete(_file + suffix);
            if (File.Exists(_away + suffix))
            {
                // Over whatever a background read of the app made meanwhile (opening a missing file creates an empty one).
                File.Move(_away + suffix, _file + suffix, overwrite: true);
            }
        }
    }
}
