using Udmoentning.Domain.Access;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Questions;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Notifications;

/// <summary>
/// The mails of a politician's question: to the one it is assigned to (not when they assigned it to themselves), and,
/// when the answer is published, to the member who asked and to those whose questions were merged into it. A mail
/// carries the question and, once published, the answer; never a draft or a note.
/// </summary>
public static class QuestionMails
{
    public static async Task<IReadOnlyList<MailDraft>> AssignedAsync(PlanDbContext db, MailOptions options, PlanQuestion question, string planName, string subject, Actor by, CancellationToken cancellationToken)
    {
        var people = await MailPeople.ReadAsync(db, cancellationToken);
        var deadline = question.Deadline is { } date ? MeetingDates.Format(date) : "uden frist";
        return [.. people.Where(p => p.UserId == question.ResponsibleId && p.UserId != by.UserId).Select(p => new MailDraft(
            p,
            $"question:{question.Id}:assigned:{question.Version:N}:{p.UserId}",
            $"{question.Title} til dig – frist {deadline}",
            body => body
                .Paragraph($"Kære {p.Name}")
                .Paragraph($"{by.Name} har fordelt {question.Title} i {planName} til dig. Skriv et svar, og send det til godkendelse senest {deadline}.")
                .Paragraph($"Om: {subject}")
                .Paragraph("Spørgsmålet:")
                .Quote(question.Text)
                .Link($"Åbn {question.Title}", options.Link(PlanLinks.Question(question.PlanId, question.Id))),
            "Du får denne mail, fordi et spørgsmål er fordelt til dig."))];
    }

    public static async Task<IReadOnlyList<MailDraft>> PublishedAsync(PlanDbContext db, MailOptions options, PlanQuestion question, IReadOnlyCollection<string> mergedAskerIds, string planName, CancellationToken cancellationToken)
    {
        var askers = mergedAskerIds.Append(question.AskerId).ToHashSet(StringComparer.Ordinal);
        var people = await MailPeople.ReadAsync(db, cancellationToken);
        return [.. people.Where(p => askers.Contains(p.UserId)).Select(p => new MailDraft(
            p,
            $"question:{question.Id}:published:{p.UserId}",
            $"Svar på {question.Title}",
            body => body
                .Paragraph($"Kære {p.Name}")
                .Paragraph(p.UserId == question.AskerId
                    ? $"Administrationens svar på dit spørgsmål i {planName} er godkendt og offentliggjort for alle medlemmer."
                    : $"Dit spørgsmål i {planName} blev lagt sammen med {question.Title}, og svaret på det er nu godkendt og offentliggjort for alle medlemmer.")
                .Paragraph("Spørgsmålet:")
                .Quote(question.Text)
                .Paragraph("Svaret:")
                .Quote(question.Answer ?? string.Empty)
                .Link($"Åbn {question.Title}", options.Link(PlanLinks.Question(question.PlanId, question.Id))),
            "Du får denne mail, fordi du har stillet spørgsmålet."))];
    }
}
