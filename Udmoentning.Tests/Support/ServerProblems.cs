using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Udmoentning.Tests.Support;

/// <summary>
/// What a test app logs at warning level or above (the newest 500 lines), so a browser test that fails can show what the
/// server saw meanwhile (<see cref="EndToEnd.Viewer"/> writes it to the test's output).
/// </summary>
public sealed class ServerProblems : ILoggerProvider
{
    private const int Kept = 500;
    private readonly ConcurrentQueue<string> _lines = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The lines logged since the last call, oldest first; each line is handed out once.</summary>
    public IReadOnlyList<string> TakeNew()
    {
        var lines = new List<string>();
        while (_lines.TryDequeue(out var line))
        {
            lines.Add(line);
        }

        return lines;
    }

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Kept && _lines.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(ServerProblems problems, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        /// <summary>Warnings and worse, but not the two that every test app writes at start-up (keys kept unencrypted, SQLite's migration pragma).</summary>
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None
            && !category.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal)
            && category != "Microsoft.EntityFrameworkCore.Migrations";

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var error = exception is null ? string.Empty : $" [{exception.GetType().Name}: {exception.Message}]";
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{error}"));
            }
        }
    }
}
