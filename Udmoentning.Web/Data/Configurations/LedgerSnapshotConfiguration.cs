using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain;
using Udmoentning.Domain.Ledger;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class LedgerSnapshotConfiguration : IEntityTypeConfiguration<LedgerSnapshot>
{
    public void Configure(EntityTypeBuilder<LedgerSnapshot> snapshot)
    {
        snapshot.ToTable("LedgerSnapshots");
        snapshot.Property(s => s.FileName).HasMaxLength(LedgerSnapshot.FileNameLength);
        snapshot.Property(s => s.ImportedBy).HasMaxLength(200);
        snapshot.Property(s => s.ImportedAt).HasConversion(StoredAs.Utc);
        snapshot.HasOne<Plan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
        snapshot.HasIndex(s => new { s.PlanId, s.TakenOn });
    }
}

internal sealed class LedgerBalanceRowConfiguration : IEntityTypeConfiguration<LedgerBalanceRow>
{
    public void Configure(EntityTypeBuilder<LedgerBalanceRow> balance)
    {
        balance.ToTable("LedgerBalances");
        balance.Property(b => b.Account).HasMaxLength(AccountStringLayout.MaxLength);
        balance.Property(b => b.Reference).HasMaxLength(Limits.CodeLength);
        // Kroner with øre; a trillion fits.
        balance.Property(b => b.Budget).HasPrecision(18, 2);
        balance.Property(b => b.Spent).HasPrecision(18, 2);
        balance.HasOne<LedgerSnapshot>().WithMany().HasForeignKey(b => b.SnapshotId).OnDelete(DeleteBehavior.Cascade);
        balance.HasIndex(b => new { b.SnapshotId, b.Account, b.Year });
    }
}
