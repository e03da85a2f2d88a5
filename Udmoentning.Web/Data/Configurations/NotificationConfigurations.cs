using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Web.Notifications;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> mail)
    {
        mail.ToTable("OutboxMails");
        mail.Property(m => m.Key).HasMaxLength(OutboxMail.KeyLength);
        mail.HasIndex(m => m.Key).IsUnique();
        mail.Property(m => m.UserId).HasMaxLength(450);
        mail.Property(m => m.ToAddress).HasMaxLength(320);
        mail.Property(m => m.ToName).HasMaxLength(200);
        mail.Property(m => m.Subject).HasMaxLength(OutboxMail.SubjectLength);
        mail.Property(m => m.LastError).HasMaxLength(OutboxMail.ErrorLength);
        mail.Property(m => m.UnsubscribeUrl).HasMaxLength(2048);
        mail.Property(m => m.ClaimedBy).HasMaxLength(100);
        mail.Property(m => m.CreatedAt).HasConversion(StoredAs.Utc);
        mail.Property(m => m.NextAttemptAt).HasConversion(StoredAs.Utc);
        mail.Property(m => m.SentAt).HasConversion(StoredAs.Utc);
        mail.Property(m => m.ClaimedUntil).HasConversion(StoredAs.Utc);
        // The sender's question: what is due now, oldest first.
        mail.HasIndex(m => new { m.State, m.NextAttemptAt });
        mail.HasIndex(m => new { m.UserId, m.State });
    }
}

internal sealed class MailPreferenceConfiguration : IEntityTypeConfiguration<MailPreference>
{
    public void Configure(EntityTypeBuilder<MailPreference> preference)
    {
        preference.ToTable("MailPreferences");
        preference.HasKey(p => new { p.UserId, p.Kind });
        preference.Property(p => p.UserId).HasMaxLength(450);
    }
}

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
