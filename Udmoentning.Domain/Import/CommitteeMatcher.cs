namespace Udmoentning.Domain.Import;

/// <summary>
/// Finds the committee a workbook names, by short code or by name, ignoring case and Danish letters written
/// without them ("ØU" = "OU" = "OEU" = "Økonomiudvalget"), and names a new committee for a name it does not know.
/// Proposals are remembered, so one unknown name gives one new committee.
/// </summary>
public sealed class CommitteeMatcher
{
    private readonly IReadOnlyList<KnownCommittee> _committees;
    private readonly Dictionary<string, KnownCommittee> _byKey = [];
    private readonly Dictionary<string, ProposedCommittee> _proposed = [];

    public CommitteeMatcher(IReadOnlyList<KnownCommittee> committees)
    {
        _committees = committees;

        // Codes first, so that a code never loses to another committee's name.
        foreach (var committee in committees)
        {
            foreach (var key in Keys(committee.ShortCode))
            {
                _byKey.TryAdd(key, committee);
            }
        }

        foreach (var committee in committees)
        {
            foreach (var key in Keys(committee.Name))
            {
                _byKey.TryAdd(key, committee);
            }
        }
    }

    /// <summary>The committees proposed so far, in the order they were first named.</summary>
    public IReadOnlyList<ProposedCommittee> Proposed => [.. _proposed.Values];

    public KnownCommittee? Find(string? text)
    {
        foreach (var key in Keys(text))
        {
            if (_byKey.TryGetValue(key, out var committee))
            {
                return committee;
            }
        }

        return null;
    }

    /// <summary>The known committee whose code starts an item number ("AU-D3", "BUU A301"), if any.</summary>
    public KnownCommittee? FromCode(string code)
    {
        var prefix = new string(code.TakeWhile(char.IsLetter).ToArray());
        return prefix.Length == 0 ? null : Find(prefix);
    }

    /// <summary>
    /// The committee to create for an unknown name: the text as name, and as short code the text upper-cased when it is
    /// short and one word, otherwise the initials of its words; a code already taken gets a number.
    /// </summary>
    public ProposedCommittee Propose(string text)
    {
        var name = text.Trim();
        var key = ImportText.FoldExpanded(name);
        if (_proposed.TryGetValue(key, out var earlier))
        {
            return earlier;
        }

        var code = name.Length <= Limits.CommitteeCodeLength && !name.Any(char.IsWhiteSpace)
            ? name.ToUpperInvariant()
            : Initials(name);
        if (code.Length == 0)
        {
            code = "U";
        }

        var unique = code;
        for (var n = 2; IsTaken(unique); n++)
        {
            var suffix = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            unique = code[..Math.Min(code.Length, Limits.CommitteeCodeLength - suffix.Length)] + suffix;
        }

        var proposal = new ProposedCommittee(name.Length > Limits.CommitteeNameLength ? name[..Limits.CommitteeNameLength].Trim() : name, unique);
        _proposed[key] = proposal;
        return proposal;
    }

    /// <summary>
    /// Initials as committees are abbreviated: "Børne- og ungdomsudvalget" → "BUU", "Teknikudvalget" → "TU"; small
    /// words are skipped and a word ending in "udvalg(et)" gives its own initial and a U.
    /// </summary>
    private static string Initials(string name)
    {
        var initials = new List<char>();
        foreach (var word in name.Split([' ', '-', '/', ',', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            var folded = ImportText.Fold(word);
            if (!char.IsLetterOrDigit(word[0]) || folded is "og" or "i" or "for" or "af")
            {
                continue;
            }

            initials.Add(char.ToUpperInvariant(word[0]));
            if (folded.Length > "udvalget".Length && (folded.EndsWith("udvalget", StringComparison.Ordinal) || folded.EndsWith("udvalg", StringComparison.Ordinal)))
            {
                initials.Add('U');
            }
        }

        return new string([.. initials.Take(Limits.CommitteeCodeLength)]);
    }

    private bool IsTaken(string code) =>
        _committees.Any(c => string.Equals(c.ShortCode, code, StringComparison.OrdinalIgnoreCase))
        || _proposed.Values.Any(p => string.Equals(p.ShortCode, code, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> Keys(string? text)
    {
        var plain = ImportText.Fold(text).Replace(" ", string.Empty, StringComparison.Ordinal);
        var expanded = ImportText.FoldExpanded(text).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (plain.Length > 0)
        {
            yield return plain;
        }

        if (expanded.Length > 0 && expanded != plain)
        {
            yield return expanded;
        }
    }
}
