using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Notifications;

/// <summary>
/// The weekly mail of changes, written Monday morning for the week before: to an editor, the changes to their committees'
/// items; to a coordinator, the whole plan's, as the coordinator's digest. One per person and week, and none when nothing
/// changed. Plans that are archived are left out.
/// </summary>
public static class WeeklyDigest
{
    /// <summary>How many items a digest lists; the rest are on the plan's page of changes.</summary>
    public const int Listed = 40;

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static async Task<IReadOnlyList<MailDraft>> ForWeekAsync(PlanDbContext db, MailOptions options, DateTimeOffset weekEnd, IReadOnlyList<MailPerson> people, CancellationToken cancellationToken)
    {
        var from = (weekEnd - TimeSpan.FromDays(7)).UtcDateTime;
        var to = weekEnd.UtcDateTime;
        var plans = await db.Plans.AsNoTracking().Where(p => p.Stage != PlanStage.Archived).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
        var planIds = plans.Select(p => p.Id).ToList();
        var entries = await db.History.AsNoTracking().Where(h => planIds.Contains(h.PlanId) && h.At >= from && h.At < to).OrderBy(h => h.At).ToListAsync(cancellationToken);
        if (entries.Count == 0)
        {
            return [];
        }

        var itemIds = entries.Select(e => e.ItemId).Distinct().ToList();
        var items = await db.Items.AsNoTracking().Where(i => itemIds.Contains(i.Id)).Select(i => new { i.Id, i.Title, i.CommitteeId }).ToDictionaryAsync(i => i.Id, cancellationToken);
        var week = ISOWeek.GetWeekOfYear(TimeZoneInfo.ConvertTime(weekEnd, Domain.DanishTime.Zone).DateTime.AddDays(-1));
        var year = ISOWeek.GetYear(TimeZoneInfo.ConvertTime(weekEnd, Domain.DanishTime.Zone).DateTime.AddDays(-1));
        var drafts = new List<MailDraft>();
        foreach (var person in people)
        {
            var wholePlan = person.Roles.Contains(Role.Coordinator);
            if (!wholePlan && person.EditorCommitteeIds.Count == 0)
            {
                continue;
            }

            var theirs = entries.Where(e => items.TryGetValue(e.ItemId, out var item) && (wholePlan || person.EditorCommitteeIds.Contains(item.CommitteeId))).ToList();
            if (theirs.Count == 0)
            {
                continue;
            }

            drafts.Add(new MailDraft(
                person,
                $"weekly:{person.UserId}:{year}-W{week:00}",
                wholePlan ? $"Ugens ændringer i planen (uge {week})" : $"Ugens ændringer i dine udvalgs punkter (uge {week})",
                body =>
                {
                    body.Paragraph($"Kære {person.Name}")
                        .Paragraph(wholePlan
                            ? $"I uge {week} blev der lavet {Count(theirs.Count, "ændring", "ændringer")} på {Count(theirs.Select(e => e.ItemId).Distinct().Count(), "punkt", "punkter")}."
                            : $"I uge {week} blev der lavet {Count(theirs.Count, "ændring", "ændringer")} på {Count(theirs.Select(e => e.ItemId).Distinct().Count(), "punkt", "punkter")} i de udvalg, du er redaktør for.");
                    foreach (var plan in plans.Where(p => theirs.Any(e => e.PlanId == p.Id)))
                    {
                        var byItem = theirs.Where(e => e.PlanId == plan.Id).GroupBy(e => e.ItemId).OrderBy(g => g.First().ItemCode, StringComparer.Ordinal).ToList();
                        body.Heading(plan.Name).List(byItem.Take(Listed).Select(g => Line(g.ToList(), items[g.Key].Title)));
                        if (byItem.Count > Listed)
                        {
                            body.Paragraph($"… og {byItem.Count - Listed} punkter mere.");
                        }

                        body.Link($"Se alle ændringer i {plan.Name}", options.Link(PlanLinks.Changes(plan.Id)));
                    }
                },
                wholePlan ? "Du får denne mail, fordi du er koordinator." : "Du får denne mail, fordi du er redaktør for punkter, der er ændret."));
        }

        return drafts;
    }

    /// <summary>"AU-D3 Titel: Flyttet, Redigeret (Rasmus Redaktør, Karin Koordinator)".</summary>
    private static string Line(IReadOnlyList<ItemHistoryEntry> changes, string title) =>
        $"{changes[0].ItemCode} {title}: {string.Join(", ", changes.Select(c => c.Kind).Distinct())} ({string.Join(", ", changes.Select(c => c.UserName).Distinct())})";

    private static string Count(int n, string one, string many) => n == 1 ? $"én {one}" : $"{n.ToString("N0", Danish)} {many}";
}
