using Udmoentning.Domain;

namespace Udmoentning.Tests.Domain;

/// <summary>Danish time works where the operating system has no time zone data, and then agrees with the real zone.</summary>
public class DanishTimeTests
{
    private static readonly TimeZoneInfo _system = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    [Fact]
    public void TheBuiltInZoneAgreesWithTheSystemZoneOnEveryInstantFrom1997To2040()
    {
        var mismatches = new List<string>();
        for (var instant = new DateTime(1997, 1, 1, 0, 30, 0, DateTimeKind.Utc); instant.Year < 2040; instant = instant.AddMinutes(173))
        {
            Compare(instant, mismatches);
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void TheBuiltInZoneSwitchesAtOneOClockUtcOnTheLastSundaysOfMarchAndOctober()
    {
        var mismatches = new List<string>();
        foreach (var year in Enumerable.Range(1997, 44))
        {
            foreach (var month in new[] { 3, 10 })
            {
                var lastSunday = new DateTime(year, month, DateTime.DaysInMonth(year, month), 1, 0, 0, DateTimeKind.Utc);
                while (lastSunday.DayOfWeek != DayOfWeek.Sunday)
                {
                    lastSunday = lastSunday.AddDays(-1);
                }

                foreach (var offset in new[] { -61, -1, 0, 1, 59, 60, 61 })
                {
                    Compare(lastSunday.AddMinutes(offset), mismatches);
                }

                Assert.NotEqual(DanishTime.BuiltInZone.GetUtcOffset(lastSunday.AddSeconds(-1)), DanishTime.BuiltInZone.GetUtcOffset(lastSunday));
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void ADanishDayStartsAtCopenhagenMidnight()
    {
        Assert.Equal(new DateTime(2026, 1, 14, 23, 0, 0, DateTimeKind.Utc), DanishTime.StartOfDayUtc(new DateOnly(2026, 1, 15)));
        Assert.Equal(new DateTime(2026, 6, 14, 22, 0, 0, DateTimeKind.Utc), DanishTime.StartOfDayUtc(new DateOnly(2026, 6, 15)));
    }

    private static void Compare(DateTime utc, List<string> mismatches)
    {
        var expected = TimeZoneInfo.ConvertTimeFromUtc(utc, _system);
        var actual = TimeZoneInfo.ConvertTimeFromUtc(utc, DanishTime.BuiltInZone);
        if (expected != actual || _system.IsDaylightSavingTime(utc) != DanishTime.BuiltInZone.IsDaylightSavingTime(utc))
        {
            mismatches.Add($"{utc:O}: system {expected:O}, built-in {actual:O}");
        }
    }
}
