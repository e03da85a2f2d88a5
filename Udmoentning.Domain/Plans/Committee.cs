using System.Text;
using System.Text.RegularExpressions;
using Udmoentning.Domain.Input;

namespace Udmoentning.Domain.Plans;

/// <summary>A standing committee (fagudvalg), Økonomiudvalget or Kommunalbestyrelsen.</summary>
public sealed partial class Committee
{
    private Committee()
    {
        Name = ShortCode = Slug = string.Empty;
    }

    public Committee(string name, string shortCode, string? slug = null)
    {
        Name = ShortCode = Slug = string.Empty;
        Edit(name, shortCode, slug);
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public string ShortCode { get; private set; }

    /// <summary>The committee's address in URLs: "au", "buu", "oeu" for ØU.</summary>
    public string Slug { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    /// <summary>Changes name, short code and URL slug (derived from the short code when left empty).</summary>
    public void Edit(string name, string shortCode, string? slug)
    {
        TextRules.Require(name, Limits.CommitteeNameLength, "Udvalgets navn");
        TextRules.Require(shortCode, Limits.CommitteeCodeLength, "Udvalgets forkortelse");
        if (!ShortCodePattern().IsMatch(shortCode.Trim()))
        {
            throw new PlanRuleException("Udvalgets forkortelse må kun bestå af bogstaver, tal og bindestreg, fx \"ØU\" eller \"BUU\".");
        }

        var newSlug = string.IsNullOrWhiteSpace(slug) ? ToSlug(shortCode) : slug.Trim();
        if (newSlug.Length > Limits.CommitteeSlugLength || !SlugPattern().IsMatch(newSlug))
        {
            throw new PlanRuleException($"Kortnavnet i adressen må kun bestå af små bogstaver a-z, tal og bindestreg (højst {Limits.CommitteeSlugLength} tegn), fx \"oeu\".");
        }

        Name = name.Trim();
        ShortCode = shortCode.Trim().ToUpperInvariant();
        Slug = newSlug;
        Version = Guid.NewGuid();
    }

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

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^[\p{L}0-9][\p{L}0-9\-]*$")]
    private static partial Regex ShortCodePattern();
}
