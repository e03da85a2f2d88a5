using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain.Questions;
using Udmoentning.Web.Access;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class PlanUserConfiguration : IEntityTypeConfiguration<PlanUser>
{
    public void Configure(EntityTypeBuilder<PlanUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(120);
        user.Property(u => u.Group).HasMaxLength(PlanQuestion.GroupLength);
    }
}
