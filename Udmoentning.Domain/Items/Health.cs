namespace Udmoentning.Domain.Items;

/// <summary>How the item is doing: on track, at risk, or in trouble.</summary>
public enum Health
{
    Green = 1,
    Yellow = 2,
    Red = 3,
}
