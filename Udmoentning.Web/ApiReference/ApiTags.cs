namespace Udmoentning.Web.ApiReference;

/// <summary>The document's tags, one per feature, with the Danish line the reference page shows under each.</summary>
public static class ApiTags
{
    public const string Plan = "Plan";
    public const string History = "Historik";
    public const string Economy = "Økonomi";
    public const string Ledger = "Kontering";
    public const string Annex = "Dagsordensbilag";
    public const string Rounds = "Opfølgningsrunder";
    public const string Meetings = "Møder";
    public const string Questions = "Spørgsmål";
    public const string Calendars = "Kalendere";
    public const string Public = "Offentlig plan";
    public const string Mail = "E-mail";
    public const string Live = "Live-hub";
    public const string Operations = "Drift";
    public const string Feed = "OData-feed";

    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        (Plan, "Hele planen som regneark, i importens egne kolonner."),
        (History, "Et punkts ændringer (aktindsigt)."),
        (Economy, "Budgetopfølgninger sammenlignet."),
        (Ledger, "Budgetændringsfilen til økonomisystemet."),
        (Annex, "Et udvalgs bilag til dagsordenen."),
        (Rounds, "Rapporten fra en afsluttet opfølgningsrunde."),
        (Meetings, "Hvad der ændrede sig på et møde, til referatet."),
        (Questions, "Politikernes spørgsmål og svar, som de er offentliggjort."),
        (Calendars, "Kalenderfeeds (iCalendar) bag hver brugers hemmelige adresse; uden login."),
        (Public, "Den offentlige side for en plan, en administrator har åbnet; uden login."),
        (Mail, "Afmelding med ét klik fra e-mailprogrammer (RFC 8058)."),
        (Feed, "Planen som data til Power BI og Excel (OData v4, kun læsning); med adgangsnøgle eller login. Se docs/api.md."),
        (Live, "SignalR-hubben med ændringer i realtid; se docs/api.md."),
        (Operations, "Sundhedstjek til load balancer og orkestrering; diagnostik når den er slået til."),
    ];
}
