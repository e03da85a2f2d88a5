using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Udmoentning.Domain;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Access;

namespace Udmoentning.Web.Data;

/// <summary>
/// The plan's storage model. Each database provider has a derived context of its own
/// (see <c>Providers/</c>) so that each keeps its own migrations.
/// It also holds the data-protection keys, so that every node reads the same cookies and antiforgery tokens.
/// </summary>
public abstract class PlanDbContext(DbContextOptions options) : IdentityDbContext<PlanUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<MainTheme> Themes => Set<MainTheme>();
    public DbSet<Committee> Committees => Set<Committee>();
    public DbSet<CommitteeMeeting> Meetings => Set<CommitteeMeeting>();
    public DbSet<PlanItem> Items => Set<PlanItem>();
    public DbSet<ItemHistoryEntry> History => Set<ItemHistoryEntry>();
    public DbSet<AdministrationEntry> AdministrationHistory => Set<AdministrationEntry>();
    public DbSet<EconomicTarget> Targets => Set<EconomicTarget>();
    public DbSet<FollowUpSnapshot> FollowUps => Set<FollowUpSnapshot>();
    public DbSet<ItemComment> Comments => Set<ItemComment>();
    public DbSet<FollowUpRound> Rounds => Set<FollowUpRound>();
    public DbSet<RoundItem> RoundItems => Set<RoundItem>();
    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();

    /// <summary>Stores "Q2 2025" as 20252, so timings sort and compare in SQL.</summary>
    private static readonly ValueConverter<Quarter, int> _quarterAsNumber = new(q => q.ToSortable(), v => Quarter.FromSortable(v));

    /// <summary>A record's field changes are stored as one JSON text: they are read whole and never queried by field.</summary>
    private static readonly ValueConverter<IReadOnlyList<FieldChange>, string> _changesAsJson = new(
        changes => JsonSerializer.Serialize(changes, JsonSerializerOptions.Default),
        json => JsonSerializer.Deserialize<List<FieldChange>>(json, JsonSerializerOptions.Default) ?? new List<FieldChange>());

    /// <summary>Times are stored as UTC on every provider and read back marked as UTC.</summary>
    private static readonly ValueConverter<DateTime, DateTime> _utc = new(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));

    /// <summary>A follow-up's state never changes once taken: the same object is the same state.</summary>
    private static readonly ValueComparer<FollowUpState> _frozenComparer = new(
        (a, b) => ReferenceEquals(a, b),
        state => state.GetHashCode(),
        state => state);

    private static readonly ValueComparer<IReadOnlyList<FieldChange>> _changesComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        list => list.Aggregate(0, (hash, change) => HashCode.Combine(hash, change.GetHashCode())),
        list => list.ToList());

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<PlanUser>().Property(u => u.DisplayName).HasMaxLength(120);

        modelBuilder.Entity<ItemHistoryEntry>(entry =>
        {
            entry.ToTable("ItemHistory");
            entry.Property(e => e.ItemCode).HasMaxLength(Limits.CodeLength);
            entry.Property(e => e.UserId).HasMaxLength(450);
            entry.Property(e => e.UserName).HasMaxLength(200);
            entry.Property(e => e.Kind).HasMaxLength(20);
            entry.Property(e => e.Changes).HasConversion(_changesAsJson, _changesComparer);
            entry.Property(e => e.At).HasConversion(_utc);
            // History outlives nothing: an item with a record of changes cannot be deleted (aktindsigt).
            entry.HasOne<PlanItem>().WithMany().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Restrict);
            entry.HasIndex(e => new { e.ItemId, e.At });
            entry.HasIndex(e => new { e.PlanId, e.At });
        });
        modelBuilder.Entity<SecurityEvent>(entry =>
        {
            entry.ToTable("SecurityEvents");
            entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
            entry.Property(e => e.UserName).HasMaxLength(SecurityEvent.UserNameLength);
            entry.Property(e => e.UserId).HasMaxLength(450);
            entry.Property(e => e.Address).HasMaxLength(SecurityEvent.AddressLength);
            entry.Property(e => e.Detail).HasMaxLength(SecurityEvent.DetailLength);
            entry.Property(e => e.At).HasConversion(_utc);
            entry.HasIndex(e => e.At);
        });
        modelBuilder.Entity<AdministrationEntry>(entry =>
        {
            entry.ToTable("AdministrationHistory");
            entry.Property(e => e.Subject).HasMaxLength(20);
            entry.Property(e => e.SubjectName).HasMaxLength(200);
            entry.Property(e => e.UserId).HasMaxLength(450);
            entry.Property(e => e.UserName).HasMaxLength(200);
            entry.Property(e => e.Kind).HasMaxLength(20);
            entry.Property(e => e.Changes).HasConversion(_changesAsJson, _changesComparer);
            entry.Property(e => e.At).HasConversion(_utc);
            entry.HasIndex(e => new { e.PlanId, e.At });
            entry.HasIndex(e => e.At);
        });
        modelBuilder.Entity<Plan>(plan =>
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
        });

        modelBuilder.Entity<MainTheme>(theme =>
        {
            theme.ToTable("MainThemes");
            theme.Property(t => t.Name).HasMaxLength(Limits.ThemeNameLength);
            // Not unique: reordering renumbers several themes in one save, and SQL would see a duplicate midway.
            theme.HasIndex(t => new { t.PlanId, t.Position });
        });

        modelBuilder.Entity<Committee>(committee =>
        {
            committee.ToTable("Committees");
            committee.Property(c => c.Name).HasMaxLength(Limits.CommitteeNameLength);
            committee.Property(c => c.ShortCode).HasMaxLength(Limits.CommitteeCodeLength);
            committee.Property(c => c.Slug).HasMaxLength(Limits.CommitteeCodeLength * 2);
            committee.HasIndex(c => c.ShortCode).IsUnique();
            committee.HasIndex(c => c.Slug).IsUnique();
            committee.Property(c => c.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<CommitteeMeeting>(meeting =>
        {
            meeting.ToTable("CommitteeMeetings");
            meeting.HasOne(m => m.Committee).WithMany().HasForeignKey(m => m.CommitteeId).OnDelete(DeleteBehavior.Restrict);
            meeting.HasIndex(m => new { m.CommitteeId, m.Date }).IsUnique();
            meeting.Property(m => m.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<PlanItem>(item =>
        {
            item.ToTable("PlanItems");
            item.Property(i => i.Code).HasMaxLength(Limits.CodeLength);
            item.Property(i => i.Title).HasMaxLength(Limits.TitleLength);
            item.Property(i => i.Description).HasMaxLength(Limits.DescriptionLength);
            item.Property(i => i.ResponsibleUnit).HasMaxLength(Limits.ResponsibleUnitLength);
            item.Property(i => i.CaseNumber).HasMaxLength(Limits.CaseNumberLength);
            item.Property(i => i.Notes).HasMaxLength(Limits.NotesLength);
            item.Property(i => i.Kind).HasConversion<string>().HasMaxLength(40);
            item.Property(i => i.Status).HasConversion<string>().HasMaxLength(40);
            item.Property(i => i.Health).HasConversion<string>().HasMaxLength(10);
            item.Property(i => i.Timing).HasConversion(_quarterAsNumber);
            item.Property(i => i.BaselineTiming).HasConversion(_quarterAsNumber);
            item.Property(i => i.Version).IsConcurrencyToken();
            // Checkpoints and comments move the revision but not the version (an open edit form stays valid); the
            // revision as a second token makes sure no two saves of the item both take the same next revision.
            item.Property(i => i.Revision).IsConcurrencyToken();
            item.Ignore(i => i.IsCompleted);
            item.Ignore(i => i.Slippage);
            item.Ignore(i => i.ConcernsAllCommittees);

            item.HasOne<Plan>().WithMany().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
            item.HasOne<MainTheme>().WithMany().HasForeignKey(i => i.ThemeId).OnDelete(DeleteBehavior.Restrict);
            item.HasOne<Committee>().WithMany().HasForeignKey(i => i.CommitteeId).OnDelete(DeleteBehavior.Restrict);
            item.HasOne<Committee>().WithMany().HasForeignKey(i => i.TreatmentCommitteeId).OnDelete(DeleteBehavior.Restrict);
            item.HasOne<CommitteeMeeting>().WithMany().HasForeignKey(i => i.TreatmentMeetingId).OnDelete(DeleteBehavior.Restrict);
            item.HasIndex(i => new { i.PlanId, i.Code }).IsUnique();
            item.HasOne<PlanItem>().WithMany().HasForeignKey(i => i.OriginItemId).OnDelete(DeleteBehavior.Restrict);

            item.OwnsMany(i => i.Effects, effect =>
            {
                effect.ToTable("PlanItemEffects");
                effect.WithOwner().HasForeignKey("PlanItemId");
                effect.Property<int>("Id");
                effect.HasKey("Id");
                effect.HasIndex("PlanItemId", nameof(YearlyEffect.Year)).IsUnique();
            });
            item.Navigation(i => i.Effects).HasField("_effects");

            item.OwnsMany(i => i.Checkpoints, checkpoint =>
            {
                checkpoint.ToTable("PlanItemCheckpoints");
                checkpoint.WithOwner().HasForeignKey("PlanItemId");
                checkpoint.Property<int>("Id");
                checkpoint.HasKey("Id");
                checkpoint.HasIndex("PlanItemId", nameof(Checkpoint.Step)).IsUnique();
                checkpoint.Property(c => c.Step).HasConversion<string>().HasMaxLength(40);
                checkpoint.Property(c => c.DoneAt).HasConversion(_utc);
                checkpoint.Property(c => c.ByUserId).HasMaxLength(450);
                checkpoint.Property(c => c.ByName).HasMaxLength(200);
                // Ids, not foreign keys: a committee or meeting removed later must not take the record with it.
            });
            item.Navigation(i => i.Checkpoints).HasField("_checkpoints");
        });

        modelBuilder.Entity<ItemComment>(comment =>
        {
            comment.ToTable("ItemComments");
            comment.Property(c => c.AuthorId).HasMaxLength(450);
            comment.Property(c => c.AuthorName).HasMaxLength(200);
            comment.Property(c => c.Text).HasMaxLength(ItemComment.TextLength);
            comment.Property(c => c.CreatedAt).HasConversion(_utc);
            comment.Property(c => c.EditedAt).HasConversion(_utc);
            comment.Property(c => c.DeletedAt).HasConversion(_utc);
            comment.Property(c => c.Version).IsConcurrencyToken();
            comment.Ignore(c => c.IsDeleted);
            comment.HasOne<PlanItem>().WithMany().HasForeignKey(c => c.ItemId).OnDelete(DeleteBehavior.Cascade);
            // The plan is reached through the item; a second cascade path from the plan is one SQL Server refuses.
            comment.HasIndex(c => new { c.ItemId, c.CreatedAt });
            comment.HasIndex(c => c.PlanId);
        });

        modelBuilder.Entity<EconomicTarget>(target =>
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
        });

        modelBuilder.Entity<FollowUpSnapshot>(snapshot =>
        {
            snapshot.ToTable("FollowUpSnapshots");
            snapshot.Property(f => f.Name).HasMaxLength(FollowUpSnapshot.NameLength);
            snapshot.Property(f => f.TakenById).HasMaxLength(450);
            snapshot.Property(f => f.TakenByName).HasMaxLength(200);
            snapshot.Property(f => f.TakenAt).HasConversion(_utc);
            snapshot.Property(f => f.State).HasConversion(state => FollowUpStateJson.Write(state), json => FollowUpStateJson.Read(json), _frozenComparer);
            snapshot.HasOne<Plan>().WithMany().HasForeignKey(f => f.PlanId).OnDelete(DeleteBehavior.Cascade);
            snapshot.HasIndex(f => new { f.PlanId, f.TakenAt });
        });

        modelBuilder.Entity<FollowUpRound>(round =>
        {
            round.ToTable("FollowUpRounds");
            round.Property(r => r.Name).HasMaxLength(FollowUpRound.NameLength);
            round.Property(r => r.OpenedById).HasMaxLength(450);
            round.Property(r => r.OpenedByName).HasMaxLength(200);
            round.Property(r => r.OpenedAt).HasConversion(_utc);
            round.Property(r => r.ClosedById).HasMaxLength(450);
            round.Property(r => r.ClosedByName).HasMaxLength(200);
            round.Property(r => r.ClosedAt).HasConversion(_utc);
            round.Property(r => r.Version).IsConcurrencyToken();
            round.Ignore(r => r.IsClosed);
            round.HasOne<Plan>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
            // The committee and the snapshot are ids, not foreign keys: a second cascade path from the plan is one SQL
            // Server refuses, and a committee removed later must not take a closed round with it.
            round.HasIndex(r => new { r.PlanId, r.OpenedAt });
            round.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RoundId).OnDelete(DeleteBehavior.Cascade);
            round.Navigation(r => r.Items).HasField("_items");
        });

        modelBuilder.Entity<RoundItem>(entry =>
        {
            entry.ToTable("FollowUpRoundItems");
            entry.Property(i => i.ItemCode).HasMaxLength(Limits.CodeLength);
            entry.Property(i => i.AssigneeId).HasMaxLength(450);
            entry.Property(i => i.AssigneeName).HasMaxLength(200);
            entry.Property(i => i.StatusText).HasMaxLength(RoundItem.StatusTextLength);
            entry.Property(i => i.Health).HasConversion<string>().HasMaxLength(10);
            entry.Property(i => i.Timing).HasConversion(_quarterAsNumber);
            entry.Property(i => i.ReportedAt).HasConversion(_utc);
            entry.Property(i => i.ReportedById).HasMaxLength(450);
            entry.Property(i => i.ReportedByName).HasMaxLength(200);
            entry.Property(i => i.ReadyAt).HasConversion(_utc);
            entry.Property(i => i.ReadyByName).HasMaxLength(200);
            entry.Property(i => i.Version).IsConcurrencyToken();
            entry.Ignore(i => i.HasReport);
            // The item is an id, not a foreign key (see the round); an item's texts round by round are read by it.
            entry.HasIndex(i => new { i.RoundId, i.ItemId }).IsUnique();
            entry.HasIndex(i => i.ItemId);
        });
    }
}
