using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Questions;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class PlanQuestionConfiguration : IEntityTypeConfiguration<PlanQuestion>
{
    public void Configure(EntityTypeBuilder<PlanQuestion> question)
    {
        question.ToTable("PlanQuestions");
        question.Property(q => q.Scope).HasConversion<string>().HasMaxLength(20);
        question.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
        question.Property(q => q.AskerId).HasMaxLength(450);
        question.Property(q => q.AskerName).HasMaxLength(200);
        question.Property(q => q.AskerGroup).HasMaxLength(PlanQuestion.GroupLength);
        question.Property(q => q.Text).HasMaxLength(PlanQuestion.TextLength);
        question.Property(q => q.ResponsibleId).HasMaxLength(450);
        question.Property(q => q.ResponsibleName).HasMaxLength(200);
        question.Property(q => q.Answer).HasMaxLength(PlanQuestion.AnswerLength);
        question.Property(q => q.ReturnNote).HasMaxLength(PlanQuestion.NoteLength);
        question.Property(q => q.ApprovedBy).HasMaxLength(200);
        question.Property(q => q.AskedAt).HasConversion(StoredAs.Utc);
        question.Property(q => q.AnsweredAt).HasConversion(StoredAs.Utc);
        question.Property(q => q.PublishedAt).HasConversion(StoredAs.Utc);
        // A step taken from a stale copy is refused: every step renews the version.
        question.Property(q => q.Version).IsConcurrencyToken();
        question.HasOne<Plan>().WithMany().HasForeignKey(q => q.PlanId).OnDelete(DeleteBehavior.Cascade);
        // One number per plan; two coordinators numbering at once cannot both take it.
        question.HasIndex(q => new { q.PlanId, q.Number }).IsUnique();
    }
}
