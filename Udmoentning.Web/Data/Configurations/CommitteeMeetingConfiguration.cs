using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class CommitteeMeetingConfiguration : IEntityTypeConfiguration<CommitteeMeeting>
{
    public void Configure(EntityTypeBuilder<CommitteeMeeting> meeting)
    {
        meeting.ToTable("CommitteeMeetings");
        meeting.HasOne(m => m.Committee).WithMany().HasForeignKey(m => m.CommitteeId).OnDelete(DeleteBehavior.Restrict);
        meeting.HasIndex(m => new { m.CommitteeId, m.Date }).IsUnique();
        meeting.Property(m => m.Version).IsConcurrencyToken();
    }
}
