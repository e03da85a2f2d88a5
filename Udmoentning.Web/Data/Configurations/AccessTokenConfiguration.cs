using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Web.Access;
using Udmoentning.Web.Tokens;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> token)
    {
        token.ToTable("AccessTokens");
        token.Property(t => t.UserId).HasMaxLength(450);
        token.Property(t => t.Name).HasMaxLength(AccessToken.NameLength);
        token.Property(t => t.Prefix).HasMaxLength(AccessToken.PrefixLength);
        token.Property(t => t.Hash).HasMaxLength(64);
        // Every request with a token looks it up by its hash.
        token.HasIndex(t => t.Hash).IsUnique();
        token.HasIndex(t => t.UserId);
        token.Property(t => t.CreatedAt).HasConversion(StoredAs.Utc);
        token.Property(t => t.RevokedAt).HasConversion(StoredAs.Utc);
        token.Property(t => t.LastUsedAt).HasConversion(StoredAs.Utc);
        token.Property(t => t.Version).IsConcurrencyToken();
        token.HasOne<PlanUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
