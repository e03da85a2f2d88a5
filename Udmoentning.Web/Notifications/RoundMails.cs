using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Notifications;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Notifications;

/// <summary>
/// The mails of a follow-up round: when it opens, to each person who answers for items in it (by
/// <see cref="RoundRules.Answers(RoundPerson, RoundItem, int)"/>, the rule the round's pages use), with their items and the
/// deadline; a reminder <see cref="MailOptions.ReminderDaysBefore"/> days before the deadline and one when it has passed,
/// only to those with items not ready.
/// </summary>
public static class RoundMails
{
    /// <summary>How many items a mail lists; the rest are on the page it links to.</summary>
    public const int Listed = 40;

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    private sealed record ItemLine(int Id, string Code, string Title, int CommitteeId);

    public static async Task<IReadOnlyList<MailDraft>> OpenedAsync(PlanDbContext db, MailOptions options, FollowUpRound round, string planName, string openedBy, CancellationToken cancellationToken)
    {
        var people = await MailPeople.ReadAsync(db, cancellationToken);
        var byPerson = await AnswerersAsync(db, round, round.Items, people, cancellationToken);
        return [.. byPerson.Select(p => new MailDraft(
            p.Person,
            $"round:{round.Id}:opened:{p.Person.UserId}",
            $"Opfølgningsrunde: {round.Name} – frist {MeetingDates.Format(round.Deadline)}",
            body =>
            {
                body.Paragraph($"Kære {p.Person.Name}")
                    .Paragraph($"{openedBy} har åbnet opfølgningsrunden \"{round.Name}\" i {planName}. Du svarer for {Count(p.Items.Count)}. Skriv en statustekst, bekræft tilstand og tidspunkt, og markér hvert punkt klar senest {MeetingDates.Format(round.Deadline)}.");
                ListItems(body, p.Items);
                body.Link("Åbn mine punkter i runden", options.Link(PlanLinks.MyRoundItems(round.PlanId)));
            },
            "Du får denne mail, fordi du svarer for punkter i en opfølgningsrunde."))];
    }

    /// <summary>A reminder before the deadline, or (<paramref name="overdue"/>) a notice that it has passed, to those with items not ready.</summary>
    public static async Task<IReadOnlyList<MailDraft>> ReminderAsync(
        PlanDbContext db, MailOptions options, FollowUpRound round, string planName, bool overdue, IReadOnlyList<MailPerson> people, CancellationToken cancellationToken)
    {
        var notReady = round.Items.Where(e => !e.IsReady).ToList();
        var byPerson = await AnswerersAsync(db, round, notReady, people, cancellationToken);
        var deadline = MeetingDates.Format(round.Deadline);
        return [.. byPerson.Select(p => new MailDraft(
            p.Person,
            $"round:{round.Id}:{(overdue ? "overdue" : "reminder")}:{round.Deadline.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}:{p.Person.UserId}",
            overdue ? $"Fristen er overskredet: {round.Name}" : $"Påmindelse: {round.Name} – frist {deadline}",
            body =>
            {
                body.Paragraph($"Kære {p.Person.Name}")
                    .Paragraph(overdue
                        ? $"Fristen i opfølgningsrunden \"{round.Name}\" ({planName}) var {deadline}, og {Count(p.Items.Count)}, du svarer for, er ikke markeret klar endnu."
                        : $"Fristen i opfølgningsrunden \"{round.Name}\" ({planName}) er {deadline}. {char.ToUpper(Count(p.Items.Count)[0], Danish)}{Count(p.Items.Count)[1..]}, du svarer for, er ikke markeret klar endnu.");
                ListItems(body, p.Items);
                body.Link("Åbn mine punkter i runden", options.Link(PlanLinks.MyRoundItems(round.PlanId)));
            },
            "Du får denne mail, fordi du svarer for punkter i en opfølgningsrunde, som ikke er markeret klar."))];
    }

    private static async Task<IReadOnlyList<(MailPerson Person, IReadOnlyList<ItemLine> Items)>> AnswerersAsync(
        PlanDbContext db, FollowUpRound round, IEnumerable<RoundItem> entries, IReadOnlyList<MailPerson> people, CancellationToken cancellationToken)
    {
        var items = await db.Items.AsNoTracking().Where(i => i.PlanId == round.PlanId)
            .Select(i => new ItemLine(i.Id, i.Code, i.Title, i.CommitteeId))
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var answering = people.Where(p => RoundRules.CanAnswer(p.Roles)).Select(p => (Person: p, Round: new RoundPerson(p.UserId, p.Name, p.EditorCommitteeIds))).ToList();
        var byPerson = new Dictionary<string, (MailPerson Person, List<ItemLine> Items)>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!items.TryGetValue(entry.ItemId, out var item))
            {
                continue;
            }

            foreach (var (person, asRound) in answering)
            {
                if (RoundRules.Answers(asRound, entry, item.CommitteeId))
                {
                    if (!byPerson.TryGetValue(person.UserId, out var theirs))
                    {
                        byPerson[person.UserId] = theirs = (person, []);
                    }

                    theirs.Items.Add(item);
                }
            }
        }

        return [.. byPerson.Values.Select(p => (p.Person, (IReadOnlyList<ItemLine>)[.. p.Items.OrderBy(i => i.Code, StringComparer.Ordinal)]))];
    }

    private static void ListItems(MailBodyBuilder body, IReadOnlyList<ItemLine> items)
    {
        body.List(items.Take(Listed).Select(i => $"{i.Code}: {i.Title}"));
        if (items.Count > Listed)
        {
            body.Paragraph($"… og {items.Count - Listed} punkter mere. Se dem alle på siden.");
        }
    }

    private static string Count(int items) => items == 1 ? "ét punkt" : $"{items.ToString("N0", Danish)} punkter";
}
