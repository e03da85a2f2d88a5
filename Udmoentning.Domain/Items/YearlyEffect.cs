namespace Udmoentning.Domain.Items;

/// <summary>Economic effect in one budget year, in 1.000 kr.; negative is a saving, positive an expansion.</summary>
public sealed record YearlyEffect(int Year, int AmountThousands);
