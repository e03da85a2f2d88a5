using System.Globalization;
using System.Text;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Ledger;

namespace Udmoentning.Tests.Ledger;

/// <summary>How a generated extract writes the account string: in one column, or in a column per part of the authorised layout.</summary>
public enum LedgerAccountColumns
{
    Whole,
    Parts,
}

/// <summary>How a negative amount is written: "-1.234,56", "1.234,56-" or "(1.234,56)".</summary>
public enum NegativeSign
{
    Leading,
    Trailing,
    Brackets,
}

/// <summary>
/// One way a finance system writes kroner: with or without "." between thousands, the sign of a negative, whole kroner
/// without ",00", and " kr." after it.
/// </summary>
public sealed record KronerForm(bool Dots, NegativeSign Negative, bool WholeWithoutDecimals = false, bool Kr = false)
{
    /// <summary>Every form there is.</summary>
    public static IReadOnlyList<KronerForm> All { get; } =
    [
        .. from dots in new[] { true, false }
           from sign in Enum.GetValues<NegativeSign>()
           from whole in new[] { false, true }
           from kr in new[] { false, true }
           select new KronerForm(dots, sign, whole, kr),
    ];

    /// <summary>"1.234,56", "1234,56-", "(1.234)", "-1.234,56 kr.": exactly the amount, to the øre.</summary>
    public string Write(decimal kroner)
    {
        var ore = decimal.Round(Math.Abs(kroner) * 100m);
        if (ore != Math.Abs(kroner) * 100m)
        {
            throw new ArgumentException($"{kroner} has more than two decimals.", nameof(kroner));
        }

        var digits = decimal.Truncate(ore / 100m).ToString(CultureInfo.InvariantCulture);
        if (Dots)
        {
            var grouped = new StringBuilder();
            for (var i = 0; i < digits.Length; i++)
            {
                if (i > 0 && (digits.Length - i) % 3 == 0)
                {
                    grouped.Append('.');
                }

                grouped.Append(digits[i]);
            }

            digits = grouped.ToString();
        }

        var cents = (int)(ore % 100m);
        var number = WholeWithoutDecimals && cents == 0 ? digits : $"{digits},{cents:00}";
        var signed = kroner >= 0 ? number : Negative switch
        {
            NegativeSign.Leading => "-" + number,
            NegativeSign.Trailing => number + "-",
            _ => $"({number})",
        };
        return Kr ? signed + " kr." : signed;
    }
}

/// <summary>
/// A finance system's ledger extract (kontoudtræk) that looks real, and what reading it must give: title lines, a header,
/// postings on accounts of <see cref="AccountStringLayout.Authorised"/> with periods and amounts in mixed Danish forms,
/// texts with æøå, blank lines, a subtotal after each function and a grand total, postings naming plan items' codes in
/// their text (one an archived plan's), and one posting whose account does not fit the layout. The same seed gives the
/// same extract, whichever way the account is written. Uses the domain only, so a benchmark can link this file.
/// </summary>
public static class LedgerExtractGenerator
{
    public const string Title = "Kontoudtræk – drift og anlæg";

    public static readonly DateOnly PrintedOn = new(2027, 9, 30);

    /// <summary>
    /// The plan's item codes the postings name: "ØU-D2" so that case-insensitivity meets a Danish letter, "KFU 1.2" for a
    /// code with a space and a dot (codes may hold letters, digits, spaces, "-", "." and "/").
    /// </summary>
    public static readonly IReadOnlyList<string> Codes = ["AU-D1", "AU-D2", "AU-D6", "BU-R3", "SU-D4", "TM-A1", "ØU-D2", "KFU 1.2"];

    public const string ArchivedCode = "SU-A7";

    public const string ArchivedPlan = "Udmøntningsplan 2026-2029";

    /// <summary>What the extract's text column names the items by.</summary>
    public static LedgerReferences References { get; } =
        new(Codes.ToList(), new Dictionary<string, string> { [ArchivedCode] = ArchivedPlan });

    private static readonly string[] _functions =
    [
        "0.25.10", "0.28.20", "0.32.31", "1.35.40", "2.22.01", "2.28.14", "3.22.01", "3.22.05", "3.22.07", "3.35.60", "4.62.82",
        "5.25.11", "5.25.14", "5.28.20", "5.32.32", "5.38.50", "5.57.72", "5.68.90", "6.45.51", "6.45.53", "6.52.72",
    ];

    private static readonly string[] _arts = ["1.0", "1.1", "2.2", "2.9", "4.0", "4.5", "5.9", "7.1", "7.6", "8.6"];

    /// <summary>Texts as clerks write them: æøå, a semicolon and quotes (quoted in CSV), none a total's word.</summary>
    private static readonly string?[] _texts =
    [
        "Løn juli", "Køb af møbler til Ærø Skole", "Årlig licens, økonomisystem", "Kørselsgodtgørelse", "Vedligeholdelse af grønne områder",
        "Forplejning; møde i Børne- og Ungeudvalget", "Tilskud til foreningslivet", "Rengøring – Søndergårdsskolen", "Husleje \"Åhuset\"",
        "Efterregulering af refusion", "Måltidsordning, plejecentre", "Indkøb af IT-udstyr", "Ombygning af Østervangsskolen",
        "Energirenovering, rådhuset", "Vikarudgifter", "Kursusgebyr", "Bøger og undervisningsmidler", "Snerydning, Øster Allé", null, null,
    ];

    private static readonly string[] _wholeHeader = ["Kontostreng", "Periode", "Korrigeret budget", "Forbrug", "Bilagstekst"];

    private static readonly string[] _partsHeader = ["Funktion", "Dranst", "Art", "Omkostningssted", "Aktivitet", "Periode", "Korrigeret budget", "Forbrug", "Bilagstekst"];

    /// <summary>
    /// An extract of <paramref name="postings"/> posting lines (one of them refused for its account), as rows of cells
    /// and as CSV text, with the sums and counts reading it must give.
    /// </summary>
    public static GeneratedLedgerExtract Generate(int postings = 50_000, int seed = 2027, LedgerAccountColumns accounts = LedgerAccountColumns.Whole)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(postings, 3);
        var random = new Random(seed);
        var model = Postings(random, postings);
        return Render(random, model, accounts);
    }

    /// <summary>One posting as generated: the account's parts (null when left out), when, how much in øre, and its text.</summary>
    private sealed record Posting(string?[] Parts, bool Spaced, int Year, string Period, long? BudgetOre, long? SpentOre, KronerForm Form, bool ZeroAsText, string? Text, string? Code, bool Archived = false, bool Refused = false)
    {
        public string Function => Parts[0]!;

        public string Account => string.Join("-", Parts.TakeWhile(p => p is not null));
    }

    private static List<Posting> Postings(Random random, int count)
    {
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        var pool = new List<string?[]>();
        while (pool.Count < 300)
        {
            var kept = random.Next(10) switch { < 2 => 3, < 7 => 4, _ => 5 };
            string?[] parts =
            [
                _functions[random.Next(_functions.Length)], random.Next(10) < 8 ? "1" : random.Next(2, 4).ToString(CultureInfo.InvariantCulture),
                _arts[random.Next(_arts.Length)], random.Next(1000, 999_999).ToString(CultureInfo.InvariantCulture),
                random.Next(3) switch { 0 => "100", 1 => $"A{random.Next(1, 99)}", _ => $"P{random.Next(2024, 2029)}" },
            ];
            for (var i = kept; i < parts.Length; i++)
            {
                parts[i] = null;
            }

            if (accounts.Add(string.Join("-", parts.TakeWhile(p => p is not null))))
            {
                pool.Add(parts);
            }
        }

        var list = new List<Posting>(count);
        for (var i = 0; i < count - 2; i++)
        {
            var parts = pool[random.Next(pool.Count)];
            var year = random.Next(10) switch { 0 => 2026, < 8 => 2027, _ => 2028 };
            var (budget, spent) = random.Next(20) switch
            {
                < 4 => ((long?)Ore(random, 5_000_000), (long?)null),
                < 19 => (null, Ore(random, 200_000)),
                _ => (Ore(random, 1_000_000), Ore(random, 200_000)),
            };
            var code = budget is not null && random.Next(40) == 0 ? Codes[random.Next(Codes.Count)] : null;
            list.Add(new Posting(parts, random.Next(100) == 0, year, Period(random, year), budget, spent, Form(random), random.Next(2) == 0,
                code is null ? _texts[random.Next(_texts.Length)] : Reference(random, code), code));
        }

        // An item of an archived plan, and an account whose function lacks a digit: "3.22.1".
        list.Insert(random.Next(list.Count), new Posting(pool[random.Next(pool.Count)], false, 2027, "2027-04", Ore(random, 300_000), null, Form(random), false,
            $"Udm. {ArchivedCode} (overført fra sidste plan)", null, Archived: true));
        list.Insert(random.Next(list.Count), new Posting(["3.22.1", "1", "4.0", "1234", null], false, 2027, "2027-05", null, Ore(random, 50_000), Form(random), false,
            "Kørsel, ældreplejen", null, Refused: true));

        // As extracts are printed: by account, a subtotal after each function.
        return [.. list.Select((p, i) => (p, i)).OrderBy(x => x.p.Function, StringComparer.Ordinal).ThenBy(x => x.p.Account, StringComparer.Ordinal).ThenBy(x => x.i).Select(x => x.p)];
    }

    /// <summary>Kroner in øre up to <paramref name="max"/> kroner; one in ten whole kroner, one in eight negative.</summary>
    private static long Ore(Random random, int max)
    {
        var ore = random.NextInt64(1, max * 100L);
        if (random.Next(10) == 0)
        {
            ore -= ore % 100;
        }

        return random.Next(8) == 0 ? -ore : ore;
    }

    private static KronerForm Form(Random random) => KronerForm.All[random.Next(KronerForm.All.Count)] with { Kr = random.Next(20) == 0 };

    private static string Period(Random random, int year)
    {
        var month = random.Next(1, 13);
        return random.Next(20) switch
        {
            < 14 => $"{year}-{month:00}",
            14 => $"{month:00}.{year}",
            15 => $"P{month:00} {year}",
            16 => $"{year}{month:00}",
            17 => $"{year}",
            _ => $"{DateTime.DaysInMonth(year, month):00}.{month:00}.{year}",
        };
    }

    private static string Reference(Random random, string code) => ReferenceText(code, random.Next(ReferenceForms));

    public const int ReferenceForms = 6;

    /// <summary>A code in a budget posting's text as clerks write it (form 0 to 5): in any case, alone, within words, after "jf.", before a colon.</summary>
    public static string ReferenceText(string code, int form) => form switch
    {
        0 => $"Udm. {code} budgetomplacering",
        1 => $"udm. {code.ToLowerInvariant()} budgetomplacering",
        2 => code,
        3 => $"Budgetomplacering jf. {code}.",
        4 => $"Omplacering ({code.ToLowerInvariant()}) – Ærø",
        _ => $"{code}: tilpasning af rammen",
    };

    private static GeneratedLedgerExtract Render(Random random, List<Posting> postings, LedgerAccountColumns accounts)
    {
        var parts = accounts == LedgerAccountColumns.Parts;
        var header = parts ? _partsHeader : _wholeHeader;
        var width = header.Length;
        var rows = new List<string?[]> { new[] { Title }, new[] { $"Udskrevet pr. {PrintedOn:dd.MM.yyyy}" }, new string?[] { null }, header };
        var headerRow = rows.Count;
        var blank = 0;
        var totals = 0;
        var refused = new List<GeneratedRefusal>();
        GeneratedRefusal? archived = null;

        string?[] Line(string?[] account, string? period, string? budget, string? spent, string? text)
        {
            var cells = new string?[width];
            if (parts)
            {
                Array.Copy(account, cells, 5);
            }
            else
            {
                cells[0] = account[0];
            }

            cells[width - 4] = period;
            cells[width - 3] = budget;
            cells[width - 2] = spent;
            cells[width - 1] = text;
            return cells;
        }

        string Sum(IEnumerable<long?> ore) => Form(random).Write(ore.Sum(o => o ?? 0) / 100m);

        foreach (var group in postings.GroupBy(p => p.Function))
        {
            foreach (var posting in group)
            {
                var account = parts
                    ? posting.Parts
                    : [posting.Spaced ? posting.Account.Replace("-", " - ", StringComparison.Ordinal) : posting.Account];
                var zero = posting.ZeroAsText ? "0,00" : null;
                rows.Add(Line(account, posting.Period,
                    posting.BudgetOre is { } budget ? posting.Form.Write(budget / 100m) : zero,
                    posting.SpentOre is { } spent ? posting.Form.Write(spent / 100m) : zero,
                    posting.Text));
                if (posting.Refused)
                {
                    refused.Add(new GeneratedRefusal(rows.Count, "A", posting.Account));
                }
                else if (posting.Archived)
                {
                    archived = new GeneratedRefusal(rows.Count, ColumnLetters.Of(width - 1), ArchivedCode);
                }

                if (random.Next(5_000) == 0)
                {
                    rows.Add(random.Next(2) == 0 ? new string?[] { null } : new string?[width]);
                    blank++;
                }
            }

            rows.Add(Line([$"I alt funktion {group.Key}", null, null, null, null], null, Sum(group.Select(p => p.BudgetOre)), Sum(group.Select(p => p.SpentOre)), null));
            totals++;
            if (random.Next(2) == 0)
            {
                rows.Add(new string?[width]);
                blank++;
            }
        }

        rows.Add(new string?[] { null });
        blank++;
        rows.Add(Line(["Total drift og anlæg", null, null, null, null], null, Sum(postings.Select(p => p.BudgetOre)), Sum(postings.Select(p => p.SpentOre)), null));
        totals++;

        var read = postings.Where(p => !p.Refused).ToList();
        var balances = read
            .GroupBy(p => (p.Account, p.Year, p.Code))
            .Select(g => new LedgerBalance(g.Key.Account, g.Key.Year, g.Key.Code, g.Sum(p => p.BudgetOre ?? 0) / 100m, g.Sum(p => p.SpentOre ?? 0) / 100m))
            .OrderBy(b => b.Account, StringComparer.Ordinal).ThenBy(b => b.Year).ThenBy(b => b.Reference, StringComparer.Ordinal)
            .ToList();
        return new GeneratedLedgerExtract(
            [.. rows],
            headerRow,
            header,
            read.Count,
            blank,
            totals,
            refused,
            archived!,
            read.Count(p => p.Code is not null),
            balances);
    }
}

/// <summary>A row reading must refuse or warn about: its row number as the reader counts (1 = the first), its column, and what it holds.</summary>
public sealed record GeneratedRefusal(int Row, string Column, string Value);

/// <summary>A generated extract and what reading it with <see cref="LedgerExtractGenerator.References"/> must give, exactly.</summary>
public sealed class GeneratedLedgerExtract(
    IReadOnlyList<string?[]> rows,
    int headerRow,
    IReadOnlyList<string> header,
    int postings,
    int blankRows,
    int totalRows,
    IReadOnlyList<GeneratedRefusal> refused,
    GeneratedRefusal archived,
    int referencedPostings,
    IReadOnlyList<LedgerBalance> balances)
{
    public const string SheetName = "Kontoudtræk";

    /// <summary>The rows as a CSV reader gives them: trimmed strings, null for an empty cell; title lines have one cell.</summary>
    public IReadOnlyList<string?[]> Rows { get; } = rows;

    public WorkbookData Workbook => new([new WorkbookSheet(SheetName, Rows)]);

    /// <summary>The header's row number (1 = the first), below the title lines.</summary>
    public int HeaderRow { get; } = headerRow;

    public IReadOnlyList<string> Header { get; } = header;

    /// <summary>Postings read (the refused one not among them).</summary>
    public int Postings { get; } = postings;

    /// <summary>Blank lines below the header.</summary>
    public int BlankRows { get; } = blankRows;

    /// <summary>Subtotal lines and the grand total.</summary>
    public int TotalRows { get; } = totalRows;

    /// <summary>The postings whose account does not fit the layout.</summary>
    public IReadOnlyList<GeneratedRefusal> Refused { get; } = refused;

    /// <summary>The posting naming an archived plan's item (<see cref="LedgerExtractGenerator.ArchivedCode"/>) in its text.</summary>
    public GeneratedRefusal Archived { get; } = archived;

    /// <summary>Postings whose text names one of <see cref="LedgerExtractGenerator.Codes"/>.</summary>
    public int ReferencedPostings { get; } = referencedPostings;

    /// <summary>Per account, year and item code: the sums, ordered as <see cref="LedgerExtractReader"/> orders them.</summary>
    public IReadOnlyList<LedgerBalance> Balances { get; } = balances;

    public decimal Budget => Balances.Sum(b => b.Budget);

    public decimal Spent => Balances.Sum(b => b.Spent);

    /// <summary>Per account and year, every reference together.</summary>
    public IReadOnlyDictionary<(string Account, int Year), (decimal Budget, decimal Spent)> ByAccountAndYear =>
        Balances.GroupBy(b => (b.Account, b.Year)).ToDictionary(g => g.Key, g => (g.Sum(b => b.Budget), g.Sum(b => b.Spent)));

    /// <summary>Per item code, the budget postings naming it.</summary>
    public IReadOnlyDictionary<string, decimal> BudgetByCode =>
        Balances.Where(b => b.Reference is not null).GroupBy(b => b.Reference!).ToDictionary(g => g.Key, g => g.Sum(b => b.Budget));

    /// <summary>The extract as a CSV file's text: CRLF lines, fields quoted where they hold the delimiter or a quote. Encode it as the test needs.</summary>
    public string Csv(char delimiter = ';')
    {
        var text = new StringBuilder(Rows.Count * 64);
        foreach (var row in Rows)
        {
            text.AppendJoin(delimiter, row.Select(cell => cell is null ? string.Empty
                : cell.Contains(delimiter) || cell.Contains('"') ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell));
            text.Append("\r\n");
        }

        return text.ToString();
    }
}
