using System.Text;
using System.Text.RegularExpressions;

namespace Udmoentning.Domain.Plans;

/// <summary>A standing committee (fagudvalg), Økonomiudvalget or Kommunalbestyrelsen.</summary>
public sealed partial class Committee
{
    private Committee()
    {
        Name = ShortCode = Slug = string.Empty;
    }

    public Committee(string name, string shortCode)
    {
        Limits.RequireText(name, Limits.CommitteeNameLength, "Udvalgets navn");
        Limits.RequireText(shortCode, Limits.CommitteeCodeLength, "Udvalgets forkortelse");
        Name = name.Trim();
        ShortCode = shortCode.Trim().ToUpperInvariant();
        Slug = ToSlug(ShortCode);
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public string ShortCode { get; private set; }

    /// <summary>The committee's address in URLs: "au", "buu", "oeu" for ØU.</summary>
    public string Slug { get; private set; }

    public static string ToSlug(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            builder.Append(c switch
            {
                'æ' => "ae",
                'ø' => "oe",
                'å' => "aa",
                _ when char.IsAsciiLetterOrDigit(c) => c.ToString(),
                _ => "-",
            });
        }

        return DashRuns().Replace(builder.ToString(), "-").Trim('-');
    }

    [GeneratedRegex("-{2,}")]
    private static partial Regex DashRuns();
}
