using System.Globalization;
using System.Text.RegularExpressions;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Import;

/// <summary>
/// Reads single cells the way Danish plans write them: amounts in 1.000 kr., flags, timings, kinds, statuses,
/// health and texts. Every reader returns a value or a Danish reason; none throws.
/// </summary>
public static partial class CellReaders
{
    private static readonly Dictionary<string, bool> _flags = new()
    {
        ["x"] = true, ["ja"] = true, ["j"] = true, ["1"] = true, ["sand"] = true, ["true"] = true, ["yes"] = true,
        ["nej"] = false, ["n"] = false, ["0"] = false, ["falsk"] = false, ["false"] = false, ["no"] = false,
    };

    private static readonly Dictionary<string, ItemKind> _kinds = new()
    {
        ["drift"] = ItemKind.OperatingChange,
        ["driftsaendring"] = ItemKind.OperatingChange,
        ["driftsaendringer"] = ItemKind.OperatingChange,
        ["driftsudvidelse"] = ItemKind.OperatingChange,
        ["driftsudvidelser"] = ItemKind.OperatingChange,
        ["driftsreduktion"] = ItemKind.OperatingChange,
        ["driftsreduktioner"] = ItemKind.OperatingChange,
        ["raderum"] = ItemKind.FiscalLeewayProposal,
        ["raderumsforslag"] = ItemKind.FiscalLeewayProposal,
        ["anlaeg"] = ItemKind.CapitalProject,
        ["anlaegsprojekt"] = ItemKind.CapitalProject,
        ["anlaegsprojekter"] = ItemKind.CapitalProject,
        ["hensigt"] = ItemKind.IntentDeclaration,
        ["hensigtserklaering"] = ItemKind.IntentDeclaration,
        ["hensigtserklaeringer"] = ItemKind.IntentDeclaration,
    };

    private static readonly Dictionary<string, ItemStatus> _statuses = new()
    {
        ["x"] = ItemStatus.Completed,
        ["afsluttet"] = ItemStatus.Completed,
        ["faerdig"] = ItemStatus.Completed,
        ["gennemfort"] = ItemStatus.Completed,
        ["i gang"] = ItemStatus.InProgress,
        ["igang"] = ItemStatus.InProgress,
        ["igangsat"] = ItemStatus.InProgress,
        ["pabegyndt"] = ItemStatus.InProgress,
        ["klar"] = ItemStatus.ReadyForPoliticalTreatment,
        ["klar til politisk behandling"] = ItemStatus.ReadyForPoliticalTreatment,
        ["ikke pabegyndt"] = ItemStatus.NotStarted,
        ["ikke startet"] = ItemStatus.NotStarted,
    };

    private static readonly Dictionary<string, Items.Health> _healths = new()
    {
        ["gron"] = Items.Health.Green, ["green"] = Items.Health.Green,
        ["gul"] = Items.Health.Yellow, ["yellow"] = Items.Health.Yellow,
        ["rod"] = Items.Health.Red, ["red"] = Items.Health.Red,
    };

    /// <summary>An amount in 1.000 kr.: whole thousands within ±<see cref="Limits.MaxAmountThousands"/>; empty is 0.</summary>
    public static CellResult<int> Amount(object? cell) => cell switch
    {
        null => CellResult<int>.Ok(0),
        double number => FromReading(Amounts.Of(number, ImportText.Of(cell)!)),
        string text => FromReading(Amounts.Read(text)),
        _ => CellResult<int>.Fail($"\"{ImportText.Of(cell)}\" er ikke et beløb. Skriv et helt tal i 1.000 kr., fx -1.250."),
    };

    /// <summary>A yes/no flag: "x", "Ja", "1", "Sand" are yes; "Nej", "0", "Falsk" and empty are no.</summary>
    public static CellResult<bool> Flag(object? cell)
    {
        switch (cell)
        {
            case null:
                return CellResult<bool>.Ok(false);
            case bool flag:
                return CellResult<bool>.Ok(flag);
            case double number when number is 0 or 1:
                return CellResult<bool>.Ok(number == 1);
        }

        var text = ImportText.Of(cell);
        if (text is null)
        {
            return CellResult<bool>.Ok(false);
        }

        return _flags.TryGetValue(ImportText.Key(text), out var value)
            ? CellResult<bool>.Ok(value)
            : CellResult<bool>.Fail($"\"{Shorten(text)}\" er hverken ja eller nej. Skriv \"x\" eller \"Ja\" for ja, og lad feltet stå tomt eller skriv \"Nej\" for nej.");
    }

    /// <summary>An indicative timing in the domain's one grammar (<see cref="DanishTiming.Read"/>), or a date cell's quarter; empty is none.</summary>
    public static CellResult<Quarter?> Timing(object? cell)
    {
        var text = ImportText.Of(cell);
        if (text is null)
        {
            return CellResult<Quarter?>.Ok(null);
        }

        if (cell is DateTime date)
        {
            return date.Year is >= Limits.EarliestYear and <= Limits.LatestYear
                ? CellResult<Quarter?>.Ok(new Quarter(date.Year, (date.Month + 2) / 3))
                : CellResult<Quarter?>.Fail($"Året i tidspunktet \"{text}\" skal ligge mellem {Limits.EarliestYear} og {Limits.LatestYear}.");
        }

        var reading = DanishTiming.Read(text);
        return reading.IsOk ? CellResult<Quarter?>.Ok(reading.Value) : CellResult<Quarter?>.Fail(reading.Error!);
    }

    /// <summary>The kind in everyday words: "Drift", "Råderum", "Anlæg", "Hensigtserklæring" and their plurals.</summary>
    public static CellResult<ItemKind> Kind(object? cell)
    {
        var text = ImportText.Of(cell);
        if (text is null)
        {
            return CellResult<ItemKind>.Fail("Typen mangler. Skriv Driftsændring, Råderumsforslag, Anlægsprojekt eller Hensigtserklæring.");
        }

        return _kinds.TryGetValue(ImportText.Key(text), out var kind)
            ? CellResult<ItemKind>.Ok(kind)
            : CellResult<ItemKind>.Fail($"Ukendt type \"{Shorten(text)}\". Skriv Driftsændring, Råderumsforslag, Anlægsprojekt eller Hensigtserklæring.");
    }

    /// <summary>The status: "X" or "Afsluttet" is completed, "I gang", "Klar til politisk behandling"; empty is not started.</summary>
    public static CellResult<ItemStatus> Status(object? cell)
    {
        var text = ImportText.Of(cell);
        if (text is null)
        {
            return CellResult<ItemStatus>.Ok(ItemStatus.NotStarted);
        }

        return _statuses.TryGetValue(ImportText.Key(text), out var status)
            ? CellResult<ItemStatus>.Ok(status)
            : CellResult<ItemStatus>.Fail($"Ukendt status \"{Shorten(text)}\". Skriv Ikke påbegyndt, I gang, Klar til politisk behandling eller X (afsluttet).");
    }

    /// <summary>The traffic light: Grøn, Gul or Rød (or green, yellow, red); empty is green.</summary>
    public static CellResult<Items.Health> Health(object? cell)
    {
        var text = ImportText.Of(cell);
        if (text is null)
        {
            return CellResult<Items.Health>.Ok(Items.Health.Green);
        }

        return _healths.TryGetValue(ImportText.Key(text), out var health)
            ? CellResult<Items.Health>.Ok(health)
            : CellResult<Items.Health>.Fail($"Ukendt tilstand \"{Shorten(text)}\". Skriv Grøn, Gul eller Rød.");
    }

    /// <summary>
    /// A text field: trimmed, null when empty. Single-line fields get Excel line breaks replaced by spaces; then the
    /// app's one set of text rules (<see cref="TextRules.Check"/>) applies, as in the forms.
    /// </summary>
    public static CellResult<string?> Text(object? cell, string label, int maxLength, bool multiLine = false)
    {
        var text = ImportText.Of(cell);
        if (text is null)
        {
            return CellResult<string?>.Ok(null);
        }

        if (!multiLine)
        {
            text = LineBreaks().Replace(text, " ");
        }

        return TextRules.Check(text, maxLength, label, required: false, multiLine) is { } error
            ? CellResult<string?>.Fail(error)
            : CellResult<string?>.Ok(text);
    }

    internal static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static CellResult<int> FromReading(AmountReading reading) =>
        reading.IsOk ? CellResult<int>.Ok(reading.Value) : CellResult<int>.Fail(reading.Error!);

    [GeneratedRegex(@"\r\n|\r|\n|\t")]
    private static partial Regex LineBreaks();
}
