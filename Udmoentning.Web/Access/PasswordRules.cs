using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Udmoentning.Web.Access;

/// <summary>
/// What Identity's length and unique-character rules do not see: a password that is (or contains) the user's own name,
/// or one of the passwords people choose most often (a list shipped inside the app, Danish ones included).
/// </summary>
public sealed class PasswordRules : IPasswordValidator<PlanUser>
{
    public const string Common = "Adgangskoden er en af de mest brugte og gættes let. Vælg en længere sætning eller flere tilfældige ord.";
    public const string ContainsName = "Adgangskoden må ikke indeholde dit brugernavn eller navn.";

    private static readonly Lazy<HashSet<string>> _common = new(LoadCommon);

    public Task<IdentityResult> ValidateAsync(UserManager<PlanUser> manager, PlanUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var errors = new List<IdentityError>();
        var normal = Normalize(password);
        if (IsCommon(normal))
        {
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = Common });
        }

        if (ContainsNameOf(user, normal))
        {
            errors.Add(new IdentityError { Code = "PasswordContainsName", Description = ContainsName });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>How many passwords the shipped list holds (for tests and the start-up log).</summary>
    public static int CommonCount => _common.Value.Count;

    /// <summary>
    /// A listed password as typed, in other case, with a capital first letter, or with a symbol or a year around it
    /// ("Sommer2024!", "!password1234", "Kodeord12345") counts as the listed one.
    /// </summary>
    private static bool IsCommon(string normal)
    {
        var list = _common.Value;
        if (list.Contains(normal))
        {
            return true;
        }

        var trimmed = normal.Trim(" !?.,-_*#@$%&+=/\\".ToCharArray());
        return list.Contains(trimmed) || list.Contains(trimmed.TrimEnd("0123456789".ToCharArray()));
    }

    private static bool ContainsNameOf(PlanUser user, string normal)
    {
        var compact = Compact(normal);
        var names = new[] { user.UserName, user.DisplayName }
            .Concat((user.DisplayName ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(n => Compact(Normalize(n ?? string.Empty)))
            .Where(n => n.Length >= 4);
        return names.Any(n => compact.Contains(n, StringComparison.Ordinal));
    }

    private static string Normalize(string text) => text.Normalize(NormalizationForm.FormC).ToLower(CultureInfo.GetCultureInfo("da-DK"));

    /// <summary>Letters and digits only: "it-admin" hides in "itadmin2026" and in "It.Admin!".</summary>
    private static string Compact(string text) => string.Concat(text.Where(char.IsLetterOrDigit));

    private static HashSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("Udmoentning.Web.Access.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(Normalize(line.Trim()));
            }
        }

        return set;
    }
}
