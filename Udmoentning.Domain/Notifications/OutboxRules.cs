namespace Udmoentning.Domain.Notifications;

/// <summary>How the outbox retries a mail the mail server refused for now.</summary>
public static class OutboxRules
{
    /// <summary>After this many refusals of the mail itself, it is failed and waits for an administrator to resend it.</summary>
    public const int MaxAttempts = 8;

    /// <summary>The wait after the <paramref name="attempt"/>th failed attempt: 30 s, doubling, at most an hour.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Clamp(attempt, 1, 20) - 1)));

    /// <summary>The wait after the mail server could not be reached at all: 5 s, doubling, at most a minute (a connection attempt costs little).</summary>
    public static TimeSpan ServerBackoff(int failuresInARow) =>
        TimeSpan.FromSeconds(Math.Min(60, 5 * Math.Pow(2, Math.Clamp(failuresInARow, 1, 20) - 1)));
}
