using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Web.Access;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class PlanUserConfiguration : IEntityTypeConfiguration<PlanUser>
{
    public void Configure(EntityTypeBuilder<PlanUser> user) => user.Property(u => u.DisplayName).HasMaxLength(120);
}
