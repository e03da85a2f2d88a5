using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class CommitteeConfiguration : IEntityTypeConfiguration<Committee>
{
    public void Configure(EntityTypeBuilder<Committee> committee)
    {
        committee.ToTable("Committees");
        committee.Property(c => c.Name).HasMaxLength(Limits.CommitteeNameLength);
        committee.Property(c => c.ShortCode).HasMaxLength(Limits.CommitteeCodeLength);
        committee.Property(c => c.Slug).HasMaxLength(Limits.CommitteeCodeLength * 2);
        committee.HasIndex(c => c.ShortCode).IsUnique();
        committee.HasIndex(c => c.Slug).IsUnique();
        committee.Property(c => c.Version).IsConcurrencyToken();
    }
}
