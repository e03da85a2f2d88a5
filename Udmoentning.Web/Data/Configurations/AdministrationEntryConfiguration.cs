using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain.History;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class AdministrationEntryConfiguration : IEntityTypeConfiguration<AdministrationEntry>
{
    public void Configure(EntityTypeBuilder<AdministrationEntry> entry)
    {
        entry.ToTable("AdministrationHistory");
        entry.Property(e => e.Subject).HasMaxLength(20);
        entry.Property(e => e.SubjectName).HasMaxLength(200);
        entry.Property(e => e.UserId).HasMaxLength(450);
        entry.Property(e => e.UserName).HasMaxLength(200);
        entry.Property(e => e.Kind).HasMaxLength(AdministrationEntry.KindLength);
        entry.Property(e => e.Changes).HasConversion(StoredAs.Json, StoredAs.JsonComparer);
        entry.Property(e => e.At).HasConversion(StoredAs.Utc);
        entry.HasIndex(e => new { e.PlanId, e.At });
        entry.HasIndex(e => e.At);
    }
}
