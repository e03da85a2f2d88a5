using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Input;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Tokens;

/// <summary>A token as its owner sees it in the list: never the secret, only its prefix.</summary>
public sealed record AccessTokenView(
    int Id, string Name, string Prefix, DateTime CreatedAt, DateOnly ExpiresOn, DateTime? LastUsedAt, DateTime? RevokedAt, TokenState State, Guid Version)
{
    public static AccessTokenView Of(AccessToken token, DateOnly today) =>
        new(token.Id, token.Name, token.Prefix, token.CreatedAt, token.ExpiresOn, token.LastUsedAt, token.RevokedAt, token.StateOn(today), token.Version);
}

/// <summary>
/// A user's personal access tokens: made and revoked by their owner through <see cref="ChangePipeline"/>, with an
/// administration record each (never the secret), and looked up by the hash of a secret on every request that brings one.
/// </summary>
public sealed class AccessTokens(IDbContextFactory<PlanDbContext> contexts, ChangePipeline changes, TimeProvider clock)
{
    public const string Subject = "Adgangsnøgle";
    public const string CreatedKind = "Ny adgangsnøgle";
    public const string RevokedKind = "Nøgle tilbagekaldt";

    public const int DefaultDays = 90;

    /// <summary>The longest a token may live: a forgotten token in a report file stops working within a year.</summary>
    public const int MaxDays = 365;

    public const string NameField = "Navnet";

    /// <summary>How seldom the last use is written: a report refreshing every second costs one write a minute.</summary>
    public static readonly TimeSpan UseNotedEvery = TimeSpan.FromMinutes(1);

    /// <summary>The expiry a new token gets unless the user chooses another.</summary>
    public DateOnly DefaultExpiry() => Today().AddDays(DefaultDays);

    public DateOnly Today() => DanishTime.Today(clock.GetUtcNow());

    /// <summary>A new token for the signed-in user; the outcome's value is the secret, the only time it is seen.</summary>
    public Task<ChangeOutcome<string>> CreateAsync(ClaimsPrincipal user, string name, DateOnly expiresOn, CancellationToken cancellationToken = default) =>
        changes.RunAsync<string>(user, new ChangeRun("create access token", "access tokens"), change =>
        {
            if (Problem(name, expiresOn, DanishTime.Today(change.Now)) is { } problem)
            {
                return Task.FromResult(ChangeOutcome.Invalid(problem));
            }

            var (token, secret) = AccessToken.Create(change.Actor.UserId, name, expiresOn, change.At);
            change.Db.AccessTokens.Add(token);
            change.Record(null, Subject, token.Name, CreatedKind,
            [
                new FieldChange("Nøgle", null, token.Prefix + "…"),
                new FieldChange("Udløber", null, expiresOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ]);
            return Task.FromResult<ChangeOutcome>(ChangeOutcome.Saved(secret, "Nøglen er lavet. Kopiér den nu: den bliver ikke vist igen."));
        }, cancellationToken);

    /// <summary>
    /// Revokes a token of the signed-in user (an administrator may revoke anyone's): the next request that brings it is refused.
    /// <paramref name="version"/> is the version the user saw; a token changed since answers Stale.
    /// </summary>
    public Task<ChangeOutcome<AccessTokenView>> RevokeAsync(ClaimsPrincipal user, int id, Guid version, CancellationToken cancellationToken = default) =>
        changes.RunAsync<AccessTokenView>(user, new ChangeRun("revoke access token", $"access token {id}"), async change =>
        {
            if (await change.Db.AccessTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken) is not { } token)
            {
                return ChangeOutcome.NotFound("Nøglen");
            }

            var today = DanishTime.Today(change.Now);
            if (token.UserId != change.Actor.UserId && !change.Actor.Has(Domain.Access.Role.Administrator))
            {
                return ChangeOutcome.Forbidden("Du kan kun tilbagekalde dine egne nøgler.");
            }

            if (token.Version != version)
            {
                return ChangeOutcome.Stale(AccessTokenView.Of(token, today), $"Nøglen \"{token.Name}\" er netop ændret (måske tilbagekaldt) et andet sted. {ChangeOutcome.NothingSaved}");
            }

            if (token.RevokedAt is not null)
            {
                return ChangeOutcome.Saved(AccessTokenView.Of(token, today), "Nøglen var allerede tilbagekaldt.");
            }

            token.Revoke(change.At);
            change.Record(null, Subject, token.Name, RevokedKind, [new FieldChange("Nøgle", token.Prefix + "…", null)]);
            return ChangeOutcome.Saved(AccessTokenView.Of(token, today), $"Nøglen \"{token.Name}\" er tilbagekaldt. Programmer, der bruger den, får ikke adgang længere.");
        }, cancellationToken);

    /// <summary>The signed-in user's tokens, newest first, revoked and expired ones included.</summary>
    public async Task<IReadOnlyList<AccessTokenView>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (Access.CurrentUsers.UserId(user) is not { } userId)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        var today = Today();
        return [.. tokens.Select(t => AccessTokenView.Of(t, today))];
    }

    /// <summary>Why a token with this name and expiry cannot be made on <paramref name="today"/>, or null.</summary>
    public static string? Problem(string? name, DateOnly expiresOn, DateOnly today) =>
        TextRules.Check(name, AccessToken.NameLength, NameField, required: true, multiLine: false) ??
        (expiresOn < today ? "Udløbsdatoen ligger før i dag. Vælg en dato fra i dag og højst et år frem." :
         expiresOn > today.AddDays(MaxDays) ? $"En nøgle kan højst gælde et år (til og med {today.AddDays(MaxDays):dd-MM-yyyy}). Vælg en tidligere udløbsdato." :
         null);

    /// <summary>
    /// The token a secret belongs to, or why it is refused (in English, for the WWW-Authenticate header and the log).
    /// Read on every request, so a revoked token is refused on the next one.
    /// </summary>
    public async Task<(AccessToken? Token, string? Refusal)> FindAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!AccessToken.IsWellFormed(secret))
        {
            return (null, "The token is not a well-formed personal access token.");
        }

        var hash = AccessToken.HashOf(secret);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.AccessTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        return token?.StateOn(Today()) switch
        {
            null => (null, "The token is unknown."),
            TokenState.Revoked => (null, "The token has been revoked."),
            TokenState.Expired => (null, $"The token expired after {token.ExpiresOn:yyyy-MM-dd}."),
            _ => (token, null),
        };
    }

    /// <summary>Notes that the token was used now, unless that was noted less than <see cref="UseNotedEvery"/> ago.</summary>
    public async Task NoteUseAsync(AccessToken token, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (token.LastUsedAt is { } last && now - last < UseNotedEvery)
        {
            return;
        }

        var since = now - UseNotedEvery;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A plain update, not a change: using a token must not make its owner's revocation stale.
        await db.AccessTokens.Where(t => t.Id == token.Id && (t.LastUsedAt == null || t.LastUsedAt < since))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
    }
}
