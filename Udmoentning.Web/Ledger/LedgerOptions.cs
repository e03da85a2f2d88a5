using Udmoentning.Domain.Ledger;

namespace Udmoentning.Web.Ledger;

/// <summary>
/// The municipality's account-string layout, set once in <c>Ledger:Account</c> (docs/ledger.md has two examples):
/// <c>Separator</c>, and <c>Parts</c>, each with <c>Name</c>, <c>Pattern</c>, <c>Required</c> and <c>Example</c>. Unset, the
/// authorised chart's layout (<see cref="AccountStringLayout.Authorised"/>).
/// </summary>
public static class LedgerOptions
{
    public const string Section = "Ledger:Account";

    public static AccountStringLayout From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var parts = section.GetSection("Parts").GetChildren().ToList();
        if (parts.Count == 0)
        {
            return section["Separator"] is { Length: > 0 } separator
                ? Layout(separator, AccountStringLayout.Authorised.Parts)
                : AccountStringLayout.Authorised;
        }

        var read = parts.Select((part, i) =>
        {
            var name = part["Name"];
            var pattern = part["Pattern"];
            var example = part["Example"];
            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(pattern) || string.IsNullOrWhiteSpace(example))
            {
                throw new StartupException($"{Section}:Parts:{i} needs a Name, a Pattern (a regular expression for the whole part) and an Example.");
            }

            if (!bool.TryParse(part["Required"] ?? "true", out var required))
            {
                throw new StartupException($"{Section}:Parts:{i}:Required must be true or false.");
            }

            try
            {
                _ = AccountPart.Compile(pattern);
            }
            catch (ArgumentException e)
            {
                throw new StartupException($"{Section}:Parts:{i}:Pattern is not a regular expression: {e.Message}");
            }
            catch (NotSupportedException e)
            {
                throw new StartupException($"{Section}:Parts:{i}:Pattern uses what a pattern for an account string need not (backreferences or lookarounds): {e.Message}");
            }

            return new AccountPart(name.Trim(), pattern, required, example.Trim());
        }).ToList();
        return Layout(section["Separator"] ?? AccountStringLayout.Authorised.Separator, read);
    }

    private static AccountStringLayout Layout(string separator, IReadOnlyList<AccountPart> parts)
    {
        try
        {
            return new AccountStringLayout(separator, parts);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"{Section} is not a layout an account string can have: {e.Message}", e);
        }
    }
}
