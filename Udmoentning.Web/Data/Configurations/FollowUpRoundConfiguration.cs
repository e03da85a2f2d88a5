using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rounds;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class FollowUpRoundConfiguration : IEntityTypeConfiguration<FollowUpRound>
{
    public void Configure(EntityTypeBuilder<FollowUpRound> round)
    {
        round.ToTable("FollowUpRounds");
        round.Property(r => r.Name).HasMaxLength(FollowUpRound.NameLength);
        round.Property(r => r.OpenedById).HasMaxLength(450);
        round.Property(r => r.OpenedByName).HasMaxLength(200);
        round.Property(r => r.OpenedAt).HasConversion(StoredAs.Utc);
        round.Property(r => r.ClosedById).HasMaxLength(450);
        round.Property(r => r.ClosedByName).HasMaxLength(200);
        round.Property(r => r.ClosedAt).HasConversion(StoredAs.Utc);
        round.Property(r => r.Version).IsConcurrencyToken();
        round.Ignore(r => r.IsClosed);
        round.HasOne<Plan>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
        // The committee and the snapshot are ids, not foreign keys: a second cascade path from the plan is one SQL
        // Server refuses, and a committee removed later must not take a closed round with it.
        round.HasIndex(r => new { r.PlanId, r.OpenedAt });
        round.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RoundId).OnDelete(DeleteBehavior.Cascade);
        round.Navigation(r => r.Items).HasField("_items");
    }
}
