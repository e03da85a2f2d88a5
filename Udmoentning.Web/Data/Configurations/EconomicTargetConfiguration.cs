using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class EconomicTargetConfiguration : IEntityTypeConfiguration<EconomicTarget>
{
    public void Configure(EntityTypeBuilder<EconomicTarget> target)
    {
        target.ToTable("EconomicTargets");
        target.Property(t => t.Name).HasMaxLength(EconomicTarget.NameLength);
        target.Property(t => t.Version).IsConcurrencyToken();
        target.HasOne<Plan>().WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        target.OwnsMany(t => t.Amounts, amount =>
        {
            amount.ToTable("EconomicTargetAmounts");
            amount.WithOwner().HasForeignKey("EconomicTargetId");
            amount.Property<int>("Id");
            amount.HasKey("Id");
            amount.HasIndex("EconomicTargetId", nameof(TargetAmount.Year)).IsUnique();
        });
        target.Navigation(t => t.Amounts).HasField("_amounts");
        // The counted items are ids, not a foreign key: SQL Server refuses a second cascade path from the plan.
        target.OwnsMany(t => t.Items, counted =>
        {
            counted.ToTable("EconomicTargetItems");
            counted.WithOwner().HasForeignKey("EconomicTargetId");
            counted.Property<int>("Id");
            counted.HasKey("Id");
            counted.HasIndex("EconomicTargetId", nameof(TargetItem.ItemId)).IsUnique();
        });
        target.Navigation(t => t.Items).HasField("_items");
    }
}
