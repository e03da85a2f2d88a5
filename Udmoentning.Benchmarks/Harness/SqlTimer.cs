using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Udmoentning.Benchmarks.Harness;

/// <summary>The SQL an operation ran: commands by kind with their time, and the commits.</summary>
public sealed record SqlTime(int Selects, double SelectMs, int Inserts, double InsertMs, int Updates, double UpdateMs, int Others, double OtherMs, int Commits, double CommitMs)
{
    public int Commands => Selects + Inserts + Updates + Others;

    /// <summary>Every command's time and the commits'.</summary>
    public double TotalMs => SelectMs + InsertMs + UpdateMs + OtherMs + CommitMs;
}

/// <summary>
/// Times the SQL of an operation hosted in this process, from EF Core's own diagnostic events (each command's duration as
/// EF Core measures it, and each commit's): only the commands run on the async flow that called <see cref="Start"/>, so
/// what other requests or background services run meanwhile is not counted.
/// </summary>
public sealed class SqlTimer : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly string Executed = RelationalEventId.CommandExecuted.Name!;
    private static readonly string Committed = RelationalEventId.TransactionCommitted.Name!;

    private readonly AsyncLocal<Tally?> _current = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;

    public SqlTimer() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Counts from now on this async flow (and what it awaits) until the tally is read.</summary>
    public Tally Start()
    {
        var tally = new Tally();
        _current.Value = tally;
        return tally;
    }

    public void Stop() => _current.Value = null;

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this, name => name == Executed || name == Committed));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (_current.Value is not { } tally)
        {
            return;
        }

        switch (value.Value)
        {
            case CommandExecutedEventData executed:
                tally.Add(executed.Command.CommandText, executed.Duration);
                break;
            case TransactionEndEventData ended when value.Key == Committed:
                tally.Commit(ended.Duration);
                break;
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }

    public sealed class Tally
    {
        private readonly Lock _lock = new();
        private readonly int[] _counts = new int[5];
        private readonly double[] _ms = new double[5];

        internal void Add(string sql, TimeSpan duration)
        {
            var text = sql.TrimStart();
            var kind = text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase) ? 0
                : text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) ? 1
                : text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) ? 2
                : 3;
            lock (_lock)
            {
                _counts[kind]++;
                _ms[kind] += duration.TotalMilliseconds;
            }
        }

        internal void Commit(TimeSpan duration)
        {
            lock (_lock)
            {
                _counts[4]++;
                _ms[4] += duration.TotalMilliseconds;
            }
        }

        public SqlTime Read()
        {
            lock (_lock)
            {
                return new SqlTime(_counts[0], _ms[0], _counts[1], _ms[1], _counts[2], _ms[2], _counts[3], _ms[3], _counts[4], _ms[4]);
            }
        }
    }
}
