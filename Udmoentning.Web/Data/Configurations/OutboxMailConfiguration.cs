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
