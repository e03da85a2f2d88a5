using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Web.Access;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> entry)
    {
        entry.ToTable("SecurityEvents");
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
        entry.Property(e => e.UserName).HasMaxLength(SecurityEvent.UserNameLength);
        entry.Property(e => e.UserId).HasMaxLength(450);
        entry.Property(e => e.Address).HasMaxLength(SecurityEvent.AddressLength);
        entry.Property(e => e.Detail).HasMaxLength(SecurityEvent.DetailLength);
        entry.Property(e => e.At).HasConversion(StoredAs.Utc);
        entry.HasIndex(e => e.At);
    }
}
