using System.Globalization;

namespace Udmoentning.Web.Components.Shared;

/// <summary>How the plan's numbers and dates are written: as in Danish budget documents.</summary>
public static class Format
{
    /// <summary>A date as "23. jan. 2025" in Danish.</summary>
    public static string Date(DateOnly date) => date.ToString("d. MMM yyyy", CultureInfo.CurrentCulture);

    private static readonly TimeZoneInfo _danish = Udmoentning.Domain.DanishTime.Zone;

    /// <summary>A moment stored in UTC, shown in Danish time: "23. jan. 2025 14:05".</summary>
    public static string DateTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), _danish).ToString("d. MMM yyyy HH:mm", CultureInfo.CurrentCulture);

    /// <summary>"+2 kvt." for slippage, or empty when on time.</summary>
    public static string Slippage(int quarters) => quarters switch
    {
        0 => string.Empty,
        > 0 => $"+{quarters} kvt.",
        _ => $"{quarters} kvt.",
    };
}
