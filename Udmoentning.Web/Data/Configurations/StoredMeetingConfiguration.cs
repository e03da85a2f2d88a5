using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain;
using Udmoentning.Web.Meetings;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class StoredMeetingConfiguration : IEntityTypeConfiguration<StoredMeeting>
{
    public void Configure(EntityTypeBuilder<StoredMeeting> meeting)
    {
        meeting.ToTable("MeetingPresentations");
        meeting.HasKey(m => new { m.PlanId, m.Slug });
        meeting.Property(m => m.Slug).HasMaxLength(Limits.CommitteeSlugLength);
        meeting.Property(m => m.SavedAt).HasConversion(StoredAs.Utc);
    }
}
