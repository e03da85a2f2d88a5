using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Web.Notifications;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class OutboxLeaseConfiguration : IEntityTypeConfiguration<OutboxLease>
{
    public void Configure(EntityTypeBuilder<OutboxLease> lease)
    {
        lease.ToTable("OutboxLeases");
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(50);
        lease.Property(l => l.Holder).HasMaxLength(100);
        lease.Property(l => l.LastError).HasMaxLength(OutboxMail.ErrorLength);
        lease.Property(l => l.Until).HasConversion(StoredAs.Utc);
        lease.Property(l => l.LastErrorAt).HasConversion(StoredAs.Utc);
        lease.Property(l => l.ScheduledAt).HasConversion(StoredAs.Utc);
    }
}
