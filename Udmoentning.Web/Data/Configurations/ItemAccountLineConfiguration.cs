using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class ItemAccountLineConfiguration : IEntityTypeConfiguration<ItemAccountLine>
{
    public void Configure(EntityTypeBuilder<ItemAccountLine> line)
    {
        line.ToTable("ItemAccountLines");
        line.Property(l => l.Account).HasMaxLength(AccountStringLayout.MaxLength);
        line.HasOne<PlanItem>().WithMany().HasForeignKey(l => l.ItemId).OnDelete(DeleteBehavior.Cascade);
        // One line per account and year on an item: two would be one amount written twice.
        line.HasIndex(l => new { l.ItemId, l.Account, l.Year }).IsUnique();
        // The plan is reached through the item; a second cascade path from the plan is one SQL Server refuses.
        line.HasIndex(l => l.PlanId);
    }
}
