using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class MainThemeConfiguration : IEntityTypeConfiguration<MainTheme>
{
    public void Configure(EntityTypeBuilder<MainTheme> theme)
    {
        theme.ToTable("MainThemes");
        theme.Property(t => t.Name).HasMaxLength(Limits.ThemeNameLength);
        // Not unique: reordering renumbers several themes in one save, and SQL would see a duplicate midway.
        theme.HasIndex(t => new { t.PlanId, t.Position });
    }
}
