using System.Diagnostics;

namespace Udmoentning.Tests.Support;

/// <summary>Waits on a condition that nothing announces (a lock taken, a log line written), looking every 20 ms.</summary>
public static class Poll
{
    /// <summary>Whether <paramref name="condition"/> held within <paramref name="timeout"/>.</summary>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout) => UntilAsync(() => Task.FromResult(condition()), timeout);

    /// <summary>The same for a condition that must ask something (a database), looking every 20 ms.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return true;
    }
}
