using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Notifications;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;
using Microsoft.EntityFrameworkCore;

namespace Udmoentning.Web.Notifications;

/// <summary>
/// The mail to each person a comment mentions (<see cref="Mentions"/>): "@Fornavn Efternavn" for a person, "@AU" for the
/// committee's editors. The author is not told of their own comment; a comment edited to mention someone new tells only
/// those who were not mentioned before.
/// </summary>
public static class MentionMails
{
    public static async Task<IReadOnlyList<MailDraft>> ForAsync(
        PlanDbContext db, MailOptions options, PlanItem item, Guid commentVersion, string text, string? oldText, Actor author, CancellationToken cancellationToken)
    {
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            return [];
        }

        var people = await MailPeople.ReadAsync(db, cancellationToken);
        var committees = await db.Committees.AsNoTracking().Select(c => new MentionableCommittee(c.Id, c.ShortCode)).ToListAsync(cancellationToken);
        var mentionable = people.Select(p => new Mentionable(p.UserId, p.Name)).ToList();
        var now = Recipients(Mentions.Find(text, mentionable, committees), people);
        var before = oldText is null ? [] : Recipients(Mentions.Find(oldText, mentionable, committees), people).Select(p => p.UserId).ToHashSet(StringComparer.Ordinal);
        return [.. now
            .Where(p => !before.Contains(p.UserId) && !string.Equals(p.UserId, author.UserId, StringComparison.Ordinal))
            .Select(p => new MailDraft(
                p,
                $"comment:{commentVersion:N}:mention:{p.UserId}",
                $"{author.Name} nævnte dig ved {item.Code}: {item.Title}",
                body => body
                    .Paragraph($"Kære {p.Name}")
                    .Paragraph($"{author.Name} nævnte dig i en kommentar til {item.Code} \"{item.Title}\":")
                    .Quote(text)
                    .Link($"Åbn {item.Code} på tavlen", options.Link($"{PlanLinks.Board(item.PlanId)}?q={Uri.EscapeDataString(item.Code)}")),
                "Du får denne mail, fordi du er nævnt i en kommentar (eller dit udvalgs redaktører er)."))];
    }

    /// <summary>The people mentioned by name, and the editors of each committee mentioned.</summary>
    private static IReadOnlyList<MailPerson> Recipients(MentionsFound found, IReadOnlyList<MailPerson> people) =>
        [.. people.Where(p => found.UserIds.Contains(p.UserId) || p.EditorCommitteeIds.Overlaps(found.CommitteeIds))];
}
