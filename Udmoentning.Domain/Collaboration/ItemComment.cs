using Udmoentning.Domain.Input;

namespace Udmoentning.Domain.Collaboration;

/// <summary>
/// A comment in an item's thread. Its author may edit or delete it for <see cref="EditWindow"/> after writing it; a deleted
/// comment keeps its row (marked deleted) so the thread and the record stay whole.
/// </summary>
public sealed class ItemComment
{
    public const int TextLength = 2000;

    /// <summary>How long the author may edit or delete a comment.</summary>
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(15);

    private ItemComment()
    {
        AuthorId = AuthorName = Text = string.Empty;
    }

    public ItemComment(int planId, int itemId, string authorId, string authorName, string text, DateTime at)
    {
        PlanId = planId;
        ItemId = itemId;
        AuthorId = authorId;
        AuthorName = authorName;
        Text = CheckText(text);
        CreatedAt = DateTime.SpecifyKind(at, DateTimeKind.Utc);
    }

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public int ItemId { get; private set; }
    public string AuthorId { get; private set; }
    public string AuthorName { get; private set; }
    public string Text { get; private set; }

    /// <summary>When, in UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    public DateTime? EditedAt { get; private set; }
    public DateTime? DeletedAt { get; private set; }

    /// <summary>Concurrency token: renewed on every edit, so an edit from a stale copy is refused.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public bool IsDeleted => DeletedAt is not null;

    /// <summary>Null when <paramref name="userId"/> may edit or delete the comment at <paramref name="now"/>; otherwise the Danish reason.</summary>
    public string? RefusalToChange(string userId, DateTime now)
    {
        if (IsDeleted)
        {
            return "Kommentaren er slettet.";
        }

        if (!string.Equals(userId, AuthorId, StringComparison.Ordinal))
        {
            return "Du kan kun rette og slette dine egne kommentarer.";
        }

        return now - CreatedAt > EditWindow
            ? $"En kommentar kan kun rettes eller slettes i {EditWindow.TotalMinutes:0} minutter, efter den er skrevet."
            : null;
    }

    public void Edit(string userId, string text, DateTime now)
    {
        if (RefusalToChange(userId, now) is { } refusal)
        {
            throw new PlanRuleException(refusal);
        }

        Text = CheckText(text);
        EditedAt = DateTime.SpecifyKind(now, DateTimeKind.Utc);
        Version = Guid.NewGuid();
    }

    public void Delete(string userId, DateTime now)
    {
        if (RefusalToChange(userId, now) is { } refusal)
        {
            throw new PlanRuleException(refusal);
        }

        DeletedAt = DateTime.SpecifyKind(now, DateTimeKind.Utc);
        Version = Guid.NewGuid();
    }

    private static string CheckText(string text)
    {
        var error = TextRules.Check(text, TextLength, "Kommentaren", required: true, multiLine: true);
        return error is null ? text.Trim() : throw new PlanRuleException(error);
    }
}
