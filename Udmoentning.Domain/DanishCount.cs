using System.Globalization;

namespace Udmoentning.Domain;

/// <summary>A number with its noun in Danish, singular for one: "1 postering", "1.250 posteringer".</summary>
public static class DanishCount
{
    private static readonly CultureInfo _danish = CultureInfo.GetCultureInfo("da-DK");

    public static string Of(long count, string one, string many) => $"{count.ToString("N0", _danish)} {(count == 1 ? one : many)}";
}
