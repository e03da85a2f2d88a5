using Microsoft.EntityFrameworkCore;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Access;

/// <summary>A security event as administrators see it.</summary>
public sealed record SecurityEventView(DateTime At, SecurityEventKind Kind, string UserName, string? Address, string? Detail)
{
    public string What => SecurityEvents.Describe(Kind);
}

/// <summary>
/// Records failed sign-ins, lockouts, refusals and password changes twice: as a structured log line (event id, kind,
/// user name as typed, address; never a password) and as a row administrators read at /admin/brugere. Recording never
/// fails the sign-in or change it describes: a database that cannot take the row leaves the log line.
/// </summary>
public sealed class SecurityEvents(IDbContextFactory<PlanDbContext> contexts, TimeProvider clock, ILogger<SecurityEvents> logger)
{
    public static readonly EventId LogEvent = new(3801, "SecurityEvent");

    public async Task RecordAsync(SecurityEventKind kind, string? userName, string? userId = null, string? address = null, string? detail = null)
    {
        var entry = new SecurityEvent
        {
            At = clock.GetUtcNow().UtcDateTime,
            Kind = kind,
            UserName = Clean(userName, SecurityEvent.UserNameLength) ?? string.Empty,
            UserId = Clean(userId, 450),
            Address = Clean(address, SecurityEvent.AddressLength),
            Detail = Clean(detail, SecurityEvent.DetailLength),
        };
        var level = kind is SecurityEventKind.PasswordChanged or SecurityEventKind.PasswordSetWithLink or SecurityEventKind.PasswordLinkCreated
            or SecurityEventKind.PasswordReset or SecurityEventKind.Unlocked ? LogLevel.Information : LogLevel.Warning;
        logger.Log(level, LogEvent, "Security event {SecurityEvent} for {UserName} ({UserId}) from {Address}: {Detail}",
            kind, entry.UserName, entry.UserId, entry.Address, entry.Detail);
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.SecurityEvents.Add(entry);
            await db.SaveChangesAsync();
        }
        catch (Exception e) when (e is DbUpdateException || Changes.StorageFailure.Is(e))
        {
            logger.LogWarning(e, "The security event {SecurityEvent} for {UserName} was logged but not stored", kind, entry.UserName);
        }
    }

    /// <summary>The newest events first.</summary>
    public async Task<IReadOnlyList<SecurityEventView>> LatestAsync(int count)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.SecurityEvents.AsNoTracking().OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(count)
            .Select(e => new SecurityEventView(e.At, e.Kind, e.UserName, e.Address, e.Detail)).ToListAsync();
    }

    public static string Describe(SecurityEventKind kind) => kind switch
    {
        SecurityEventKind.SignInFailed => "Forkert brugernavn eller adgangskode",
        SecurityEventKind.LockedOut => "Kontoen blev spærret efter for mange forkerte forsøg",
        SecurityEventKind.SignInWhileLockedOut => "Forsøg på at logge ind på en spærret konto",
        SecurityEventKind.SignInWhileDisabled => "Forsøg på at logge ind på en deaktiveret konto",
        SecurityEventKind.SignInRateLimited => "Afvist: for mange forsøg på kort tid",
        SecurityEventKind.PasswordChanged => "Adgangskoden blev skiftet",
        SecurityEventKind.PasswordSetWithLink => "Adgangskoden blev valgt via et engangslink",
        SecurityEventKind.PasswordLinkRefused => "Afvist: engangslinket var udløbet eller brugt",
        SecurityEventKind.PasswordLinkCreated => "Engangslink til første adgangskode oprettet",
        SecurityEventKind.PasswordReset => "Adgangskoden blev nulstillet af en administrator",
        SecurityEventKind.Unlocked => "Kontoen blev låst op af en administrator",
        SecurityEventKind.AdministrationRefused => "Afvist: forsøg på at administrere brugere uden at være administrator",
        SecurityEventKind.EmailChanged => "E-mailadresse ændret",
        SecurityEventKind.GroupChanged => "Parti/gruppe ændret",
        _ => kind.ToString(),
    };

    /// <summary>What a stranger typed is stored without control characters (PostgreSQL refuses \0) and cut to the column.</summary>
    private static string? Clean(string? text, int length)
    {
        if (text is null)
        {
            return null;
        }

        var clean = new string(text.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).ToArray()).Trim();
        return clean.Length > length ? clean[..length] : clean;
    }
}
