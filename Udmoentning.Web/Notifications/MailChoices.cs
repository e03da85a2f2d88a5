using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Notifications;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Notifications;

/// <summary>What an unsubscribe link did: the kinds it turned off, or why it did nothing.</summary>
public sealed record UnsubscribeOutcome(string? Error, IReadOnlyList<MailKind> TurnedOff, string? Name = null);

/// <summary>
/// Each person's choice per kind of mail (<see cref="MailDelivery"/>), changed on their settings page or by an unsubscribe
/// link. Both go through <see cref="ChangePipeline"/> like every change and are recorded (who, when, old, new); the link's
/// signed token stands for the person, who need not sign in.
/// </summary>
public sealed class MailChoices(IDbContextFactory<PlanDbContext> contexts, ChangePipeline changes, UnsubscribeTokens tokens)
{
    public const string Subject = "Mailvalg";

    public const string LinkNotValid = "Linket virker ikke: det er udløbet, ændret eller ufuldstændigt. Log ind og vælg under Mine indstillinger, hvilke mails du får.";

    /// <summary>The person's choice for every kind they choose between.</summary>
    public async Task<IReadOnlyDictionary<MailKind, MailDelivery>> ReadAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var chosen = await db.MailPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, p => p.Delivery, cancellationToken);
        return MailKinds.Chosen.ToDictionary(k => k, k => chosen.GetValueOrDefault(k, MailKinds.Default(k)));
    }

    /// <summary>The person's e-mail address, or null when their account has none.</summary>
    public async Task<string?> AddressAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var address = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(address) ? null : address;
    }

    /// <summary>The signed-in person chooses how they get <paramref name="kind"/>.</summary>
    public Task<ChangeOutcome<MailDelivery>> ChooseAsync(ClaimsPrincipal user, MailKind kind, MailDelivery delivery, CancellationToken cancellationToken = default) =>
        changes.RunAsync<MailDelivery>(user, new ChangeRun("choose mail", kind.ToString()) { Limited = false }, async change =>
        {
            if (!MailKinds.IsValid(kind, delivery))
            {
                return ChangeOutcome.Invalid("Vælg en af mulighederne for den slags mail.");
            }

            await SetAsync(change, [kind], delivery, "Ændret", cancellationToken);
            return ChangeOutcome.Saved(delivery, $"{kind.Name()}: {delivery.Name().ToLowerInvariant()}.");
        }, cancellationToken);

    /// <summary>What the token would turn off, and for whom, without turning it off (the page asks first).</summary>
    public async Task<UnsubscribeOutcome> PreviewAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (tokens.Read(token) is not { } unsubscription)
        {
            return new UnsubscribeOutcome(LinkNotValid, []);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = await db.Users.AsNoTracking().Where(u => u.Id == unsubscription.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        return name is null ? new UnsubscribeOutcome(LinkNotValid, []) : new UnsubscribeOutcome(null, await KindsAsync(db, unsubscription, cancellationToken), name);
    }

    /// <summary>Turns off what the token names: its kind, or for the daily collected mail every kind collected.</summary>
    public async Task<UnsubscribeOutcome> UnsubscribeAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (tokens.Read(token) is not { } unsubscription)
        {
            return new UnsubscribeOutcome(LinkNotValid, []);
        }

        // The token stands for its person in this one change: the pipeline reads their rights as they are now.
        var person = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, unsubscription.UserId)], "Unsubscribe"));
        IReadOnlyList<MailKind> turnedOff = [];
        var outcome = await changes.RunAsync<int>(person, new ChangeRun("unsubscribe from", unsubscription.Kind.ToString()) { Limited = false }, async change =>
        {
            turnedOff = await KindsAsync(change.Db, unsubscription, cancellationToken);
            await SetAsync(change, turnedOff, MailDelivery.Off, "Afmeldt via link i mail", cancellationToken);
            return ChangeOutcome.Saved(turnedOff.Count);
        }, cancellationToken);
        return outcome.Succeeded ? new UnsubscribeOutcome(null, turnedOff) : new UnsubscribeOutcome(outcome.Status == ChangeStatus.Forbidden ? LinkNotValid : outcome.Message ?? LinkNotValid, []);
    }

    /// <summary>The kinds a token turns off: its own; for the daily collected mail, every kind the person gets collected.</summary>
    private static async Task<IReadOnlyList<MailKind>> KindsAsync(PlanDbContext db, Unsubscription unsubscription, CancellationToken cancellationToken)
    {
        if (unsubscription.Kind != MailKind.DailyDigest)
        {
            return [unsubscription.Kind];
        }

        return await db.MailPreferences.AsNoTracking()
            .Where(p => p.UserId == unsubscription.UserId && p.Delivery == MailDelivery.Daily)
            .Select(p => p.Kind)
            .ToListAsync(cancellationToken);
    }

    private static async Task SetAsync(Change change, IReadOnlyList<MailKind> kinds, MailDelivery delivery, string recordKind, CancellationToken cancellationToken)
    {
        var userId = change.Actor.UserId;
        var rows = await change.Db.MailPreferences.Where(p => p.UserId == userId).ToListAsync(cancellationToken);
        var recorded = new List<FieldChange>();
        foreach (var kind in kinds)
        {
            var row = rows.FirstOrDefault(p => p.Kind == kind);
            var old = row?.Delivery ?? MailKinds.Default(kind);
            if (row is null)
            {
                change.Db.MailPreferences.Add(new MailPreference(userId, kind, delivery));
            }
            else
            {
                row.Delivery = delivery;
            }

            if (old != delivery)
            {
                recorded.Add(new FieldChange(kind.Name(), old.Name(), delivery.Name()));
            }
        }

        if (recorded.Count > 0)
        {
            change.Record(null, Subject, change.Actor.Name, recordKind, recorded);
        }
    }
}
