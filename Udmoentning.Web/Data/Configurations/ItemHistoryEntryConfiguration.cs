using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class ItemHistoryEntryConfiguration : IEntityTypeConfiguration<ItemHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ItemHistoryEntry> entry)
    {
        entry.ToTable("ItemHistory");
        entry.Property(e => e.ItemCode).HasMaxLength(Limits.CodeLength);
        entry.Property(e => e.UserId).HasMaxLength(450);
        entry.Property(e => e.UserName).HasMaxLength(200);
        entry.Property(e => e.Kind).HasMaxLength(20);
        entry.Property(e => e.Changes).HasConversion(StoredAs.Json, StoredAs.JsonComparer);
        entry.Property(e => e.At).HasConversion(StoredAs.Utc);
        // History outlives nothing: an item with a record of changes cannot be deleted (aktindsigt).
        entry.HasOne<PlanItem>().WithMany().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Restrict);
        entry.HasIndex(e => new { e.ItemId, e.At });
        entry.HasIndex(e => new { e.PlanId, e.At });
    }
}
