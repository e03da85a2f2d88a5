namespace Udmoentning.Domain.Ledger;

/// <summary>A stored line of an item's kontering (<see cref="AccountLine"/>); the item's lines are replaced together.</summary>
public sealed class ItemAccountLine
{
    private ItemAccountLine()
    {
        Account = string.Empty;
    }

    public ItemAccountLine(int planId, int itemId, AccountLine line)
    {
        PlanId = planId;
        ItemId = itemId;
        Account = line.Account;
        Year = line.Year;
        AmountThousands = line.AmountThousands;
    }

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public int ItemId { get; private set; }
    public string Account { get; private set; }
    public int Year { get; private set; }
    public int AmountThousands { get; private set; }

    public AccountLine ToLine() => new(Account, Year, AmountThousands);
}
