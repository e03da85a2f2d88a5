using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> plan)
    {
        plan.ToTable("Plans");
        plan.Property(p => p.Name).HasMaxLength(Limits.PlanNameLength);
        plan.Property(p => p.Stage).HasConversion<string>().HasMaxLength(20);
        plan.Property(p => p.Version).IsConcurrencyToken();
        plan.Ignore(p => p.BudgetYears);
        plan.Ignore(p => p.IsArchived);
        plan.Ignore(p => p.ReadOnlyReason);
        plan.Ignore(p => p.BudgetPeriod);
        plan.HasMany(p => p.Themes).WithOne(t => t.Plan).HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        plan.Navigation(p => p.Themes).HasField("_themes");
    }
}
