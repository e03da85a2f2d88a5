using Udmoentning.Domain.Access;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Notifications;

/// <summary>
/// When a coordination step is marked done and the item still waits for its next one, the mail to those who may mark that
/// one (<see cref="AccessRules.RefusalToMarkCheckpoint"/>): coordinators for Direktionen and Koncernledelsen, the item's
/// editors for MED and the political treatment. Administrators get it only when nobody else may mark the step; the one
/// who marked is not told.
/// </summary>
public static class CoordinationMails
{
    public static async Task<IReadOnlyList<MailDraft>> NextStepAsync(PlanDbContext db, MailOptions options, PlanItem item, CheckpointStep marked, Actor by, DateTime at, CancellationToken cancellationToken)
    {
        if (CheckpointRules.Missing(item) is not [var next, ..] || item.IsCompleted)
        {
            return [];
        }

        var people = await MailPeople.ReadAsync(db, cancellationToken);
        var may = people.Where(p => AccessRules.RefusalToMarkCheckpoint(p.Actor, item, next) is null && p.UserId != by.UserId).ToList();
        var notOnlyAdministrators = may.Where(p => p.Roles.Any(r => r != Role.Administrator)).ToList();
        var to = notOnlyAdministrators.Count > 0 ? notOnlyAdministrators : may;
        var stamp = at.Ticks;
        return [.. to.Select(p => new MailDraft(
            p,
            $"checkpoint:{item.Id}:{(int)next}:{stamp}:{p.UserId}",
            $"{item.Code} venter på \"{next.Name()}\"",
            body => body
                .Paragraph($"Kære {p.Name}")
                .Paragraph($"{by.Name} har markeret \"{marked.Name()}\" som gjort for {item.Code} \"{item.Title}\". Punktet venter nu på \"{next.Name()}\", som du kan markere under Kontrolpunkter i punktets detaljer. Punktet kan først afsluttes (X), når alle kontrolpunkter er gjort.")
                .Link($"Åbn {item.Code} på tavlen", options.Link($"{PlanLinks.Board(item.PlanId)}?q={Uri.EscapeDataString(item.Code)}")),
            "Du får denne mail, fordi du kan markere kontrolpunktet."))];
    }
}
