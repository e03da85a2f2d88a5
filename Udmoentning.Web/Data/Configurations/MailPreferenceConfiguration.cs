using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Web.Notifications;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class MailPreferenceConfiguration : IEntityTypeConfiguration<MailPreference>
{
    public void Configure(EntityTypeBuilder<MailPreference> preference)
    {
        preference.ToTable("MailPreferences");
        preference.HasKey(p => new { p.UserId, p.Kind });
        preference.Property(p => p.UserId).HasMaxLength(450);
    }
}
