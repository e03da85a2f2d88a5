using Udmoentning.Domain.Import;

namespace Udmoentning.Domain.Ledger;

/// <summary>What a column of a ledger extract is read as.</summary>
public enum LedgerField
{
    Ignore = 0,

    /// <summary>The whole account string, as the layout writes it.</summary>
    Account = 1,

    /// <summary>One part of the account string (<see cref="LedgerColumn.Part"/>); the parts are joined by the layout's separator.</summary>
    AccountPart = 2,

    /// <summary>The year or period of the posting: "2027", "2027-03", "03.2027", "31.03.2027", a date.</summary>
    Period = 3,

    /// <summary>Budget postings in kroner (korrigeret budget, rådighedsbeløb).</summary>
    Budget = 4,

    /// <summary>Spending in kroner (forbrug, regnskab, bogført).</summary>
    Spent = 5,

    /// <summary>The item's reference: a plan item's code, alone or within a text ("Udm. AU-D1").</summary>
    Reference = 6,
}

/// <summary>A column of the extract: where it is, its header, and what it is read as (for a part, which part).</summary>
public sealed record LedgerColumn(int Column, string Header, LedgerField Field, string? Part = null)
{
    public string Letter => ColumnLetters.Of(Column);
}

/// <summary>Recognises a ledger extract's headers in the words Danish finance systems print, ignoring case and accents.</summary>
public static class LedgerHeaders
{
    private static readonly (string Words, LedgerField Field)[] _synonyms =
    [
        ("konto", LedgerField.Account), ("kontostreng", LedgerField.Account), ("kontonummer", LedgerField.Account),
        ("kontonr", LedgerField.Account), ("konteringsstreng", LedgerField.Account), ("account", LedgerField.Account),
        ("ar", LedgerField.Period), ("regnskabsar", LedgerField.Period), ("budgetar", LedgerField.Period), ("periode", LedgerField.Period),
        ("regnskabsperiode", LedgerField.Period), ("bogforingsdato", LedgerField.Period), ("posteringsdato", LedgerField.Period),
        ("dato", LedgerField.Period), ("maned", LedgerField.Period), ("year", LedgerField.Period),
        ("budget", LedgerField.Budget), ("korrigeret budget", LedgerField.Budget), ("korr budget", LedgerField.Budget),
        ("radighedsbelob", LedgerField.Budget), ("bevilling", LedgerField.Budget), ("budgetpostering", LedgerField.Budget),
        ("budgetbelob", LedgerField.Budget), ("budgetposteringer", LedgerField.Budget),
        ("forbrug", LedgerField.Spent), ("forbrug i ar", LedgerField.Spent), ("forbrug til dato", LedgerField.Spent),
        ("regnskab", LedgerField.Spent), ("bogfort", LedgerField.Spent), ("faktisk", LedgerField.Spent),
        ("realiseret", LedgerField.Spent), ("akkumuleret forbrug", LedgerField.Spent), ("udgift", LedgerField.Spent),
        ("reference", LedgerField.Reference), ("ref", LedgerField.Reference), ("punkt", LedgerField.Reference),
        ("punktnummer", LedgerField.Reference), ("udmontning", LedgerField.Reference), ("bilagstekst", LedgerField.Reference),
        ("posteringstekst", LedgerField.Reference), ("tekst", LedgerField.Reference),
        // Read as nothing on purpose: the budget as first adopted leaves out the changes the plan made.
        ("oprindeligt budget", LedgerField.Ignore), ("vedtaget budget", LedgerField.Ignore), ("opr budget", LedgerField.Ignore),
    ];

    /// <summary>What <paramref name="header"/> names: a field, or a part of <paramref name="layout"/> by its name.</summary>
    public static (LedgerField Field, string? Part) Recognise(string? header, AccountStringLayout layout)
    {
        var key = ImportText.Key(header);
        if (key.Length == 0 || key.Length > 60)
        {
            return (LedgerField.Ignore, null);
        }

        if (layout.Parts.Count > 1 && layout.Parts.FirstOrDefault(p => ImportText.Key(p.Name) == key) is { } part)
        {
            return (LedgerField.AccountPart, part.Name);
        }

        var exact = _synonyms.FirstOrDefault(s => s.Words == key);
        if (exact.Words is not null)
        {
            return (exact.Field, null);
        }

        // "Korrigeret budget 2027 (kr.)", "Forbrug pr. 30.09": the longest synonym found as whole words.
        var padded = $" {key} ";
        var best = _synonyms
            .Where(s => padded.Contains($" {s.Words} ", StringComparison.Ordinal))
            .OrderByDescending(s => s.Words.Length)
            .FirstOrDefault();
        return best.Words is null ? (LedgerField.Ignore, null) : (best.Field, null);
    }

    /// <summary>The field's name in the preview's drop-downs.</summary>
    public static string Name(this LedgerField field) => field switch
    {
        LedgerField.Account => "Kontostreng",
        LedgerField.AccountPart => "Del af kontostrengen",
        LedgerField.Period => "År eller periode",
        LedgerField.Budget => "Budget (kr.)",
        LedgerField.Spent => "Forbrug (kr.)",
        LedgerField.Reference => "Reference til punkt",
        _ => "Læses ikke",
    };
}
