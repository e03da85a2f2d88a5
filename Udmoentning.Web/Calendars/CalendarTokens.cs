using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Calendars;

/// <summary>
/// A user's calendar token: made the first time they ask for their calendar addresses, renewed when they ask for new ones.
/// Both go through <see cref="ChangePipeline"/> and leave an administration record (never the token itself).
/// </summary>
public sealed class CalendarTokens(IDbContextFactory<PlanDbContext> contexts, ChangePipeline changes)
{
    public const string Subject = "Kalender";
    public const string CreatedKind = "Ny kalenderadresse";
    public const string RenewedKind = "Adresse fornyet";

    /// <summary>The signed-in user's token, made now if they have none.</summary>
    public Task<ChangeOutcome<string>> GetOrCreateAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        changes.RunAsync<string>(user, new ChangeRun("create calendar address", "calendar") { Limited = false }, async change =>
        {
            if (await change.Db.CalendarTokens.AsNoTracking().SingleOrDefaultAsync(t => t.UserId == change.Actor.UserId, cancellationToken) is { } existing)
            {
                return ChangeOutcome.Saved(existing.Token);
            }

            return ChangeOutcome.Saved(Create(change));
        }, cancellationToken);

    /// <summary>A new token for the signed-in user: the addresses made with the old one answer 404 from now on.</summary>
    public Task<ChangeOutcome<string>> RenewAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        changes.RunAsync<string>(user, new ChangeRun("renew calendar address", "calendar"), async change =>
        {
            if (await change.Db.CalendarTokens.SingleOrDefaultAsync(t => t.UserId == change.Actor.UserId, cancellationToken) is not { } token)
            {
                return ChangeOutcome.Saved(Create(change), "Dine kalenderadresser er oprettet.");
            }

            token.Renew(change.At);
            change.Record(null, Subject, change.Actor.Name, RenewedKind, []);
            return ChangeOutcome.Saved(token.Token, "Dine kalenderadresser er fornyet. De gamle virker ikke længere.");
        }, cancellationToken);

    /// <summary>The signed-in user's token, or null while they have none (showing the page makes none: that is a change).</summary>
    public async Task<string?> FindAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (Access.CurrentUsers.UserId(user) is not { } userId)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CalendarTokens.AsNoTracking().Where(t => t.UserId == userId).Select(t => t.Token).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The id of the user the token belongs to, or null when it is nobody's (unknown or renewed).</summary>
    public async Task<string?> OwnerAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!CalendarToken.IsWellFormed(token))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.CalendarTokens.AsNoTracking().Where(t => t.Token == token).Select(t => new { t.UserId, t.Token }).ToListAsync(cancellationToken);
        // Compared again here: a database whose collation ignores case must not let a token in other letters through.
        return found.SingleOrDefault(t => string.Equals(t.Token, token, StringComparison.Ordinal))?.UserId;
    }

    private static string Create(Change change)
    {
        var token = new CalendarToken(change.Actor.UserId, change.At);
        change.Db.CalendarTokens.Add(token);
        change.Record(null, Subject, change.Actor.Name, CreatedKind, []);
        return token.Token;
    }
}
