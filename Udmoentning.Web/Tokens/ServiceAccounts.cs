using System.Security.Claims;
using Udmoentning.Domain.Access;
using Udmoentning.Web.Access;

namespace Udmoentning.Web.Tokens;

/// <summary>
/// <c>Tokens:ServiceAccounts</c>: programs that read the feed with a bearer token (JWT) from the organisation's identity
/// provider (client credentials), each mapped to a role and optionally a committee. Off unless <see cref="Authority"/> is set.
/// </summary>
public sealed class ServiceAccountSettings
{
    public const string Section = "Tokens:ServiceAccounts";

    /// <summary>The claims that name the calling client, in the order they are read: OpenIddict, Entra v2, Entra v1, the subject.</summary>
    public static readonly IReadOnlyList<string> ClientClaims = ["client_id", "azp", "appid", "sub"];

    public string? Authority { get; set; }

    /// <summary>The audience the tokens are issued for (the app's API, e.g. "api://udmoentning").</summary>
    public string? Audience { get; set; }

    /// <summary>Only for tests against a provider on plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Client id (or subject) → the account's role and committee.</summary>
    public Dictionary<string, ServiceAccount> Accounts { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The settings, checked: a setting that would leave the feed open or closed by mistake stops the start.</summary>
    public static ServiceAccountSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<ServiceAccountSettings>() ?? new ServiceAccountSettings();
        settings.Accounts = new Dictionary<string, ServiceAccount>(settings.Accounts, StringComparer.Ordinal);
        if (!settings.Enabled)
        {
            if (!string.IsNullOrWhiteSpace(settings.Audience) || settings.Accounts.Count > 0)
            {
                throw new StartupException($"{Section}:Audience or {Section}:Accounts is set but {Section}:Authority is not. Set {Section}:Authority to the identity provider " +
                    "(e.g. https://login.microsoftonline.com/{tenant}/v2.0) to turn service accounts on, or remove the section.");
            }

            return settings;
        }

        if (!Uri.TryCreate(settings.Authority, UriKind.Absolute, out _))
        {
            throw new StartupException($"{Section}:Authority '{settings.Authority}' is not an absolute address. Set it to the identity provider's issuer, e.g. https://login.microsoftonline.com/{{tenant}}/v2.0.");
        }

        if (string.IsNullOrWhiteSpace(settings.Audience))
        {
            throw new StartupException($"{Section}:Authority is set but {Section}:Audience is missing. Set it to the audience the provider issues the service accounts' tokens for " +
                "(the app registration's Application ID URI, e.g. api://udmoentning); without it any token from the provider would do.");
        }

        foreach (var (client, account) in settings.Accounts)
        {
            if (RoleNames.Parse(account.Role) is null)
            {
                throw new StartupException($"{Section}:Accounts:{client}:Role is '{account.Role}', which is not a role. Use one of {string.Join(", ", Enum.GetNames<Role>())}.");
            }
        }

        return settings;
    }

    /// <summary>The client a validated token was issued to, by the first of <see cref="ClientClaims"/> it has.</summary>
    public static string? ClientOf(ClaimsPrincipal token) =>
        ClientClaims.Select(type => token.FindFirst(type)?.Value).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));

    /// <summary>The principal of a mapped client: <c>service:{client}</c>, its name, role and committee; null for a client not mapped.</summary>
    public ClaimsPrincipal? PrincipalOf(string client)
    {
        if (!Accounts.TryGetValue(client, out var account) || RoleNames.Parse(account.Role) is not { } role)
        {
            return null;
        }

        var identity = new ClaimsIdentity(TokenSchemes.Service, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, ServiceAccount.UserIdOf(client)));
        identity.AddClaim(new Claim(ClaimTypes.Name, account.DisplayName(client)));
        identity.AddClaim(new Claim(AccessClaims.DisplayName, account.DisplayName(client)));
        identity.AddClaim(new Claim(ClaimTypes.Role, role.ToString()));
        if (!string.IsNullOrWhiteSpace(account.Committee))
        {
            identity.AddClaim(new Claim(AccessClaims.Committee, account.Committee.Trim()));
        }

        identity.AddClaim(new Claim(TokenClaims.ServiceAccount, client));
        return new ClaimsPrincipal(identity);
    }
}

/// <summary>One service account: its role (Reader, Editor, Coordinator, Administrator) and, optionally, a committee's short code.</summary>
public sealed class ServiceAccount
{
    public string? Role { get; set; }

    public string? Committee { get; set; }

    /// <summary>The name the history and logs show; the client id when not set.</summary>
    public string? Name { get; set; }

    public string DisplayName(string client) => string.IsNullOrWhiteSpace(Name) ? $"Tjenestekonto {client}" : Name.Trim();

    public static string UserIdOf(string client) => $"service:{client}";
}
