using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Data.Configurations;

internal sealed class ItemCommentConfiguration : IEntityTypeConfiguration<ItemComment>
{
    public void Configure(EntityTypeBuilder<ItemComment> comment)
    {
        comment.ToTable("ItemComments");
        comment.Property(c => c.AuthorId).HasMaxLength(450);
        comment.Property(c => c.AuthorName).HasMaxLength(200);
        comment.Property(c => c.Text).HasMaxLength(ItemComment.TextLength);
        comment.Property(c => c.CreatedAt).HasConversion(StoredAs.Utc);
        comment.Property(c => c.EditedAt).HasConversion(StoredAs.Utc);
        comment.Property(c => c.DeletedAt).HasConversion(StoredAs.Utc);
        comment.Property(c => c.Version).IsConcurrencyToken();
        comment.Ignore(c => c.IsDeleted);
        comment.HasOne<PlanItem>().WithMany().HasForeignKey(c => c.ItemId).OnDelete(DeleteBehavior.Cascade);
        // The plan is reached through the item; a second cascade path from the plan is one SQL Server refuses.
        comment.HasIndex(c => new { c.ItemId, c.CreatedAt });
        comment.HasIndex(c => c.PlanId);
    }
}
