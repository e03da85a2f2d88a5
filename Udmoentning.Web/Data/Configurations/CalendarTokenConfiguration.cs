using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Web.Access;
using Udmoentning.Web.Calendars;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class CalendarTokenConfiguration : IEntityTypeConfiguration<CalendarToken>
{
    public void Configure(EntityTypeBuilder<CalendarToken> token)
    {
        token.ToTable("CalendarTokens");
        // One current token per user: the user is the key, and renewing changes the token in place.
        token.HasKey(t => t.UserId);
        token.Property(t => t.UserId).HasMaxLength(450);
        // A concurrency token too: of two renewals at once, the second is read again instead of answering a token that was overwritten.
        token.Property(t => t.Token).HasMaxLength(CalendarToken.Length).IsConcurrencyToken();
        token.HasIndex(t => t.Token).IsUnique();
        token.Property(t => t.CreatedAt).HasConversion(StoredAs.Utc);
        token.HasOne<PlanUser>().WithOne().HasForeignKey<CalendarToken>(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
