using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Udmoentning.Web.Feed;

// The feed's rows: what Power BI and Excel see. Names are English and stable (they are the columns of the municipality's
// reports); the Danish text of each is its description in $metadata. Codes (Status "InProgress") sit beside their Danish
// names (StatusName "I gang"), so a report can filter on the code and show the name. Amounts are in 1.000 kr. (Thousands)
// and in kroner (Kroner). Times are UTC; dates are the municipality's dates.

[Description("En udmøntningsplan: det arbejde, én vedtaget budgetaftale skaber.")]
public sealed class FeedPlan
{
    [Description("Planens nummer.")]
    public int Id { get; init; }

    [Description("Planens navn, fx \"Udmøntningsplan 2025-2028\".")]
    public string Name { get; init; } = "";

    [Description("Første budgetår.")]
    public int FirstBudgetYear { get; init; }

    [Description("Sidste budgetår.")]
    public int LastBudgetYear { get; init; }

    [Description("Datoen, budgetaftalen blev vedtaget.")]
    public DateOnly AdoptedOn { get; init; }

    [Description("Planens stade som kode: Draft, Adopted eller Archived.")]
    public string Stage { get; init; } = "";

    [Description("Planens stade på dansk: Under udarbejdelse, Vedtaget eller Arkiveret.")]
    public string StageName { get; init; } = "";

    [Description("Planens udgave; skifter ved hver ændring af planen eller dens hovedpunkter (ETag).")]
    [ConcurrencyCheck]
    public string Version { get; init; } = "";

    [Description("Planens hovedpunkter (temaer fra budgetaftalen) i rækkefølge.")]
    public List<FeedTheme> Themes { get; init; } = [];
}

[Description("Et hovedpunkt (tema) i budgetaftalen, som planens punkter er grupperet under.")]
public sealed class FeedTheme
{
    [Description("Hovedpunktets nummer.")]
    public int Id { get; init; }

    [Description("Planens nummer.")]
    public int PlanId { get; init; }

    [Description("Hovedpunktets navn.")]
    public string Name { get; init; } = "";

    [Description("Hovedpunktets plads i planen: 1, 2, 3 ...")]
    public int Position { get; init; }
}

[Description("Et politisk udvalg. Udvalgene er fælles for alle planer.")]
public sealed class FeedCommittee
{
    [Description("Udvalgets nummer.")]
    public int Id { get; init; }

    [Description("Udvalgets navn.")]
    public string Name { get; init; } = "";

    [Description("Udvalgets forkortelse, fx AU.")]
    public string ShortCode { get; init; } = "";

    [Description("Udvalgets del af adresser i appen, fx au.")]
    public string Slug { get; init; } = "";

    [Description("Udvalgets udgave (ETag).")]
    [ConcurrencyCheck]
    public string Version { get; init; } = "";
}

[Description("Et møde i et udvalg; et aflyst møde står her stadig, markeret som aflyst.")]
public sealed class FeedMeeting
{
    [Description("Mødets nummer.")]
    public int Id { get; init; }

    [Description("Udvalgets nummer.")]
    public int CommitteeId { get; init; }

    [Description("Mødedatoen.")]
    public DateOnly Date { get; init; }

    [Description("Om mødet er aflyst.")]
    public bool IsCancelled { get; init; }

    [Description("Mødets udgave (ETag).")]
    [ConcurrencyCheck]
    public string Version { get; init; } = "";
}

[Description("Et punkt i udmøntningsplanen: en driftsændring, et råderumsforslag, et anlægsprojekt eller en hensigtserklæring.")]
public sealed class FeedItem
{
    [Description("Punktets nummer i appen.")]
    public int Id { get; init; }

    [Description("Planens nummer.")]
    public int PlanId { get; init; }

    [Description("Punktets kode, fx AU-01.")]
    public string Code { get; init; } = "";

    [Description("Punktets titel.")]
    public string Title { get; init; } = "";

    [Description("Beskrivelse.")]
    public string? Description { get; init; }

    [Description("Punktets art som kode: OperatingChange, FiscalLeewayProposal, CapitalProject eller IntentDeclaration.")]
    public string Kind { get; init; } = "";

    [Description("Punktets art på dansk.")]
    public string KindName { get; init; } = "";

    [Description("Hovedpunktets nummer.")]
    public int ThemeId { get; init; }

    [Description("Hovedpunktets navn.")]
    public string ThemeName { get; init; } = "";

    [Description("Det ansvarlige udvalgs nummer.")]
    public int CommitteeId { get; init; }

    [Description("Det ansvarlige udvalgs navn.")]
    public string CommitteeName { get; init; } = "";

    [Description("Det ansvarlige udvalgs forkortelse.")]
    public string CommitteeShortCode { get; init; } = "";

    [Description("Om punktet angår alle udvalg (tværgående punkter og råderumsforslag) og derfor står i hvert udvalgs udsnit.")]
    public bool ConcernsAllCommittees { get; init; }

    [Description("Om punktet er tværgående.")]
    public bool IsCrossCutting { get; init; }

    [Description("Ansvarlig enhed.")]
    public string? ResponsibleUnit { get; init; }

    [Description("Status som kode: NotStarted, InProgress, ReadyForPoliticalTreatment eller Completed.")]
    public string Status { get; init; } = "";

    [Description("Status på dansk, som tavlens kolonner.")]
    public string StatusName { get; init; } = "";

    [Description("Tilstand som kode: Green, Yellow eller Red.")]
    public string Health { get; init; } = "";

    [Description("Tilstand på dansk.")]
    public string HealthName { get; init; } = "";

    [Description("Tidsplan (forventet kvartal) som i appen, fx \"Q3 2026\"; tom uden tidsplan.")]
    public string? Timing { get; init; }

    [Description("Tidsplanens år.")]
    public int? TimingYear { get; init; }

    [Description("Tidsplanens kvartal (1-4).")]
    public int? TimingQuarter { get; init; }

    [Description("Den oprindelige tidsplan, som planen blev vedtaget med.")]
    public string? BaselineTiming { get; init; }

    [Description("Forsinkelse i kvartaler: tidsplanen minus den oprindelige (0 når den holder eller mangler).")]
    public int SlippageQuarters { get; init; }

    [Description("Nummeret på udvalget, der skal behandle punktet politisk.")]
    public int? TreatmentCommitteeId { get; init; }

    [Description("Nummeret på mødet, punktet er sat på i arbejdsplanen.")]
    public int? TreatmentMeetingId { get; init; }

    [Description("Datoen for mødet, punktet er sat på.")]
    public DateOnly? TreatmentMeetingDate { get; init; }

    [Description("Om MED skal inddrages.")]
    public bool RequiresMedInvolvement { get; init; }

    [Description("Sagsnummer (år/løbenummer).")]
    public string? CaseNumber { get; init; }

    [Description("Bemærkninger.")]
    public string? Notes { get; init; }

    [Description("Antal kommentarer i punktets tråd.")]
    public int CommentCount { get; init; }

    [Description("Punktets udgave; skifter ved hver ændring (ETag).")]
    [ConcurrencyCheck]
    public string Version { get; init; } = "";

    [Description("Punktets beløb pr. budgetår.")]
    public List<FeedAmount> Amounts { get; init; } = [];

    [Description("Punktets kontrolpunkter: MED, Direktionen, Koncernledelsen og politisk behandling.")]
    public List<FeedCheckpoint> Checkpoints { get; init; } = [];
}

[Description("Et punkts økonomiske effekt i ét budgetår.")]
public sealed class FeedAmount
{
    [Description("Punktets nummer og året, fx \"12-2026\".")]
    public string Id { get; init; } = "";

    [Description("Punktets nummer.")]
    public int ItemId { get; init; }

    [Description("Planens nummer.")]
    public int PlanId { get; init; }

    [Description("Budgetåret.")]
    public int Year { get; init; }

    [Description("Beløbet i 1.000 kr. (negativt er en besparelse).")]
    public int Thousands { get; init; }

    [Description("Beløbet i kr.")]
    public long Kroner { get; init; }
}

[Description("Et kontrolpunkt, der er nået for et punkt.")]
public sealed class FeedCheckpoint
{
    [Description("Punktets nummer og trinnet, fx \"12-MedInvolved\".")]
    public string Id { get; init; } = "";

    [Description("Punktets nummer.")]
    public int ItemId { get; init; }

    [Description("Planens nummer.")]
    public int PlanId { get; init; }

    [Description("Trinnet som kode: MedInvolved, DiscussedByExecutiveBoard, DiscussedByGroupManagement eller PoliticallyTreated.")]
    public string Step { get; init; } = "";

    [Description("Trinnet på dansk.")]
    public string StepName { get; init; } = "";

    [Description("Hvornår trinnet blev markeret (UTC).")]
    public DateTimeOffset DoneAt { get; init; }

    [Description("Hvem der markerede det.")]
    public string ByName { get; init; } = "";

    [Description("Udvalget, der behandlede punktet (politisk behandling).")]
    public int? CommitteeId { get; init; }

    [Description("Mødet, hvor punktet blev behandlet (politisk behandling).")]
    public int? MeetingId { get; init; }
}

[Description("En ændring af et punkt: hvem, hvornår, hvad før og efter.")]
public sealed class FeedHistoryEntry
{
    [Description("Ændringens nummer.")]
    public long Id { get; init; }

    [Description("Planens nummer.")]
    public int PlanId { get; init; }

    [Description("Punktets nummer.")]
    public int ItemId { get; init; }

    [Description("Punktets kode, da ændringen skete.")]
    public string ItemCode { get; init; } = "";

    [Description("Hvornår (UTC).")]
    public DateTimeOffset At { get; init; }

    [Description("Hvem.")]
    public string UserName { get; init; } = "";

    [Description("Hvilken slags ændring, fx Oprettet, Flyttet, Redigeret.")]
    public string Kind { get; init; } = "";

    [Description("De ændrede felter med værdien før og efter.")]
    public List<FeedFieldChange> Changes { get; init; } = [];
}

[Description("Ét felt i en ændring.")]
public sealed class FeedFieldChange
{
    [Description("Feltets navn på dansk.")]
    public string Field { get; init; } = "";

    [Description("Værdien før.")]
    public string? Old { get; init; }

    [Description("Værdien efter.")]
    public string? New { get; init; }
}

[Description("En opfølgningsrunde: administrationen beder udvalgene om status på deres punkter inden en frist.")]
public sealed class FeedRound
{
    [Description("Rundens nummer.")]
    public int Id { get; init; }

    [Description("Planens nummer.")]
    public int PlanId { get; init; }

    [Description("Rundens navn.")]
    public string Name { get; init; } = "";

    [Description("Fristen.")]
    public DateOnly Deadline { get; init; }

    [Description("Udvalget, runden gælder; tom for hele planen.")]
    public int? CommitteeId { get; init; }

    [Description("Hvornår runden blev åbnet (UTC).")]
    public DateTimeOffset OpenedAt { get; init; }

    [Description("Hvem der åbnede den.")]
    public string OpenedByName { get; init; } = "";

    [Description("Hvornår runden blev lukket (UTC); tom mens den er åben.")]
    public DateTimeOffset? ClosedAt { get; init; }

    [Description("Nummeret på budgetopfølgningen (øjebliksbilledet), runden blev lukket med.")]
    public int? FollowUpId { get; init; }

    [Description("Rundens udgave (ETag).")]
    [ConcurrencyCheck]
    public string Version { get; init; } = "";

    [Description("Rundens svar, ét pr. punkt.")]
    public List<FeedRoundAnswer> Answers { get; init; } = [];
}

[Description("Et punkts svar i en opfølgningsrunde.")]
public sealed class FeedRoundAnswer
{
    [Description("Svarets nummer.")]
    public int Id { get; init; }

    [Description("Rundens nummer.")]
    public int RoundId { get; init; }

    [Description("Punktets nummer.")]
    public int ItemId { get; init; }

    [Description("Punktets kode.")]
    public string ItemCode { get; init; } = "";

    [Description("Hvem der skal svare.")]
    public string? AssigneeName { get; init; }

    [Description("Statusteksten.")]
    public string? StatusText { get; init; }

    [Description("Tilstanden, svaret angav (Green, Yellow, Red).")]
    public string? Health { get; init; }

    [Description("Tidsplanen, svaret angav, fx \"Q3 2026\".")]
    public string? Timing { get; init; }

    [Description("Hvornår der sidst blev svaret (UTC).")]
    public DateTimeOffset? ReportedAt { get; init; }

    [Description("Hvem der sidst svarede.")]
    public string? ReportedByName { get; init; }

    [Description("Om svaret er meldt klar.")]
    public bool IsReady { get; init; }

    [Description("Hvornår det blev meldt klar (UTC).")]
    public DateTimeOffset? ReadyAt { get; init; }

    [Description("Svarets udgave (ETag).")]
    [ConcurrencyCheck]
    public string Version { get; init; } = "";
}

[Description("En budgetopfølgning: planen, som den stod på en dag (et øjebliksbillede).")]
public sealed class FeedFollowUp
{
    [Description("Opfølgningens nummer.")]
    public int Id { get; init; }

    [Description("Planens nummer.")]
    public int PlanId { get; init; }

    [Description("Opfølgningens navn.")]
    public string Name { get; init; } = "";

    [Description("Datoen, billedet gælder.")]
    public DateOnly AsOf { get; init; }

    [Description("Hvornår billedet blev taget (UTC).")]
    public DateTimeOffset TakenAt { get; init; }

    [Description("Hvem der tog det.")]
    public string TakenByName { get; init; } = "";

    [Description("Punkterne, som de stod.")]
    public List<FeedFollowUpItem> Items { get; init; } = [];
}

[Description("Et punkt, som det stod i en budgetopfølgning.")]
public sealed class FeedFollowUpItem
{
    [Description("Opfølgningens og punktets nummer, fx \"3-12\".")]
    public string Id { get; init; } = "";

    [Description("Opfølgningens nummer.")]
    public int FollowUpId { get; init; }

    [Description("Punktets nummer.")]
    public int ItemId { get; init; }

    [Description("Punktets kode.")]
    public string Code { get; init; } = "";

    [Description("Punktets titel.")]
    public string Title { get; init; } = "";

    [Description("Udvalgets nummer.")]
    public int CommitteeId { get; init; }

    [Description("Udvalgets navn.")]
    public string CommitteeName { get; init; } = "";

    [Description("Hovedpunktets nummer.")]
    public int ThemeId { get; init; }

    [Description("Status som kode.")]
    public string Status { get; init; } = "";

    [Description("Tilstand som kode.")]
    public string Health { get; init; } = "";

    [Description("Tidsplanen, fx \"Q3 2026\".")]
    public string? Timing { get; init; }

    [Description("Statusteksten fra runden, opfølgningen blev taget med.")]
    public string? StatusText { get; init; }

    [Description("Beløbene pr. budgetår, som de stod.")]
    public List<FeedYearAmount> Amounts { get; init; } = [];
}

[Description("Et beløb i ét budgetår.")]
public sealed class FeedYearAmount
{
    [Description("Budgetåret.")]
    public int Year { get; init; }

    [Description("Beløbet i 1.000 kr.")]
    public long Thousands { get; init; }
}

[Description("En kontering: den del af et punkts beløb i ét år, der bogføres på én kontostreng.")]
public sealed class FeedAccountLine
{
    [Description("Konteringens nummer.")]
    public int Id { get; init; }

    [Description("Planens nummer.")]
    public int PlanId { get; init; }

    [Description("Punktets nummer.")]
    public int ItemId { get; init; }

    [Description("Kontostrengen.")]
    public string Account { get; init; } = "";

    [Description("Budgetåret.")]
    public int Year { get; init; }

    [Description("Beløbet i 1.000 kr.")]
    public int Thousands { get; init; }
}

[Description("Et udtræk fra økonomisystemet, indlæst i planen.")]
public sealed class FeedLedgerExtract
{
    [Description("Udtrækkets nummer.")]
    public int Id { get; init; }

    [Description("Planens nummer.")]
    public int PlanId { get; init; }

    [Description("Datoen, udtrækket gælder.")]
    public DateOnly TakenOn { get; init; }

    [Description("Hvornår det blev indlæst (UTC).")]
    public DateTimeOffset ImportedAt { get; init; }

    [Description("Hvem der indlæste det.")]
    public string ImportedBy { get; init; } = "";

    [Description("Filens navn.")]
    public string FileName { get; init; } = "";

    [Description("Antal posteringer i filen.")]
    public int Postings { get; init; }

    [Description("Budget og forbrug pr. kontostreng og år.")]
    public List<FeedLedgerBalance> Balances { get; init; } = [];
}

[Description("Budget og forbrug på én kontostreng i ét år, fra et udtræk.")]
public sealed class FeedLedgerBalance
{
    [Description("Linjens nummer.")]
    public long Id { get; init; }

    [Description("Udtrækkets nummer.")]
    public int ExtractId { get; init; }

    [Description("Kontostrengen.")]
    public string Account { get; init; } = "";

    [Description("Året.")]
    public int Year { get; init; }

    [Description("Henvisning (fx punktets kode), hvis udtrækket havde en.")]
    public string? Reference { get; init; }

    [Description("Budget i kr.")]
    public decimal Budget { get; init; }

    [Description("Forbrug i kr.")]
    public decimal Spent { get; init; }
}

[Description("Et offentliggjort spørgsmål fra en politiker med administrationens godkendte svar. Kladder og noter er aldrig med.")]
public sealed class FeedQuestion
{
    [Description("Spørgsmålets nummer i appen.")]
    public int Id { get; init; }

    [Description("Planens nummer.")]
    public int PlanId { get; init; }

    [Description("Spørgsmålets løbenummer i planen (Spørgsmål 12).")]
    public int? Number { get; init; }

    [Description("Hvad spørgsmålet handler om: Plan, Theme, Committee eller Item.")]
    public string Scope { get; init; } = "";

    [Description("Hovedpunktets nummer, når spørgsmålet handler om et hovedpunkt eller et punkt.")]
    public int? ThemeId { get; init; }

    [Description("Udvalgets nummer, når spørgsmålet handler om et udvalg eller et punkt.")]
    public int? CommitteeId { get; init; }

    [Description("Punktets nummer, når spørgsmålet handler om et punkt.")]
    public int? ItemId { get; init; }

    [Description("Hvem der spurgte.")]
    public string AskerName { get; init; } = "";

    [Description("Spørgerens parti eller gruppe.")]
    public string? AskerGroup { get; init; }

    [Description("Spørgsmålet.")]
    public string Text { get; init; } = "";

    [Description("Hvornår det blev stillet (UTC).")]
    public DateTimeOffset AskedAt { get; init; }

    [Description("Svarfristen.")]
    public DateOnly? Deadline { get; init; }

    [Description("Det offentliggjorte svar.")]
    public string Answer { get; init; } = "";

    [Description("Hvornår svaret blev offentliggjort (UTC).")]
    public DateTimeOffset PublishedAt { get; init; }

    [Description("Spørgsmålets udgave (ETag).")]
    [ConcurrencyCheck]
    public string Version { get; init; } = "";
}
