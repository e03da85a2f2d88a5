using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Administration;

/// <summary>Committees and their meetings, which every plan shares.</summary>
public sealed partial class PlanAdministration
{
    public Task<ChangeOutcome<int>> CreateCommitteeAsync(ClaimsPrincipal user, string name, string shortCode, string? slug, CancellationToken cancellationToken = default) =>
        RunAsync(user, cancellationToken, async (db, actor, record) =>
        {
            var committee = new Committee(name, shortCode, slug);
            if (await DuplicateCommitteeAsync(db, committee, null, cancellationToken) is { } duplicate)
            {
                return ChangeOutcome.Invalid(duplicate);
            }

            db.Committees.Add(committee);
            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(null, CommitteeSubject, committee.Name, "Oprettet", CommitteeFields(committee)), $"Udvalget \"{committee.Name}\" er oprettet.");
            return ChangeOutcome.Saved(committee.Id);
        });

    /// <summary>Changes a committee; a new short code is carried over to the users who edit for it, so nobody loses their rights.</summary>
    public Task<ChangeOutcome<int>> EditCommitteeAsync(ClaimsPrincipal user, int committeeId, Guid expectedVersion, string name, string shortCode, string? slug, CancellationToken cancellationToken = default) =>
        RunAsync(user, cancellationToken, async (db, actor, record) =>
        {
            if (await db.Committees.SingleOrDefaultAsync(c => c.Id == committeeId, cancellationToken) is not { } committee)
            {
                return ChangeOutcome.NotFound("Udvalget");
            }

            if (committee.Version != expectedVersion)
            {
                return ChangeOutcome.Stale($"Udvalget \"{committee.Name}\"");
            }

            var before = CommitteeFields(committee);
            var oldCode = committee.ShortCode;
            committee.Edit(name, shortCode, slug);
            if (await DuplicateCommitteeAsync(db, committee, committee.Id, cancellationToken) is { } duplicate)
            {
                return ChangeOutcome.Invalid(duplicate);
            }

            var changes = Changed(before, CommitteeFields(committee));
            if (changes.Count == 0)
            {
                return ChangeOutcome.Saved(committee.Id);
            }

            if (oldCode != committee.ShortCode)
            {
                foreach (var claim in await db.UserClaims.Where(c => c.ClaimType == AccessClaims.Committee && c.ClaimValue == oldCode).ToListAsync(cancellationToken))
                {
                    claim.ClaimValue = committee.ShortCode;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(null, CommitteeSubject, committee.Name, "Ændret", changes), $"Udvalget \"{committee.Name}\" er ændret.");
            return ChangeOutcome.Saved(committee.Id);
        });

    /// <summary>Adds meetings on the given dates; dates the committee already meets are skipped and said.</summary>
    public Task<ChangeOutcome<int>> AddMeetingsAsync(ClaimsPrincipal user, int committeeId, IReadOnlyCollection<DateOnly> dates, CancellationToken cancellationToken = default) =>
        RunAsync(user, cancellationToken, async (db, actor, record) =>
        {
            if (await db.Committees.SingleOrDefaultAsync(c => c.Id == committeeId, cancellationToken) is not { } committee)
            {
                return ChangeOutcome.NotFound("Udvalget");
            }

            if (dates.Count == 0)
            {
                return ChangeOutcome.Invalid("Skriv mindst én dato.");
            }

            var existing = await db.Meetings.Where(m => m.CommitteeId == committeeId).Select(m => m.Date).ToListAsync(cancellationToken);
            var added = dates.Distinct().Where(d => !existing.Contains(d)).Order().Select(d => new CommitteeMeeting(committee, d)).ToList();
            var skipped = dates.Distinct().Count() - added.Count;
            if (added.Count == 0)
            {
                return ChangeOutcome.Invalid($"{committee.ShortCode} har allerede møde på {(dates.Count == 1 ? "den dato" : "de datoer")}.");
            }

            db.Meetings.AddRange(added);
            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(null, MeetingSubject, committee.ShortCode, "Oprettet",
                    [.. added.Select(m => new FieldChange("Møde", null, IsoDate.Format(m.Date)))]),
                $"{added.Count} {(added.Count == 1 ? "møde" : "møder")} i {committee.ShortCode} er tilføjet.");
            return ChangeOutcome.Saved(committee.Id, skipped > 0
                ? $"{added.Count} møder er tilføjet; {skipped} {(skipped == 1 ? "dato fandtes" : "datoer fandtes")} allerede."
                : $"{added.Count} {(added.Count == 1 ? "møde er tilføjet" : "møder er tilføjet")}.");
        });

    public Task<ChangeOutcome<int>> MoveMeetingAsync(ClaimsPrincipal user, int meetingId, Guid expectedVersion, DateOnly date, CancellationToken cancellationToken = default) =>
        WithMeetingAsync(user, meetingId, expectedVersion, cancellationToken, async (db, meeting, record) =>
        {
            var old = meeting.Date;
            if (old == date)
            {
                return ChangeOutcome.Saved(meeting.Id);
            }

            if (await db.Meetings.AnyAsync(m => m.CommitteeId == meeting.CommitteeId && m.Date == date && m.Id != meeting.Id, cancellationToken))
            {
                return ChangeOutcome.Invalid($"Udvalget har allerede et møde {MeetingDates.Format(date)}.");
            }

            meeting.MoveTo(date);
            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(null, MeetingSubject, $"{meeting.Committee!.ShortCode} {IsoDate.Format(old)}", "Flyttet", [new FieldChange("Dato", IsoDate.Format(old), IsoDate.Format(date))]),
                $"Mødet i {meeting.Committee.ShortCode} {MeetingDates.Format(old)} er flyttet til {MeetingDates.Format(date)}.");
            return ChangeOutcome.Saved(meeting.Id);
        });

    /// <summary>Cancels a meeting (or takes the cancellation back); items scheduled for it keep it, marked, until they are moved.</summary>
    public Task<ChangeOutcome<int>> CancelMeetingAsync(ClaimsPrincipal user, int meetingId, Guid expectedVersion, bool cancelled, CancellationToken cancellationToken = default) =>
        WithMeetingAsync(user, meetingId, expectedVersion, cancellationToken, async (db, meeting, record) =>
        {
            if (meeting.IsCancelled == cancelled)
            {
                return ChangeOutcome.Saved(meeting.Id);
            }

            meeting.Cancel(cancelled);
            await db.SaveChangesAsync(cancellationToken);
            var name = $"{meeting.Committee!.ShortCode} {IsoDate.Format(meeting.Date)}";
            record.Add(new Recorded(null, MeetingSubject, name, cancelled ? "Aflyst" : "Genoptaget",
                    [new FieldChange("Aflyst", cancelled ? "Nej" : "Ja", cancelled ? "Ja" : "Nej")]),
                cancelled ? $"Mødet i {meeting.Committee.ShortCode} {MeetingDates.Format(meeting.Date)} er aflyst." : $"Mødet i {meeting.Committee.ShortCode} {MeetingDates.Format(meeting.Date)} holdes alligevel.");
            var scheduled = await db.Items.CountAsync(i => i.TreatmentMeetingId == meeting.Id, cancellationToken);
            return ChangeOutcome.Saved(meeting.Id, cancelled && scheduled > 0 ? $"Mødet er aflyst. {scheduled} punkter skulle behandles på det; flyt dem til et andet møde." : null);
        });

    /// <summary>Every committee, for administration when there is no plan yet.</summary>
    public async Task<IReadOnlyList<Committee>> CommitteesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Committees.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Every meeting, for administration when there is no plan yet.</summary>
    public async Task<IReadOnlyList<CommitteeMeeting>> MeetingsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Meetings.AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>The record of administrative changes, newest first: one plan's and those every plan shares (committees, meetings).</summary>
    public async Task<IReadOnlyList<AdministrationEntry>> HistoryAsync(int? planId, int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AdministrationHistory.AsNoTracking()
            .Where(e => e.PlanId == null || e.PlanId == planId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    private Task<ChangeOutcome<int>> WithMeetingAsync(ClaimsPrincipal user, int meetingId, Guid expectedVersion, CancellationToken cancellationToken,
        Func<PlanDbContext, CommitteeMeeting, Records, Task<ChangeOutcome>> work, [CallerMemberName] string action = "") =>
        RunAsync(user, cancellationToken, meetingId, action, async (db, actor, record) =>
        {
            var meeting = await db.Meetings.Include(m => m.Committee).SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
            if (meeting is null)
            {
                return ChangeOutcome.NotFound("Mødet");
            }

            return meeting.Version != expectedVersion ? ChangeOutcome.Stale("Mødet") : await work(db, meeting, record);
        });

    /// <summary>Why a committee cannot be saved beside the others (code, address or name taken), or null; the one check for the committee page and the import.</summary>
    internal static async Task<string?> DuplicateCommitteeAsync(PlanDbContext db, Committee committee, int? except, CancellationToken cancellationToken)
    {
        var others = await db.Committees.AsNoTracking().Where(c => c.Id != except).ToListAsync(cancellationToken);
        if (others.FirstOrDefault(c => string.Equals(c.ShortCode, committee.ShortCode, StringComparison.OrdinalIgnoreCase)) is { } sameCode)
        {
            return $"Forkortelsen {committee.ShortCode} bruges allerede af {sameCode.Name}.";
        }

        if (others.FirstOrDefault(c => c.Slug == committee.Slug) is { } sameSlug)
        {
            return $"Kortnavnet \"{committee.Slug}\" bruges allerede af {sameSlug.Name}.";
        }

        return others.FirstOrDefault(c => string.Equals(c.Name, committee.Name, StringComparison.OrdinalIgnoreCase)) is { } sameName
            ? $"Der findes allerede et udvalg ved navn {sameName.Name}."
            : null;
    }


    internal static List<FieldChange> CommitteeFields(Committee committee) =>
    [
        new("Navn", null, committee.Name),
        new("Forkortelse", null, committee.ShortCode),
        new("Kortnavn", null, committee.Slug),
    ];
}
