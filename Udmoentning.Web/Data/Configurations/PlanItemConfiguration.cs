using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class PlanItemConfiguration : IEntityTypeConfiguration<PlanItem>
{
    public void Configure(EntityTypeBuilder<PlanItem> item)
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
        item.Property(i => i.Timing).HasConversion(StoredAs.Number);
        item.Property(i => i.BaselineTiming).HasConversion(StoredAs.Number);
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
            checkpoint.Property(c => c.DoneAt).HasConversion(StoredAs.Utc);
            checkpoint.Property(c => c.ByUserId).HasMaxLength(450);
            checkpoint.Property(c => c.ByName).HasMaxLength(200);
            // Ids, not foreign keys: a committee or meeting removed later must not take the record with it.
        });
        item.Navigation(i => i.Checkpoints).HasField("_checkpoints");
    }
}
