using System.Globalization;

namespace Udmoentning.Domain.Items;

public static class ItemCodes
{
    /// <summary>Item numbers as a reader orders them: "AU-D2" before "AU-D10", Danish letters in Danish order.</summary>
    public static StringComparer Order { get; } = StringComparer.Create(CultureInfo.GetCultureInfo("da-DK"), CompareOptions.NumericOrdering);
}
