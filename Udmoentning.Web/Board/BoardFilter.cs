using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Board;

/// <summary>
/// What the board shows, as it is written in the URL so a view can be bookmarked and shared:
/// <c>?type=drift,anlaeg&amp;tema=3&amp;status=i-gang&amp;tilstand=roed&amp;flag=konti,tvaergaaende&amp;venter=med&amp;q=skole</c>.
/// </summary>
public sealed record BoardFilter
{
    public static readonly IReadOnlyDictionary<ItemKind, string> KindSlugs = new Dictionary<ItemKind, string>
    {
        [ItemKind.OperatingChange] = "drift",
        [ItemKind.FiscalLeewayProposal] = "raaderum",
        [ItemKind.CapitalProject] = "anlaeg",
        [ItemKind.IntentDeclaration] = "hensigt",
    };

    public static readonly IReadOnlyDictionary<ItemStatus, string> StatusSlugs = new Dictionary<ItemStatus, string>
    {
        [ItemStatus.NotStarted] = "ikke-paabegyndt",
        [ItemStatus.InProgress] = "i-gang",
        [ItemStatus.ReadyForPoliticalTreatment] = "klar",
        [ItemStatus.Completed] = "afsluttet",
    };

    public static readonly IReadOnlyDictionary<Health, string> HealthSlugs = new Dictionary<Health, string>
    {
        [Health.Green] = "groen",
        [Health.Yellow] = "gul",
        [Health.Red] = "roed",
    };

    public static readonly IReadOnlyDictionary<CheckpointStep, string> WaitingSlugs =
        Enum.GetValues<CheckpointStep>().ToDictionary(s => s, s => s.Slug());

    public const string CrossCuttingFlag = "tvaergaaende";
    public const string MedFlag = "med";
    public const string UnplacedFlag = "konti";
    public const int MaxTextLength = 100;

    public static BoardFilter None { get; } = new();

    public IReadOnlySet<ItemKind> Kinds { get; init; } = new HashSet<ItemKind>();
    public IReadOnlySet<int> Themes { get; init; } = new HashSet<int>();
    public IReadOnlySet<ItemStatus> Statuses { get; init; } = new HashSet<ItemStatus>();
    public IReadOnlySet<Health> Healths { get; init; } = new HashSet<Health>();
    public bool CrossCuttingOnly { get; init; }

    /// <summary>"Venter på": open items that still lack one of these required steps (<see cref="CheckpointRules.IsWaitingFor"/>).</summary>
    public IReadOnlySet<CheckpointStep> Waiting { get; init; } = new HashSet<CheckpointStep>();
    public bool MedOnly { get; init; }

    /// <summary>"Ikke fuldt på konti": items whose kontering does not add up to their amounts (<see cref="AccountLines.Gaps"/>).</summary>
    public bool UnplacedOnly { get; init; }
    public string? Text { get; init; }

    public bool IsEmpty => Kinds.Count == 0 && Themes.Count == 0 && Statuses.Count == 0 && Healths.Count == 0 && Waiting.Count == 0
        && !CrossCuttingOnly && !MedOnly && !UnplacedOnly && string.IsNullOrWhiteSpace(Text);

    /// <summary>
    /// Whether a board with this filter reads the plan's kontering again for <paramref name="changes"/>: a kontering is not part
    /// of the item, so a saved one reaches the board as a change of kind <see cref="ChangeKind.Accounts"/> and only then.
    /// A change of the amounts needs no read: the filter weighs the lines it has against the item's new amounts.
    /// </summary>
    public bool RereadsAccountsFor(IEnumerable<ItemChange> changes) => UnplacedOnly && changes.Any(c => c.Kind == ChangeKind.Accounts);

    /// <summary>Whether the item passes; <paramref name="themePosition"/> is its theme's number in the plan.</summary>
    /// <param name="accountLines">
    /// The plan's kontering by item id, needed only with <see cref="UnplacedOnly"/>: an item not in it has placed nothing.
    /// </param>
    public bool Matches(PlanItem item, int themePosition, IReadOnlyDictionary<int, IReadOnlyList<AccountLine>>? accountLines = null) =>
        (Kinds.Count == 0 || Kinds.Contains(item.Kind))
        && (Themes.Count == 0 || Themes.Contains(themePosition))
        && (Statuses.Count == 0 || Statuses.Contains(item.Status))
        && (Healths.Count == 0 || Healths.Contains(item.Health))
        && (!CrossCuttingOnly || item.ConcernsAllCommittees)
        && (!MedOnly || item.RequiresMedInvolvement)
        && (Waiting.Count == 0 || Waiting.Any(step => CheckpointRules.IsWaitingFor(item, step)))
        && MatchesText(item)
        && (!UnplacedOnly || AccountLines.Gaps(item.Effects, accountLines?.GetValueOrDefault(item.Id) ?? []).Count > 0);

    private bool MatchesText(PlanItem item)
    {
        if (string.IsNullOrWhiteSpace(Text))
        {
            return true;
        }

        var text = Text.Trim();
        return Contains(item.Code) || Contains(item.Title) || Contains(item.Description)
            || Contains(item.ResponsibleUnit) || Contains(item.CaseNumber) || Contains(item.Notes);

        bool Contains(string? field) => field?.Contains(text, StringComparison.CurrentCultureIgnoreCase) == true;
    }

    /// <summary>Reads the URL's query values; unknown values are ignored rather than failing the page.</summary>
    public static BoardFilter Parse(string? type, string? theme, string? status, string? health, string? flag, string? text, string? waiting = null)
    {
        var flags = Split(flag).ToHashSet();
        return new BoardFilter
        {
            Kinds = Pick(type, KindSlugs),
            Themes = Split(theme).Select(t => int.TryParse(t, out var n) ? n : 0).Where(n => n > 0).ToHashSet(),
            Statuses = Pick(status, StatusSlugs),
            Healths = Pick(health, HealthSlugs),
            CrossCuttingOnly = flags.Contains(CrossCuttingFlag),
            MedOnly = flags.Contains(MedFlag),
            UnplacedOnly = flags.Contains(UnplacedFlag),
            Waiting = Pick(waiting, WaitingSlugs),
            Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, MaxTextLength)],
        };
    }

    /// <summary>The query values for the URL; null removes a value.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["type"] = Join(Kinds.Select(k => KindSlugs[k])),
        ["tema"] = Join(Themes.Order().Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        ["status"] = Join(Statuses.Order().Select(s => StatusSlugs[s])),
        ["tilstand"] = Join(Healths.Order().Select(h => HealthSlugs[h])),
        ["flag"] = Join(new[] { CrossCuttingOnly ? CrossCuttingFlag : null, MedOnly ? MedFlag : null, UnplacedOnly ? UnplacedFlag : null }.OfType<string>()),
        ["venter"] = Join(Waiting.Order().Select(s => WaitingSlugs[s])),
        ["q"] = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
    };

    private static HashSet<T> Pick<T>(string? value, IReadOnlyDictionary<T, string> slugs)
        where T : notnull =>
        Split(value).SelectMany(v => slugs.Where(s => s.Value == v).Select(s => s.Key)).ToHashSet();

    private static IEnumerable<string> Split(string? value) =>
        (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.ToLowerInvariant());

    private static string? Join(IEnumerable<string> values)
    {
        var joined = string.Join(',', values.Order(StringComparer.Ordinal));
        return joined.Length == 0 ? null : joined;
    }
}
