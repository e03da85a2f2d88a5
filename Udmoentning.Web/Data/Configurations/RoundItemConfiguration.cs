using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rounds;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class RoundItemConfiguration : IEntityTypeConfiguration<RoundItem>
{
    public void Configure(EntityTypeBuilder<RoundItem> entry)
    {
        entry.ToTable("FollowUpRoundItems");
        entry.Property(i => i.ItemCode).HasMaxLength(Limits.CodeLength);
        entry.Property(i => i.AssigneeId).HasMaxLength(450);
        entry.Property(i => i.AssigneeName).HasMaxLength(200);
        entry.Property(i => i.StatusText).HasMaxLength(RoundItem.StatusTextLength);
        entry.Property(i => i.Health).HasConversion<string>().HasMaxLength(10);
        entry.Property(i => i.Timing).HasConversion(StoredAs.Number);
        entry.Property(i => i.ReportedAt).HasConversion(StoredAs.Utc);
        entry.Property(i => i.ReportedById).HasMaxLength(450);
        entry.Property(i => i.ReportedByName).HasMaxLength(200);
        entry.Property(i => i.ReadyAt).HasConversion(StoredAs.Utc);
        entry.Property(i => i.ReadyByName).HasMaxLength(200);
        entry.Property(i => i.Version).IsConcurrencyToken();
        entry.Ignore(i => i.HasReport);
        // The item is an id, not a foreign key (see the round); an item's texts round by round are read by it.
        entry.HasIndex(i => new { i.RoundId, i.ItemId }).IsUnique();
        entry.HasIndex(i => i.ItemId);
    }
}
