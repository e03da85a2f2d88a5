using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Domain.Import;

/// <summary>
/// What one analysis decides across all sheets it reads, and only here: which committee a name means, which new committees
/// the user filled in (checked with the committee rules, so the import creates exactly these), which items exist already,
/// and what the preview must show (timings in words, rounded amounts).
/// </summary>
internal sealed class ImportDecisions(
    IReadOnlyList<KnownCommittee> known,
    ImportOptions options,
    IReadOnlyCollection<string>? existingCodes)
{
    private readonly HashSet<string> _existing = new(existingCodes?.Select(c => c.Trim()) ?? [], StringComparer.Ordinal);
    private readonly Dictionary<string, CommitteeToCreate> _created = [];
    private readonly Dictionary<string, string> _errors = [];
    private readonly Dictionary<string, TimingWord> _timingWords = new(StringComparer.OrdinalIgnoreCase);
    private bool _resolved;

    public CommitteeMatcher Matcher { get; } = new(known);

    public bool CommitteeFromNumber => options.CommitteeFromNumber;

    public List<ImportProblem> RoundingWarnings { get; } = [];

    public IReadOnlyList<CommitteeToCreate> Created => [.. _created.Values];

    public IReadOnlyDictionary<string, string> Errors => _errors;

    public IReadOnlyList<TimingWord> TimingWords => [.. _timingWords.Values];

    public bool IsExisting(string code) => _existing.Contains(code.Trim());

    public void TimingWord(string text, Quarter quarter) => _timingWords.TryAdd(text, new TimingWord(text, quarter));

    public void Rounded(ImportProblem warning) => RoundingWarnings.Add(warning);

    /// <summary>
    /// The short code of the new committee the user filled in for a name the municipality does not have, or the Danish reason
    /// the row cannot have it. The name is remembered as unknown either way, so the preview can ask for it; a later name
    /// that is a filled-in committee's short code or full name ("TMU" beside "Teknik- og miljøudvalget") means that committee.
    /// </summary>
    public (string? ShortCode, string? Error) NewCommittee(string text)
    {
        ResolveChoices();
        var key = Key(text);
        if (!_created.ContainsKey(key) && AliasOf(key) is { } alias)
        {
            return (alias.ShortCode, null);
        }

        Matcher.Propose(text);
        if (_created.TryGetValue(key, out var created))
        {
            return (created.ShortCode, null);
        }

        return _errors.TryGetValue(key, out var error)
            ? (null, error)
            : (null, $"Udvalget \"{CellReaders.Shorten(text.Trim())}\" findes ikke. Ret navnet i filen, eller udfyld det nye udvalgs fulde navn under \"Ukendte udvalg\" og vælg at oprette det.");
    }

    /// <summary>True when the text is another name for a committee the user filled in, so it is not asked for again.</summary>
    public bool IsAlias(string text) => !_created.ContainsKey(Key(text)) && AliasOf(Key(text)) is not null;

    private CommitteeToCreate? AliasOf(string key) => _created.Values.FirstOrDefault(c => Key(c.ShortCode) == key || Key(c.Name) == key);

    /// <summary>Checks every ticked, named choice with the committee rules once, before any row uses one, so the order of the rows does not matter.</summary>
    private void ResolveChoices()
    {
        if (_resolved)
        {
            return;
        }

        _resolved = true;
        foreach (var choice in options.NewCommittees.Where(c => c.Create && !string.IsNullOrWhiteSpace(c.Name) && !string.IsNullOrWhiteSpace(c.Text)))
        {
            var key = Key(choice.Text);
            if (_created.ContainsKey(key) || _errors.ContainsKey(key) || Matcher.Find(choice.Text) is not null)
            {
                continue;
            }

            var shown = CellReaders.Shorten(choice.Text.Trim());
            try
            {
                var committee = new Committee(choice.Name, string.IsNullOrWhiteSpace(choice.ShortCode) ? new CommitteeMatcher(known).Propose(choice.Text).ShortCode : choice.ShortCode, choice.Slug);
                var clash = known.FirstOrDefault(k => string.Equals(k.ShortCode, committee.ShortCode, StringComparison.OrdinalIgnoreCase))
                    ?? known.FirstOrDefault(k => string.Equals(k.Slug ?? Committee.ToSlug(k.ShortCode), committee.Slug, StringComparison.Ordinal))
                    ?? known.FirstOrDefault(k => string.Equals(k.Name, committee.Name, StringComparison.OrdinalIgnoreCase));
                var twin = _created.Values.FirstOrDefault(c => string.Equals(c.ShortCode, committee.ShortCode, StringComparison.OrdinalIgnoreCase) || c.Slug == committee.Slug);
                if (clash is not null)
                {
                    _errors[key] = $"Udvalget \"{shown}\" kan ikke oprettes: navnet, forkortelsen \"{committee.ShortCode}\" eller adressen \"{committee.Slug}\" bruges allerede af {clash.Name} ({clash.ShortCode}). Skriv {clash.ShortCode} i filen, hvis det er det udvalg.";
                }
                else if (twin is not null)
                {
                    _errors[key] = $"Udvalget \"{shown}\" kan ikke oprettes: forkortelsen \"{committee.ShortCode}\" eller adressen \"{committee.Slug}\" er også valgt for \"{twin.Text}\".";
                }
                else
                {
                    _created[key] = new CommitteeToCreate(choice.Text.Trim(), committee.Name, committee.ShortCode, committee.Slug);
                }
            }
            catch (PlanRuleException e)
            {
                _errors[key] = $"Udvalget \"{shown}\" kan ikke oprettes: {e.Message}";
            }
        }
    }

    private static string Key(string? text) => ImportText.FoldExpanded(text?.Trim()).Replace(" ", string.Empty, StringComparison.Ordinal);
}
