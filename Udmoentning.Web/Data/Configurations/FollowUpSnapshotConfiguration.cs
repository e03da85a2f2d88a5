using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class FollowUpSnapshotConfiguration : IEntityTypeConfiguration<FollowUpSnapshot>
{
    public void Configure(EntityTypeBuilder<FollowUpSnapshot> snapshot)
    {
        snapshot.ToTable("FollowUpSnapshots");
        snapshot.Property(f => f.Name).HasMaxLength(FollowUpSnapshot.NameLength);
        snapshot.Property(f => f.TakenById).HasMaxLength(450);
        snapshot.Property(f => f.TakenByName).HasMaxLength(200);
        snapshot.Property(f => f.TakenAt).HasConversion(StoredAs.Utc);
        snapshot.Property(f => f.State).HasConversion(state => FollowUpStateJson.Write(state), json => FollowUpStateJson.Read(json), StoredAs.Frozen);
        snapshot.HasOne<Plan>().WithMany().HasForeignKey(f => f.PlanId).OnDelete(DeleteBehavior.Cascade);
        snapshot.HasIndex(f => new { f.PlanId, f.TakenAt });
    }
}
