namespace Udmoentning.Domain;

/// <summary>
/// Danish local time (Europe/Copenhagen). Taken from the operating system's time zone data when it has it; where it has
/// none (slim containers without tzdata) from the EU rule built in here, so dates and times never fail to show.
/// </summary>
public static class DanishTime
{
    public const string ZoneId = "Europe/Copenhagen";

    /// <summary>CET (UTC+1) with CEST (UTC+2) from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC.</summary>
    public static TimeZoneInfo BuiltInZone { get; } = TimeZoneInfo.CreateCustomTimeZone(
        ZoneId,
        TimeSpan.FromHours(1),
        "Danmark (CET/CEST)",
        "CET",
        "CEST",
        [
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                DateTime.MinValue.Date,
                DateTime.MaxValue.Date,
                TimeSpan.FromHours(1),
                // Transitions are in local time: 02:00 CET is 01:00 UTC; 03:00 CEST is 01:00 UTC.
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday)),
        ]);

    /// <summary>The zone to use everywhere (declared after <see cref="BuiltInZone"/>, which it may need).</summary>
    public static TimeZoneInfo Zone { get; } = SystemZone() ?? BuiltInZone;

    /// <summary>The instant a Danish calendar day begins (midnight in Copenhagen), in UTC.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone);

    private static TimeZoneInfo? SystemZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>The Danish calendar date at <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);

    /// <summary>The Danish calendar date of a moment stored as UTC (the database gives it back without its kind).</summary>
    public static DateOnly DayOf(DateTime utc) => Today(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
