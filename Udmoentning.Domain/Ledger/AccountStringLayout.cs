using System.Text.RegularExpressions;

namespace Udmoentning.Domain.Ledger;

/// <summary>One part of an account string: its Danish name, the pattern it must match whole, and an example.</summary>
/// <param name="Required">A required part must be there; optional parts come after the required ones and may be left out from the end.</param>
public sealed record AccountPart(string Name, string Pattern, bool Required, string Example)
{
    private Regex? _regex;

    /// <summary>Whether <paramref name="value"/> is this part: the whole of it matches <see cref="Pattern"/>.</summary>
    public bool Matches(string value) => (_regex ??= Compile(Pattern)).IsMatch(value);

    /// <summary>
    /// The pattern as it is matched: the whole part, in time linear in its length whatever the pattern (no backtracking),
    /// so neither a typed account string nor a configured pattern can make a match slow. A time limit instead ran out on
    /// a busy machine during start-up (a node stopped). Throws <see cref="ArgumentException"/> for a pattern that is not a
    /// regular expression, <see cref="NotSupportedException"/> for one that needs backtracking (backreferences, lookarounds).
    /// </summary>
    public static Regex Compile(string pattern) => new($"^(?:{pattern})$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
}

/// <summary>The result of reading an account string: the string as it is stored, or the Danish reason it is not one.</summary>
public readonly record struct AccountReading(string? Account, string? Error)
{
    public bool IsOk => Error is null;
}

/// <summary>
/// How the municipality writes an account string: its parts in order, joined by <see cref="Separator"/>. Configured once
/// (<c>Ledger:Account</c>); <see cref="Authorised"/> is the authorised chart's own layout with two dimensions of the
/// municipality's, which fits KMD Opus and Fujitsu Prisme extracts once their columns are joined (docs/ledger.md).
/// </summary>
public sealed class AccountStringLayout
{
    /// <summary>Longest account string stored; also the column's length.</summary>
    public const int MaxLength = 60;

    public AccountStringLayout(string separator, IReadOnlyList<AccountPart> parts)
    {
        if (string.IsNullOrEmpty(separator) || separator.Any(char.IsLetterOrDigit))
        {
            throw new ArgumentException("The separator must be one or more characters that are neither letters nor digits.", nameof(separator));
        }

        if (parts.Count == 0 || !parts[0].Required)
        {
            throw new ArgumentException("An account string needs at least one part, and its first part must be required.", nameof(parts));
        }

        if (parts.SkipWhile(p => p.Required).Any(p => p.Required))
        {
            throw new ArgumentException("Optional parts come after every required part.", nameof(parts));
        }

        foreach (var part in parts)
        {
            if (!part.Matches(part.Example))
            {
                throw new ArgumentException($"The example \"{part.Example}\" of the part {part.Name} does not match its pattern \"{part.Pattern}\".", nameof(parts));
            }

            if (part.Example.Contains(separator, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The example of the part {part.Name} contains the separator \"{separator}\".", nameof(parts));
            }
        }

        Separator = separator;
        Parts = parts;
    }

    public string Separator { get; }

    public IReadOnlyList<AccountPart> Parts { get; }

    /// <summary>
    /// The authorised chart (Indenrigs- og Boligministeriets budget- og regnskabssystem): function (hovedkonto.hovedfunktion.funktion),
    /// dranst and art, then the municipality's cost centre and activity, e.g. <c>3.22.01-1-4.0-1234-100</c>.
    /// </summary>
    public static AccountStringLayout Authorised { get; } = new("-",
    [
        new AccountPart("Funktion", @"[0-9]\.[0-9]{2}\.[0-9]{2}", Required: true, "3.22.01"),
        new AccountPart("Dranst", "[1-9]", Required: true, "1"),
        new AccountPart("Art", @"[0-9]\.[0-9]{1,2}", Required: true, "4.0"),
        new AccountPart("Omkostningssted", "[0-9]{1,10}", Required: false, "1234"),
        new AccountPart("Aktivitet", "[0-9A-Za-z]{1,10}", Required: false, "100"),
    ]);

    /// <summary>A complete example, every part given: what the form shows as a hint.</summary>
    public string Example => string.Join(Separator, Parts.Select(p => p.Example));

    /// <summary>
    /// Reads an account string as a person types it: spaces around the parts are dropped; every required part must be
    /// there and match; optional parts may be left out from the end. Stored as its parts joined by the separator.
    /// </summary>
    public AccountReading Read(string? raw)
    {
        var text = raw?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return new AccountReading(null, $"Skriv kontostrengen, fx {Example}.");
        }

        if (text.Length > MaxLength)
        {
            return new AccountReading(null, $"En kontostreng må højst være {MaxLength} tegn (er {text.Length}).");
        }

        var shown = text;
        // A separator of spaces allows any number of them; another separator may have spaces around it.
        var values = (Separator.Trim().Length == 0 ? text.Split(Separator, StringSplitOptions.RemoveEmptyEntries) : text.Split(Separator))
            .Select(v => v.Trim()).ToList();
        if (values.Count > Parts.Count)
        {
            return new AccountReading(null, $"\"{shown}\" har {values.Count} dele; en kontostreng har højst {Parts.Count} ({string.Join(", ", Parts.Select(p => p.Name))}), fx {Example}.");
        }

        var required = Parts.Count(p => p.Required);
        if (values.Count < required)
        {
            var missing = Parts.Take(required).Skip(values.Count).Select(p => p.Name.ToLowerInvariant());
            return new AccountReading(null, $"\"{shown}\" mangler {string.Join(" og ", missing)}. Skriv fx {Example}.");
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!Parts[i].Matches(values[i]))
            {
                var name = Parts[i].Name.ToLowerInvariant();
                return new AccountReading(null, values[i].Length == 0
                    ? $"\"{shown}\" mangler {name} (del {i + 1}), fx {Parts[i].Example}."
                    : $"\"{values[i]}\" passer ikke som {name} (del {i + 1} af kontostrengen), fx {Parts[i].Example}.");
            }
        }

        return new AccountReading(string.Join(Separator, values), null);
    }
}
