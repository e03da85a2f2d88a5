using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Data.Sample;

/// <summary>
/// The sample udmøntningsplan for budget 2025-2028, written as a Danish municipality (about 38.000
/// inhabitants) would write it. Amounts are in 1.000 kr. per budget year; negative is a saving.
/// </summary>
public static class SamplePlanData
{
    public const string PlanName = "Udmøntningsplan 2025-2028";
    public const int FirstBudgetYear = 2025;
    public const int LastBudgetYear = 2028;

    /// <summary>The budget agreement's efficiency contribution, in 1.000 kr. per year (saving).</summary>
    public const string TargetName = "Effektiviseringsbidrag 0,5 pct.";

    public static IReadOnlyDictionary<int, int> TargetAmounts { get; } = new Dictionary<int, int>
    {
        [2025] = -5800,
        [2026] = -11600,
        [2027] = -11600,
        [2028] = -11600,
    };
    public static readonly DateOnly AdoptedOn = new(2024, 12, 11);

    /// <summary>The main themes (hovedpunkter) of the budget agreement, in the agreement's order.</summary>
    public static readonly IReadOnlyList<string> Themes =
    [
        "Økonomisk politik",
        "Politiske visioner",
        "Sociale investeringer, Fremtidens velfærd, Skoler og dagtilbud",
        "Norddjurs i bevægelse",
        "Partnerskaber",
        "Vækst, erhverv og beskæftigelse",
        "Klima, miljø, natur og den grønne omstilling",
    ];

    public static readonly IReadOnlyList<(string Name, string ShortCode)> Committees =
    [
        ("Økonomiudvalget", "ØU"),
        ("Arbejdsmarkedsudvalget", "AU"),
        ("Børne- og ungdomsudvalget", "BUU"),
        ("Social- og sundhedsudvalget", "SSU"),
        ("Kultur- og udviklingsudvalget", "KUU"),
        ("Miljø- og teknikudvalget", "MTU"),
        ("Kommunalbestyrelsen", "KB"),
    ];

    /// <summary>
    /// The 2025 meeting calendars. Fagudvalgene meet monthly except July; Økonomiudvalget meets a week or two
    /// before Kommunalbestyrelsen, twice in September for the two readings of budget 2026-2029.
    /// </summary>
    public static readonly IReadOnlyList<(string Committee, DateOnly Date)> Meetings =
    [
        ("ØU", new(2025, 1, 21)), ("ØU", new(2025, 2, 18)), ("ØU", new(2025, 3, 18)), ("ØU", new(2025, 4, 15)),
        ("ØU", new(2025, 5, 13)), ("ØU", new(2025, 6, 10)), ("ØU", new(2025, 8, 19)), ("ØU", new(2025, 9, 2)),
        ("ØU", new(2025, 9, 30)), ("ØU", new(2025, 10, 28)), ("ØU", new(2025, 11, 25)), ("ØU", new(2025, 12, 9)),

        ("AU", new(2025, 1, 23)), ("AU", new(2025, 2, 20)), ("AU", new(2025, 3, 20)), ("AU", new(2025, 4, 24)),
        ("AU", new(2025, 5, 22)), ("AU", new(2025, 6, 19)), ("AU", new(2025, 8, 21)), ("AU", new(2025, 9, 18)),
        ("AU", new(2025, 10, 23)), ("AU", new(2025, 11, 20)), ("AU", new(2025, 12, 11)),

        ("BUU", new(2025, 1, 13)), ("BUU", new(2025, 2, 10)), ("BUU", new(2025, 3, 10)), ("BUU", new(2025, 4, 7)),
        ("BUU", new(2025, 5, 12)), ("BUU", new(2025, 6, 16)), ("BUU", new(2025, 8, 11)), ("BUU", new(2025, 9, 8)),
        ("BUU", new(2025, 10, 6)), ("BUU", new(2025, 11, 10)), ("BUU", new(2025, 12, 8)),

        ("SSU", new(2025, 1, 14)), ("SSU", new(2025, 2, 11)), ("SSU", new(2025, 3, 11)), ("SSU", new(2025, 4, 8)),
        ("SSU", new(2025, 5, 13)), ("SSU", new(2025, 6, 10)), ("SSU", new(2025, 8, 12)), ("SSU", new(2025, 9, 9)),
        ("SSU", new(2025, 10, 7)), ("SSU", new(2025, 11, 11)), ("SSU", new(2025, 12, 9)),

        ("KUU", new(2025, 1, 15)), ("KUU", new(2025, 2, 12)), ("KUU", new(2025, 3, 12)), ("KUU", new(2025, 4, 9)),
        ("KUU", new(2025, 5, 14)), ("KUU", new(2025, 6, 11)), ("KUU", new(2025, 8, 13)), ("KUU", new(2025, 9, 10)),
        ("KUU", new(2025, 10, 8)), ("KUU", new(2025, 11, 12)), ("KUU", new(2025, 12, 10)),

        ("MTU", new(2025, 1, 16)), ("MTU", new(2025, 2, 13)), ("MTU", new(2025, 3, 13)), ("MTU", new(2025, 4, 10)),
        ("MTU", new(2025, 5, 15)), ("MTU", new(2025, 6, 12)), ("MTU", new(2025, 8, 14)), ("MTU", new(2025, 9, 11)),
        ("MTU", new(2025, 10, 9)), ("MTU", new(2025, 11, 13)), ("MTU", new(2025, 12, 4)),

        ("KB", new(2025, 1, 28)), ("KB", new(2025, 2, 25)), ("KB", new(2025, 3, 25)), ("KB", new(2025, 4, 22)),
        ("KB", new(2025, 5, 20)), ("KB", new(2025, 6, 17)), ("KB", new(2025, 8, 26)), ("KB", new(2025, 9, 16)),
        ("KB", new(2025, 10, 7)), ("KB", new(2025, 11, 4)), ("KB", new(2025, 12, 16)),
    ];

    public static readonly IReadOnlyList<SampleItemSpec> Items =
    [
        // ---------------------------------------------------------------------------------------------
        // Økonomiudvalget: driftsændringer, herunder de store tværgående indsatser
        // ---------------------------------------------------------------------------------------------
        new SampleItemSpec(
            "ØU-D1",
            "Budgetoverholdelse 2025",
            "Alle udvalg skal overholde de vedtagne budgetrammer i 2025. Der gennemføres budgetopfølgning pr. 31. marts, 30. juni og 30. september med handleplaner for områder med forventet merforbrug, og udviklingen følges månedligt i Direktionen og Koncernledelsen.",
            ItemKind.OperatingChange, 1, "ØU", "Økonomi og Personale",
            ItemStatus.InProgress, Health.Yellow,
            null, null, "ØU", "2025-05-13",
            CrossCutting: true, Med: false, "24/21544",
            "Budgetopfølgningen pr. 31. marts viser forventet merforbrug på det specialiserede børne- og voksenområde. Handleplaner er under udarbejdelse (BUU-D6 og SSU-D8).",
            [0, 0, 0, 0]),

        new SampleItemSpec(
            "ØU-D2",
            "Udmøntning af effektiviseringsbidrag på 0,5 pct.",
            "Budgetaftalen forudsætter et årligt effektiviseringsbidrag på 0,5 pct. af servicerammen fra alle udvalg. Direktionen udarbejder forslag til fordeling og konkrete tiltag, hvor forslag fra råderumskataloget også kan indgå. Forslagene forelægges fagudvalgene og Økonomiudvalget.",
            ItemKind.OperatingChange, 1, "ØU", "Fællesforvaltningsdirektør",
            ItemStatus.InProgress, Health.Yellow,
            "Q2 2025", "Q3 2025", "ØU", "2025-08-19",
            CrossCutting: true, Med: true, "24/21550",
            "Fordelingsnøglen er drøftet i Koncernledelsen. Konkrete forslag fra Børne- og ungdomsudvalgets og Social- og sundhedsudvalgets områder mangler fortsat.",
            [-5500, -11000, -11000, -11000]),

        new SampleItemSpec(
            "ØU-D3",
            "Kloge m² – bedre udnyttelse af kommunens bygninger",
            "Som led i arbejdet med kloge m² kortlægges kommunens samlede bygningsmasse med henblik på at reducere antallet af m², samle funktioner og frigøre driftsudgifter. Arbejdet skal skabe de bedste rammer for borgere og ansatte og samtidig reducere kapacitet og omkostninger til drift, energi og vedligehold.",
            ItemKind.OperatingChange, 1, "ØU", "Ejendomscentret",
            ItemStatus.InProgress, Health.Green,
            "Q4 2025", "Q4 2025", null, null,
            CrossCutting: true, Med: true, "24/21612",
            "Kortlægning af belægningsgraden på de administrative lokaliteter er gennemført i foråret 2025.",
            [-500, -2500, -4000, -5000]),

        new SampleItemSpec(
            "ØU-D4",
            "Etablering af en central flådestyringsenhed",
            "Der etableres en flådestyringsenhed, som skal udvikle og drive en centraliseret flådestyring af kommunens køretøjer. Formålet er at reducere CO2-udledningen og optimere drift, indkøb og kørsel, bl.a. gennem fælles booking af biler og omstilling til elbiler.",
            ItemKind.OperatingChange, 7, "ØU", "Vej og Park",
            ItemStatus.InProgress, Health.Green,
            "Q3 2025", "Q3 2025", "ØU", "2025-09-02",
            CrossCutting: true, Med: true, "24/21630",
            "Kortlægning af 214 køretøjer på tværs af forvaltningerne er afsluttet. Forslag til organisering drøftes i Hovedudvalget i august.",
            [250, -600, -1200, -1500]),

        new SampleItemSpec(
            "ØU-D5",
            "Generativ kunstig intelligens i alle dele af organisationen",
            "Generativ kunstig intelligens (AI) implementeres som et fælles værktøj i administrationen og på de borgernære områder, bl.a. til journalisering, referater og sagsforberedelse. Der udarbejdes retningslinjer for ansvarlig brug, informationssikkerhed og databeskyttelse, og medarbejderne tilbydes kompetenceudvikling.",
            ItemKind.OperatingChange, 2, "ØU", "Digitalisering og IT",
            ItemStatus.InProgress, Health.Yellow,
            "Q2 2025", "Q4 2025", null, null,
            CrossCutting: true, Med: true, "24/21655",
            "Afventer fælleskommunal aftale om AI-løsning via KL. Udkast til retningslinjer er drøftet i Hovedudvalget.",
            [800, -500, -1500, -2500]),

        new SampleItemSpec(
            "ØU-D6",
            "Effektivisering af aktindsigtsbehandling",
            "Arbejdsgangen for behandling af anmodninger om aktindsigt forenkles med fælles skabeloner, digital udsøgning af dokumenter og central koordinering i Sekretariat og Jura. Målet er kortere sagsbehandlingstid og færre ressourcer anvendt pr. sag.",
            ItemKind.OperatingChange, 1, "ØU", "Sekretariat og Jura",
            ItemStatus.ReadyForPoliticalTreatment, Health.Green,
            "Q2 2025", "Q2 2025", "ØU", "2025-06-10",
            CrossCutting: true, Med: true, "24/21670",
            null,
            [-200, -400, -400, -400]),

        new SampleItemSpec(
            "ØU-D7",
            "Reduktion af udgifter til ekstern konsulentbistand",
            "Budgettet til ekstern konsulentbistand reduceres, og opgaverne løses i videst muligt omfang af egne medarbejdere. Køb af konsulentydelser over 50.000 kr. skal fremover godkendes af Direktionen.",
            ItemKind.OperatingChange, 1, "ØU", "Økonomi og Personale",
            ItemStatus.Completed, Health.Green,
            "Q1 2025", "Q1 2025", "ØU", "2025-02-18",
            CrossCutting: false, Med: false, "24/21688",
            null,
            [-500, -500, -500, -500]),

        new SampleItemSpec(
            "ØU-D8",
            "Digital borgerservice og flere selvbetjeningsløsninger",
            "Borgerservice udvider mulighederne for digital selvbetjening, tidsbestilling og chat, så flere henvendelser kan løses uden fremmøde. Den frigjorte tid anvendes til borgere, der har behov for personlig betjening.",
            ItemKind.OperatingChange, 2, "ØU", "Borgerservice",
            ItemStatus.NotStarted, Health.Green,
            "Q1 2026", "Q1 2026", null, null,
            CrossCutting: false, Med: true, "24/21702",
            null,
            [0, -300, -600, -600]),

        // Økonomiudvalget: anlæg
        new SampleItemSpec(
            "ØU-A101",
            "Samling af administrative arbejdspladser på Rådhuset i Grenaa",
            "Administrative funktioner fra eksterne lejemål og mindre lokaliteter samles på Rådhuset i Grenaa. Projektet omfatter ombygning til aktivitetsbaserede arbejdspladser og er en del af arbejdet med kloge m².",
            ItemKind.CapitalProject, 1, "ØU", "Ejendomscentret",
            ItemStatus.NotStarted, Health.Yellow,
            "Q1 2026", "Q1 2026", "ØU", null,
            CrossCutting: true, Med: true, "24/21730",
            "Afhænger af resultatet af kortlægningen under kloge m² (ØU-D3).",
            [0, 4500, 8000, 0]),

        new SampleItemSpec(
            "ØU-A102",
            "Energirenovering af kommunale bygninger",
            "Pulje til energiforbedringer i kommunale bygninger, herunder udskiftning af olie- og gasfyr, LED-belysning, solceller og bedre styring af ventilation. Projekterne prioriteres efter tilbagebetalingstid og CO2-reduktion.",
            ItemKind.CapitalProject, 7, "ØU", "Ejendomscentret",
            ItemStatus.InProgress, Health.Green,
            "Q4 2025", "Q4 2025", null, null,
            CrossCutting: false, Med: false, "24/21744",
            null,
            [5000, 5000, 5000, 5000]),

        // ---------------------------------------------------------------------------------------------
        // Råderumsforslag (tværgående; vedrører alle udvalg)
        // ---------------------------------------------------------------------------------------------
        new SampleItemSpec(
            "ØU-R1",
            "Opsigelse af eksterne lejemål",
            "Kommunen opsiger lejemål, hvor funktionerne kan flyttes til egne bygninger. Forslaget indgår i arbejdet med kloge m².",
            ItemKind.FiscalLeewayProposal, 1, "ØU", "Ejendomscentret",
            ItemStatus.InProgress, Health.Green,
            "Q4 2025", "Q4 2025", null, null,
            CrossCutting: true, Med: false, "24/19811",
            null,
            [-300, -900, -1200, -1200]),

        new SampleItemSpec(
            "ØU-R2",
            "Optimering af indkøb og øget aftaleoverholdelse",
            "Aftaleoverholdelsen på kommunens indkøbsaftaler øges gennem e-handel, færre leverandører og opfølgning på køb uden for aftale. Der fokuseres særligt på forbrugsvarer, it-udstyr og håndværkerydelser.",
            ItemKind.FiscalLeewayProposal, 1, "ØU", "Indkøb og Udbud",
            ItemStatus.InProgress, Health.Yellow,
            "Q3 2025", "Q3 2025", null, null,
            CrossCutting: true, Med: false, "24/19812",
            "Aftaleoverholdelsen er 78 pct. mod et mål på 90 pct. Der følges op med de institutioner, der køber mest uden for aftale.",
            [-1000, -2000, -2500, -2500]),

        new SampleItemSpec(
            "ØU-R3",
            "Konsolidering af it-systemer og licenser",
            "Overlappende fagsystemer udfases, og antallet af licenser tilpasses det faktiske forbrug. Besparelsen fordeles på udvalgene efter forbrug.",
            ItemKind.FiscalLeewayProposal, 1, "ØU", "Digitalisering og IT",
            ItemStatus.Completed, Health.Green,
            "Q1 2025", "Q1 2025", "ØU", "2025-03-18",
            CrossCutting: true, Med: false, "24/19815",
            null,
            [-400, -800, -800, -800]),

        new SampleItemSpec(
            "ØU-R4",
            "Digital Post frem for fysiske breve",
            "Breve til borgere og virksomheder sendes som udgangspunkt digitalt, og fysisk forsendelse begrænses til borgere, der er fritaget for Digital Post. Udgifterne til porto og print reduceres tilsvarende.",
            ItemKind.FiscalLeewayProposal, 1, "ØU", "Borgerservice",
            ItemStatus.Completed, Health.Green,
            "Q1 2025", "Q1 2025", null, null,
            CrossCutting: true, Med: false, null,
            null,
            [-250, -400, -500, -500]),

        new SampleItemSpec(
            "ØU-R5",
            "Reduktion af administrative årsværk ved naturlig afgang",
            "Antallet af administrative årsværk reduceres gradvist i budgetperioden ved at undlade genbesættelse af ledige stillinger, hvor opgaverne kan løses på anden vis. Reduktionen ses i sammenhæng med digitalisering og generativ kunstig intelligens.",
            ItemKind.FiscalLeewayProposal, 1, "ØU", "Fællesforvaltningsdirektør",
            ItemStatus.InProgress, Health.Red,
            "Q2 2025", "Q2 2025", null, null,
            CrossCutting: true, Med: true, "24/19820",
            "Færre fratrædelser end forudsat. Der er risiko for, at besparelsen i 2025 ikke indfries fuldt ud; status følges månedligt i Direktionen.",
            [-1500, -3000, -4500, -6000]),

        new SampleItemSpec(
            "ØU-R6",
            "Samordnet rengøring i kommunale bygninger",
            "Rengøringen i kommunens bygninger samles i én fælles enhed med ensartede standarder og digital planlægning. Forslaget forudsætter inddragelse af MED-organisationen.",
            ItemKind.FiscalLeewayProposal, 1, "ØU", "Ejendomscentret",
            ItemStatus.NotStarted, Health.Green,
            "Q1 2026", "Q1 2026", null, null,
            CrossCutting: true, Med: true, "24/19823",
            null,
            [0, -1200, -1500, -1500]),

        new SampleItemSpec(
            "AU-R1",
            "Reduceret køb af forløb hos eksterne aktører",
            "Jobcentret hjemtager en større del af de virksomhedsrettede forløb, som i dag købes hos andre aktører. Besparelsen forudsætter, at forløbene kan løses inden for jobcentrets eksisterende ressourcer.",
            ItemKind.FiscalLeewayProposal, 6, "AU", "Jobcenter Norddjurs",
            ItemStatus.ReadyForPoliticalTreatment, Health.Green,
            "Q2 2025", "Q2 2025", "AU", "2025-06-19",
            CrossCutting: true, Med: false, "24/19830",
            null,
            [-800, -1500, -1500, -1500]),

        new SampleItemSpec(
            "BUU-R1",
            "Ruteoptimering af elevbefordring",
            "Skolebuskørslen og den lukkede elevkørsel udbydes på ny med optimerede ruter og tilpassede ringetider. Ændringerne træder i kraft ved skoleårets start i august 2025.",
            ItemKind.FiscalLeewayProposal, 3, "BUU", "Skole og Dagtilbud",
            ItemStatus.InProgress, Health.Green,
            "Q3 2025", "Q3 2025", "BUU", "2025-05-12",
            CrossCutting: true, Med: false, "24/19833",
            null,
            [-400, -800, -800, -800]),

        new SampleItemSpec(
            "BUU-R2",
            "Samling af administrative funktioner i dagtilbud",
            "Administrative opgaver i dagtilbuddene som pladsanvisning, fakturering og vikarbooking samles i færre enheder, så de pædagogiske ledere får mere tid til faglig ledelse.",
            ItemKind.FiscalLeewayProposal, 3, "BUU", "Skole og Dagtilbud",
            ItemStatus.NotStarted, Health.Yellow,
            "Q4 2025", "Q1 2026", null, null,
            CrossCutting: true, Med: true, "24/19835",
            "Afventer afklaring af den nye daginstitutionsstruktur (BUU-D1).",
            [-150, -600, -600, -600]),

        new SampleItemSpec(
            "SSU-R1",
            "Optimering af kørselsruter i hjemmeplejen",
            "Der indføres digital ruteplanlægning i hjemmeplejen, så køretiden mellem borgerne reduceres, og mere tid anvendes hos borgeren. Forslaget ses i sammenhæng med flådestyringsenheden.",
            ItemKind.FiscalLeewayProposal, 3, "SSU", "Sundhed og Omsorg",
            ItemStatus.InProgress, Health.Green,
            "Q2 2025", "Q2 2025", "SSU", "2025-04-08",
            CrossCutting: true, Med: true, "24/19840",
            null,
            [-600, -1200, -1500, -1500]),

        new SampleItemSpec(
            "SSU-R2",
            "Flere skærmbesøg i hjemmeplejen og sygeplejen",
            "Borgere, der kan have gavn af det, tilbydes skærmbesøg til fx medicinpåmindelse og tryghedsopkald i stedet for fysiske besøg. Visitationen vurderer egnetheden individuelt.",
            ItemKind.FiscalLeewayProposal, 3, "SSU", "Sundhed og Omsorg",
            ItemStatus.InProgress, Health.Green,
            "Q4 2025", "Q4 2025", null, null,
            CrossCutting: true, Med: false, "24/19842",
            null,
            [-300, -800, -1200, -1500]),

        new SampleItemSpec(
            "KUU-R1",
            "Udvidet selvbetjening og færre betjente timer på bibliotekerne",
            "Åbningstiden med personlig betjening på bibliotekerne reduceres, mens den selvbetjente åbningstid udvides. Borgerne får dermed samlet set længere adgang til bibliotekerne.",
            ItemKind.FiscalLeewayProposal, 1, "KUU", "Kultur og Udvikling",
            ItemStatus.ReadyForPoliticalTreatment, Health.Green,
            "Q3 2025", "Q3 2025", "KUU", "2025-08-13",
            CrossCutting: true, Med: true, "24/19845",
            "Høring i MED-udvalget og bibliotekernes brugerbestyrelse er gennemført.",
            [-250, -500, -500, -500]),

        new SampleItemSpec(
            "MTU-R1",
            "Mere vild natur – ændret græsslåning på kommunale arealer",
            "Græsslåningen omlægges, så udvalgte rabatter, parker og grønne områder kun slås en til to gange årligt. Det frigør driftsmidler og giver bedre levesteder for insekter og planter.",
            ItemKind.FiscalLeewayProposal, 7, "MTU", "Vej og Park",
            ItemStatus.Completed, Health.Green,
            "Q2 2025", "Q2 2025", "MTU", "2025-03-13",
            CrossCutting: true, Med: false, "24/19850",
            null,
            [-300, -600, -600, -600]),

        new SampleItemSpec(
            "MTU-R2",
            "Natslukning og LED i vejbelysningen",
            "Den resterende vejbelysning udskiftes til LED, og belysningen på udvalgte strækninger i det åbne land dæmpes eller slukkes om natten. Trafiksikkerheden vurderes for hver strækning.",
            ItemKind.FiscalLeewayProposal, 7, "MTU", "Vej og Park",
            ItemStatus.InProgress, Health.Red,
            "Q2 2025", "Q4 2025", null, null,
            CrossCutting: true, Med: false, "24/19852",
            "Leverandøren er forsinket med armaturerne. Besparelsen i 2025 forventes kun delvist realiseret.",
            [-400, -900, -900, -900]),

        new SampleItemSpec(
            "MTU-R3",
            "Optimering af vintertjenesten",
            "Serviceniveauet for vintertjeneste på mindre veje og stier tilpasses, og ruterne optimeres med GPS-styring. Det nye regulativ skal godkendes inden vintersæsonen 2025/26.",
            ItemKind.FiscalLeewayProposal, 1, "MTU", "Vej og Park",
            ItemStatus.NotStarted, Health.Green,
            "Q4 2025", "Q4 2025", "MTU", "2025-09-11",
            CrossCutting: true, Med: false, "24/19855",
            null,
            [-250, -500, -500, -500]),

        // ---------------------------------------------------------------------------------------------
        // Arbejdsmarkedsudvalget
        // ---------------------------------------------------------------------------------------------
        new SampleItemSpec(
            "AU-D1",
            "Virksomhedsrettet indsats for borgere på kanten af arbejdsmarkedet",
            "Jobcentret styrker den virksomhedsrettede indsats med flere virksomhedskonsulenter og et tættere samarbejde med lokale virksomheder om praktik og løntilskud. Indsatsen er en social investering, som forventes at reducere forsørgelsesudgifterne fra 2027.",
            ItemKind.OperatingChange, 6, "AU", "Jobcenter Norddjurs",
            ItemStatus.InProgress, Health.Green,
            "Q1 2025", "Q1 2025", "AU", "2025-01-23",
            CrossCutting: false, Med: false, "24/15230",
            "Investeringsmodellen er godkendt på udvalgets møde 23. januar 2025. Effekten måles halvårligt.",
            [1500, 500, -1000, -2000]),

        new SampleItemSpec(
            "AU-D2",
            "Styrket ungeindsats – flere unge i uddannelse og job",
            "Ungeindsatsen styrkes med en fast kontaktperson og et tættere samarbejde med ungdomsuddannelserne, så flere unge under 30 år kommer i uddannelse eller job. Indsatsen koordineres med den kommunale ungeindsats.",
            ItemKind.OperatingChange, 6, "AU", "Jobcenter Norddjurs",
            ItemStatus.Completed, Health.Green,
            "Q2 2025", "Q2 2025", "AU", "2025-03-20",
            CrossCutting: false, Med: false, "24/15231",
            null,
            [800, 800, 800, 800]),

        new SampleItemSpec(
            "AU-D3",
            "Omlægning af ressourceforløb med fokus på progression",
            "Borgere i ressourceforløb skal have en mere tværfaglig og virksomhedsrettet indsats med tydelige mål for progression. Rehabiliteringsteamet og sagsgangene omlægges, så flere kommer videre til fleksjob eller ordinær beskæftigelse.",
            ItemKind.OperatingChange, 3, "AU", "Jobcenter Norddjurs",
            ItemStatus.ReadyForPoliticalTreatment, Health.Yellow,
            "Q2 2025", "Q3 2025", "AU", "2025-08-21",
            CrossCutting: false, Med: true, "24/15236",
            "En gennemgang af 184 ressourceforløb viser behov for et tættere samarbejde med sundhedsområdet.",
            [-500, -1000, -1500, -1500]),

        new SampleItemSpec(
            "AU-D4",
            "Jobcentrets digitale selvbetjening og virtuelle samtaler",
            "Jobcentret udbygger den digitale selvbetjening og tilbyder virtuelle samtaler til ledige, hvor det giver mening. Den frigjorte tid anvendes til borgere med komplekse problemstillinger.",
            ItemKind.OperatingChange, 6, "AU", "Jobcenter Norddjurs",
            ItemStatus.InProgress, Health.Yellow,
            "Q3 2025", "Q3 2025", null, null,
            CrossCutting: false, Med: true, "24/15240",
            null,
            [0, -400, -800, -800]),

        new SampleItemSpec(
            "AU-D5",
            "Integrationsindsats – IGU og sprogpraktik i virksomheder",
            "Flere flygtninge og familiesammenførte skal i integrationsgrunduddannelse (IGU) og virksomhedspraktik med sprogstøtte. Indsatsen er tidsbegrænset til 2025-2026.",
            ItemKind.OperatingChange, 6, "AU", "Jobcenter Norddjurs",
            ItemStatus.Completed, Health.Green,
            "Q1 2025", "Q1 2025", "AU", "2025-02-20",
            CrossCutting: false, Med: false, "24/15244",
            null,
            [500, 500, 0, 0]),

        new SampleItemSpec(
            "AU-D6",
            "Tilpasning af jobcentrets organisering til beskæftigelsesreformen",
            "Den nationale beskæftigelsesreform giver kommunerne færre proceskrav og et nyt finansieringssystem. Jobcentrets organisering og indsatser tilpasses, og budgettet justeres, når reformens økonomiske konsekvenser er kendt.",
            ItemKind.OperatingChange, 6, "AU", "Jobcenter Norddjurs",
            ItemStatus.NotStarted, Health.Yellow,
            "Q1 2026", "Q1 2026", null, null,
            CrossCutting: false, Med: true, "25/1842",
            "Afventer vedtagelse af lovgivningen om den nye beskæftigelsesindsats.",
            [0, -1500, -3000, -3000]),

        // ---------------------------------------------------------------------------------------------
        // Børne- og ungdomsudvalget
        // ---------------------------------------------------------------------------------------------
        new SampleItemSpec(
            "BUU-D1",
            "Ny daginstitutionsstruktur i Grenaa og omegn",
            "På baggrund af faldende børnetal og bygningernes stand udarbejdes forslag til en ny struktur for daginstitutionerne i Grenaa og omegn. Forslaget sendes i høring hos forældrebestyrelser og MED-udvalg, før det behandles politisk.",
            ItemKind.OperatingChange, 3, "BUU", "Skole og Dagtilbud",
            ItemStatus.InProgress, Health.Yellow,
            "Q4 2025", "Q4 2025", "BUU", null,
            CrossCutting: false, Med: true, "24/16102",
            "Inddragelse af forældrebestyrelserne og høring planlægges efter sommerferien.",
            [0, -500, -1500, -2000]),

        new SampleItemSpec(
            "BUU-D2",
            "Styrket specialundervisning i almenskolen",
            "Flere elever skal kunne modtage undervisning i almenskolen gennem inkluderende læringsmiljøer, co-teaching og ressourcecentre på skolerne. Midlerne anvendes til kompetenceudvikling og ekstra personale i indskolingen.",
            ItemKind.OperatingChange, 3, "BUU", "Skole og Dagtilbud",
            ItemStatus.InProgress, Health.Yellow,
            "Q3 2025", "Q3 2025", "BUU", "2025-03-10",
            CrossCutting: false, Med: true, "24/16108",
            "Flere elever er visiteret til specialtilbud end forudsat; udviklingen følges ved budgetopfølgningen.",
            [2000, 2000, 2000, 2000]),

        new SampleItemSpec(
            "BUU-D3",
            "PPR – kortere ventetid og tidlig indsats",
            "Pædagogisk Psykologisk Rådgivning tilføres to psykologstillinger for at nedbringe ventetiden på udredninger og styrke den konsultative bistand til skoler og dagtilbud.",
            ItemKind.OperatingChange, 3, "BUU", "Skole og Dagtilbud",
            ItemStatus.Completed, Health.Green,
            "Q1 2025", "Q1 2025", "BUU", "2025-02-10",
            CrossCutting: false, Med: false, "24/16111",
            null,
            [600, 600, 600, 600]),

        new SampleItemSpec(
            "BUU-D4",
            "Minimumsnormeringer i dagtilbud",
            "Budgettet til dagtilbud tilpasses, så de lovbestemte minimumsnormeringer overholdes på kommuneniveau i hele budgetperioden.",
            ItemKind.OperatingChange, 3, "BUU", "Skole og Dagtilbud",
            ItemStatus.Completed, Health.Green,
            "Q1 2025", "Q1 2025", null, null,
            CrossCutting: false, Med: false, null,
            null,
            [1500, 1500, 1500, 1500]),

        new SampleItemSpec(
            "BUU-D5",
            "Tidlig forebyggende indsats for børn og familier",
            "Familieafdelingen styrker den tidlige og forebyggende indsats med familiebehandling i nærmiljøet og tværfaglige teams på skolerne. Indsatsen er en social investering, der på sigt skal mindske behovet for anbringelser.",
            ItemKind.OperatingChange, 3, "BUU", "Børn og Familie",
            ItemStatus.InProgress, Health.Green,
            "Q2 2025", "Q2 2025", "BUU", "2025-05-12",
            CrossCutting: false, Med: false, "24/16120",
            null,
            [1000, 500, 0, -1000]),

        new SampleItemSpec(
            "BUU-D6",
            "Handleplan for udgifterne til anbringelser",
            "Der udarbejdes en handleplan, der skal bringe udgifterne til anbringelser i balance med budgettet, bl.a. gennem flere netværks- og slægtsanbringelser og systematisk opfølgning på de dyreste foranstaltninger.",
            ItemKind.OperatingChange, 1, "BUU", "Børn og Familie",
            ItemStatus.ReadyForPoliticalTreatment, Health.Red,
            "Q2 2025", "Q3 2025", "BUU", "2025-08-11",
            CrossCutting: false, Med: false, "24/16124",
            "Flere akutte anbringelser i 1. kvartal end forudsat i budgettet; forventet merforbrug 4,5 mio. kr.",
            [-1000, -2000, -3000, -3000]),

        new SampleItemSpec(
            "BUU-A301",
            "Ny daginstitution i Auning",
            "Der opføres en ny daginstitution i Auning med plads til ca. 120 børn, som erstatter to ældre institutioner. Byggeriet forventes taget i brug i 2. kvartal 2027.",
            ItemKind.CapitalProject, 3, "BUU", "Ejendomscentret",
            ItemStatus.InProgress, Health.Green,
            "Q2 2027", "Q2 2027", "BUU", "2025-05-12",
            CrossCutting: false, Med: false, "24/16140",
            "Projektforslag og anlægsbevilling er godkendt. Udbud i totalentreprise i efteråret 2025.",
            [2500, 15000, 8000, 0]),

        new SampleItemSpec(
            "BUU-A302",
            "Afledt drift – ny daginstitution i Auning",
            "Afledt drift til rengøring, forsyning og vedligehold af den nye daginstitution fra ibrugtagningen. Driftsudgifterne i de to eksisterende institutioner er modregnet.",
            ItemKind.CapitalProject, 3, "BUU", "Skole og Dagtilbud",
            ItemStatus.NotStarted, Health.Green,
            "Q2 2027", "Q2 2027", null, null,
            CrossCutting: false, Med: false, "24/16140",
            null,
            [0, 0, 350, 700]),

        new SampleItemSpec(
            "BUU-A303",
            "Afledt drift – udvidelse af Ørsted Skole",
            "Afledt drift af den nye tilbygning med faglokaler på Ørsted Skole er indarbejdet i skolens budget fra 1. januar 2025.",
            ItemKind.CapitalProject, 3, "BUU", "Skole og Dagtilbud",
            ItemStatus.Completed, Health.Green,
            "Q1 2025", "Q1 2025", null, null,
            CrossCutting: false, Med: false, "23/9874",
            null,
            [350, 350, 350, 350]),

        new SampleItemSpec(
            "BUU-A304",
            "Renovering af faglokaler i folkeskolerne",
            "Pulje til modernisering af lokalerne til natur/teknologi, madkundskab samt håndværk og design på kommunens skoler. Skolerne prioriteres efter bygningsgennemgang og pædagogiske behov.",
            ItemKind.CapitalProject, 3, "BUU", "Ejendomscentret",
            ItemStatus.InProgress, Health.Green,
            "Q4 2025", "Q4 2025", null, null,
            CrossCutting: false, Med: false, "24/16152",
            null,
            [2500, 2500, 2500, 0]),

        // ---------------------------------------------------------------------------------------------
        // Social- og sundhedsudvalget
        // ---------------------------------------------------------------------------------------------
        new SampleItemSpec(
            "SSU-D1",
            "Selvstyrende teams i hjemmeplejen",
            "Hjemmeplejen organiseres i mindre, selvstyrende teams med fast tilknytning til de samme borgere. Organiseringen skal give større kontinuitet for borgerne, et bedre arbejdsmiljø og mindre tid brugt på koordinering.",
            ItemKind.OperatingChange, 3, "SSU", "Sundhed og Omsorg",
            ItemStatus.InProgress, Health.Yellow,
            "Q3 2025", "Q3 2025", "SSU", "2025-08-12",
            CrossCutting: false, Med: true, "24/17301",
            "Pilotprojekt i hjemmeplejens distrikt Nord; evaluering efter sommerferien.",
            [0, -800, -1500, -1500]),

        new SampleItemSpec(
            "SSU-D2",
            "Implementering af ny ældrelov og helhedspleje",
            "Den nye ældrelov træder i kraft 1. juli 2025. Visitation og levering af hjemmehjælp omlægges til helhedspleje med færre minutstyrede ydelser og mere selvbestemmelse for borgeren.",
            ItemKind.OperatingChange, 3, "SSU", "Sundhed og Omsorg",
            ItemStatus.ReadyForPoliticalTreatment, Health.Green,
            "Q2 2025", "Q2 2025", "SSU", "2025-06-10",
            CrossCutting: false, Med: true, "24/17305",
            "Sag om ny kvalitetsstandard for helhedspleje forelægges udvalget 10. juni 2025.",
            [1500, 1000, 1000, 1000]),

        new SampleItemSpec(
            "SSU-D3",
            "Hverdagsrehabilitering – rehabilitering før hjælp",
            "Alle nye borgere, der søger hjemmehjælp, tilbydes et rehabiliteringsforløb, før der visiteres til varig hjælp. Indsatsen styrkes med terapeuter i hjemmeplejen.",
            ItemKind.OperatingChange, 3, "SSU", "Sundhed og Omsorg",
            ItemStatus.InProgress, Health.Yellow,
            "Q2 2025", "Q2 2025", null, null,
            CrossCutting: false, Med: false, "24/17309",
            "Rekrutteringen af terapeuter tager længere tid end forventet.",
            [500, -500, -1000, -1000]),

        new SampleItemSpec(
            "SSU-D4",
            "Strategi for velfærdsteknologi 2025-2028",
            "Der udarbejdes en samlet strategi for velfærdsteknologi på ældre- og handicapområdet med prioriterede løsninger, fx skærmbesøg, sensorer og digitale medicindispensere. Gevinsterne indarbejdes i budgettet fra 2027.",
            ItemKind.OperatingChange, 3, "SSU", "Sundhed og Omsorg",
            ItemStatus.ReadyForPoliticalTreatment, Health.Green,
            "Q3 2025", "Q3 2025", "SSU", "2025-08-12",
            CrossCutting: false, Med: false, "24/17312",
            null,
            [800, 0, -500, -1000]),

        new SampleItemSpec(
            "SSU-D5",
            "Genoptræning – nedbringelse af ventetid",
            "Genoptræningscentret tilføres yderligere terapeutressourcer, så ventetiden på genoptræning efter sygehusophold kan overholde de lovbestemte frister.",
            ItemKind.OperatingChange, 3, "SSU", "Sundhed og Omsorg",
            ItemStatus.Completed, Health.Green,
            "Q1 2025", "Q1 2025", "SSU", "2025-03-11",
            CrossCutting: false, Med: false, "24/17315",
            null,
            [700, 700, 700, 700]),

        new SampleItemSpec(
            "SSU-D6",
            "Demografiregulering af ældreområdet",
            "Budgettet til ældreområdet reguleres for det stigende antal borgere over 80 år efter kommunens demografimodel. Reguleringen er indarbejdet i budgettet for 2025 og overslagsårene.",
            ItemKind.OperatingChange, 1, "SSU", "Økonomi og Personale",
            ItemStatus.Completed, Health.Green,
            "Q1 2025", "Q1 2025", null, null,
            CrossCutting: false, Med: false, null,
            null,
            [3500, 6000, 8500, 11000]),

        new SampleItemSpec(
            "SSU-D7",
            "Styrket bostøtte og akuttilbud i socialpsykiatrien",
            "Socialpsykiatrien styrker den fleksible bostøtte og udvider akuttilbuddets åbningstid, så borgere med psykiske vanskeligheder kan få hjælp hurtigt og i eget hjem.",
            ItemKind.OperatingChange, 3, "SSU", "Handicap og Psykiatri",
            ItemStatus.NotStarted, Health.Green,
            "Q3 2025", "Q3 2025", null, null,
            CrossCutting: false, Med: false, "24/17320",
            null,
            [900, 900, 900, 900]),

        new SampleItemSpec(
            "SSU-D8",
            "Handleplan for det specialiserede voksenområde",
            "Udgifterne på det specialiserede voksenområde bringes i balance gennem skærpet visitation, opfølgning på eksterne botilbud og flere pladser i egne tilbud. Handleplanen indgår i arbejdet med budgetoverholdelse.",
            ItemKind.OperatingChange, 1, "SSU", "Handicap og Psykiatri",
            ItemStatus.ReadyForPoliticalTreatment, Health.Red,
            "Q2 2025", "Q3 2025", "ØU", "2025-08-19",
            CrossCutting: false, Med: false, "24/17324",
            "Forventet merforbrug på 6,2 mio. kr. ved budgetopfølgningen pr. 31. marts. Handleplanen behandles i Social- og sundhedsudvalget og Økonomiudvalget.",
            [-2000, -3000, -3000, -3000]),

        new SampleItemSpec(
            "SSU-A401",
            "Plejecenter i Grenaa – servicearealer og fællesfaciliteter",
            "Der opføres et nyt plejecenter med 60 plejeboliger i Grenaa. Kommunen finansierer servicearealer og fællesfaciliteter, mens boligerne opføres som almene plejeboliger.",
            ItemKind.CapitalProject, 3, "SSU", "Ejendomscentret",
            ItemStatus.InProgress, Health.Red,
            "Q4 2027", "Q2 2028", "KB", null,
            CrossCutting: false, Med: false, "24/17340",
            "De indkomne tilbud ligger over anlægsrammen, og projektet tilpasses. Ny tidsplan forelægges med revideret anlægsbevilling.",
            [2000, 12000, 15000, 3000]),

        new SampleItemSpec(
            "SSU-A402",
            "Afledt drift – udvidelse af træningscentret i Grenaa",
            "Afledt drift af de nye træningslokaler er indarbejdet i Sundhed og Omsorgs budget fra 2025.",
            ItemKind.CapitalProject, 3, "SSU", "Sundhed og Omsorg",
            ItemStatus.Completed, Health.Green,
            "Q1 2025", "Q1 2025", null, null,
            CrossCutting: false, Med: false, "23/11402",
            null,
            [450, 450, 450, 450]),

        new SampleItemSpec(
            "SSU-A403",
            "Investeringspulje til velfærdsteknologi",
            "Puljen anvendes til indkøb og implementering af de velfærdsteknologiske løsninger, der er prioriteret i strategien for velfærdsteknologi (SSU-D4).",
            ItemKind.CapitalProject, 3, "SSU", "Sundhed og Omsorg",
            ItemStatus.NotStarted, Health.Green,
            "Q4 2025", "Q4 2025", null, null,
            CrossCutting: false, Med: false, "24/17345",
            null,
            [1500, 1500, 1000, 0]),

        // ---------------------------------------------------------------------------------------------
        // Kultur- og udviklingsudvalget
        // ---------------------------------------------------------------------------------------------
        new SampleItemSpec(
            "KUU-D1",
            "Norddjurs i bevægelse – bevægelsesstrategi",
            "Der udarbejdes en bevægelsesstrategi i samarbejde med foreninger, skoler og lokalsamfund, som skal få flere borgere i alle aldre til at bevæge sig. Midlerne anvendes til en tovholder og en pulje til lokale initiativer.",
            ItemKind.OperatingChange, 4, "KUU", "Kultur og Udvikling",
            ItemStatus.ReadyForPoliticalTreatment, Health.Green,
            "Q3 2025", "Q3 2025", "KUU", "2025-09-10",
            CrossCutting: false, Med: false, "24/18201",
            "Kommissoriet er godkendt 12. marts 2025. Strategien forelægges udvalget 10. september 2025.",
            [500, 500, 500, 500]),

        new SampleItemSpec(
            "KUU-D2",
            "Ny tilskudsmodel for haller og idrætsfaciliteter",
            "Tilskuddet til selvejende haller og idrætsfaciliteter omlægges til en ensartet model baseret på aktivitet og areal. Modellen skal give mere gennemsigtighed og en bedre udnyttelse af faciliteterne.",
            ItemKind.OperatingChange, 4, "KUU", "Kultur og Udvikling",
            ItemStatus.ReadyForPoliticalTreatment, Health.Yellow,
            "Q2 2025", "Q3 2025", "KUU", "2025-08-13",
            CrossCutting: false, Med: false, "24/18205",
            "Høringen af hallerne og Folkeoplysningsudvalget er afsluttet.",
            [0, -300, -300, -300]),

        new SampleItemSpec(
            "KUU-D3",
            "Ny samarbejdsaftale med VisitDjurs",
            "Samarbejdsaftalen med VisitDjurs om turismefremme fornyes med fokus på kystturisme og helårsturisme. Det kommunale tilskud tilpasses.",
            ItemKind.OperatingChange, 5, "KUU", "Kultur og Udvikling",
            ItemStatus.Completed, Health.Green,
            "Q1 2025", "Q1 2025", "KUU", "2025-02-12",
            CrossCutting: false, Med: false, "24/18210",
            null,
            [-200, -200, -200, -200]),

        new SampleItemSpec(
            "KUU-D4",
            "Partnerskab med foreningslivet om frivillighed",
            "Der indgås partnerskabsaftaler med foreninger og frivillige om aktiviteter for børn, unge og ældre. Midlerne anvendes til en frivillighedskoordinator og en mindre udviklingspulje.",
            ItemKind.OperatingChange, 5, "KUU", "Kultur og Udvikling",
            ItemStatus.NotStarted, Health.Green,
            "Q4 2025", "Q4 2025", null, null,
            CrossCutting: false, Med: false, "24/18214",
            null,
            [250, 250, 250, 250]),

        new SampleItemSpec(
            "KUU-A501",
            "Modernisering af idrætshallen i Ørum",
            "Hallen moderniseres med nyt gulv, bedre ventilation og tilgængelige omklædningsrum. Projektet gennemføres i samarbejde med hallens bestyrelse.",
            ItemKind.CapitalProject, 4, "KUU", "Ejendomscentret",
            ItemStatus.NotStarted, Health.Green,
            "Q2 2026", "Q2 2026", null, null,
            CrossCutting: false, Med: false, "24/18230",
            null,
            [0, 3000, 4500, 0]),

        new SampleItemSpec(
            "KUU-A502",
            "Aktivitetsparker og udendørs bevægelsesfaciliteter i landsbyerne",
            "Puljen giver tilskud til lokalråd og foreninger, der etablerer aktivitetsparker, trailbaner og udendørs fitness. Der stilles krav om lokal medfinansiering og drift.",
            ItemKind.CapitalProject, 4, "KUU", "Kultur og Udvikling",
            ItemStatus.InProgress, Health.Green,
            "Q4 2025", "Q4 2025", "KUU", "2025-05-14",
            CrossCutting: false, Med: false, "24/18234",
            null,
            [1500, 1500, 1500, 0]),

        new SampleItemSpec(
            "KUU-A503",
            "Afledt drift – kunstgræsbane i Auning",
            "Afledt drift af den nye kunstgræsbane er indarbejdet i driftsaftalen med idrætsforeningen fra 2025.",
            ItemKind.CapitalProject, 4, "KUU", "Kultur og Udvikling",
            ItemStatus.Completed, Health.Green,
            "Q1 2025", "Q1 2025", null, null,
            CrossCutting: false, Med: false, "23/10517",
            null,
            [150, 150, 150, 150]),

        new SampleItemSpec(
            "KUU-A504",
            "Udvikling af Grenaa Strand og kystturismen",
            "Der udarbejdes en helhedsplan for Grenaa Strand med nye faciliteter, stiforbindelser og bedre parkering. Projektet skal understøtte kystturismen og søges medfinansieret af fonde.",
            ItemKind.CapitalProject, 6, "KUU", "Kultur og Udvikling",
            ItemStatus.NotStarted, Health.Green,
            "Q1 2026", "Q1 2026", null, null,
            CrossCutting: false, Med: false, "24/18240",
            null,
            [0, 2000, 4000, 0]),

        // ---------------------------------------------------------------------------------------------
        // Miljø- og teknikudvalget
        // ---------------------------------------------------------------------------------------------
        new SampleItemSpec(
            "MTU-D1",
            "Løft af vejvedligeholdelsen",
            "Budgettet til asfaltbelægninger og vejafvanding øges for at bremse forfaldet på det kommunale vejnet. Indsatsen prioriteres efter vejenes tilstand og trafikmængde.",
            ItemKind.OperatingChange, 6, "MTU", "Vej og Park",
            ItemStatus.InProgress, Health.Green,
            "Q2 2025", "Q2 2025", "MTU", "2025-04-10",
            CrossCutting: false, Med: false, "24/19101",
            null,
            [3000, 3000, 3000, 3000]),

        new SampleItemSpec(
            "MTU-D2",
            "Klimatilpasning – kystbeskyttelse og skybrudsplan",
            "Der udarbejdes en samlet klimatilpasningsplan med kortlægning af risikoen for oversvømmelse fra hav, vandløb og skybrud. Planen skal danne grundlag for prioritering af kystbeskyttelse og anlægsprojekter.",
            ItemKind.OperatingChange, 7, "MTU", "Natur og Miljø",
            ItemStatus.ReadyForPoliticalTreatment, Health.Green,
            "Q2 2025", "Q2 2025", "MTU", "2025-06-12",
            CrossCutting: false, Med: false, "24/19105",
            null,
            [500, 500, 500, 500]),

        new SampleItemSpec(
            "MTU-D3",
            "Ny indsamlingsordning for tekstil og farligt affald",
            "Indsamlingen af tekstilaffald og farligt affald fra husstandene indføres i samarbejde med Reno Djurs, så kommunen lever op til de nationale krav om affaldssortering.",
            ItemKind.OperatingChange, 7, "MTU", "Natur og Miljø",
            ItemStatus.Completed, Health.Green,
            "Q1 2025", "Q1 2025", "MTU", "2025-01-16",
            CrossCutting: false, Med: false, "24/19108",
            "Takstfinansieret; ingen effekt på det skattefinansierede budget.",
            [0, 0, 0, 0]),

        new SampleItemSpec(
            "MTU-D4",
            "Naturpleje og biodiversitet på kommunale arealer",
            "Der udarbejdes plejeplaner for kommunens naturarealer med fokus på afgræsning, bekæmpelse af invasive arter og mere sammenhængende natur.",
            ItemKind.OperatingChange, 7, "MTU", "Vej og Park",
            ItemStatus.NotStarted, Health.Green,
            "Q3 2025", "Q3 2025", null, null,
            CrossCutting: false, Med: false, "24/19112",
            null,
            [400, 400, 400, 400]),

        new SampleItemSpec(
            "MTU-D5",
            "Kollektiv trafik – omlægning af lokalruter til flextur",
            "Lokalruter med få passagerer omlægges til flextur og telekørsel, mens skolebusruterne fastholdes. Omlægningen sker i samarbejde med Midttrafik.",
            ItemKind.OperatingChange, 6, "MTU", "Vej og Park",
            ItemStatus.ReadyForPoliticalTreatment, Health.Yellow,
            "Q3 2025", "Q3 2025", "MTU", "2025-08-14",
            CrossCutting: false, Med: false, "24/19115",
            "Køreplansskiftet hos Midttrafik i august er første mulighed; ellers forskydes effekten til 2026.",
            [-500, -1000, -1000, -1000]),

        new SampleItemSpec(
            "MTU-D6",
            "Klimahandleplan for den grønne omstilling",
            "Kommunens DK2020-klimaplan omsættes i en handleplan for 2025-2028 med konkrete tiltag for energi, transport og landbrug. Der afrapporteres årligt på CO2-reduktionen.",
            ItemKind.OperatingChange, 7, "MTU", "Natur og Miljø",
            ItemStatus.NotStarted, Health.Green,
            "Q4 2025", "Q4 2025", null, null,
            CrossCutting: false, Med: false, "24/19118",
            null,
            [300, 300, 300, 300]),

        new SampleItemSpec(
            "MTU-A601",
            "Cykelsti mellem Grenaa og Hammelev",
            "Der anlægges en dobbeltrettet cykelsti langs landevejen mellem Grenaa og Hammelev, så skolebørn og pendlere får en sikker forbindelse. Projektet er medfinansieret af Vejdirektoratets cykelpulje.",
            ItemKind.CapitalProject, 4, "MTU", "Vej og Park",
            ItemStatus.InProgress, Health.Red,
            "Q3 2025", "Q1 2026", "MTU", null,
            CrossCutting: false, Med: false, "24/19130",
            "Ekspropriationen er forsinket; der mangler aftaler med tre lodsejere.",
            [2500, 9000, 0, 0]),

        new SampleItemSpec(
            "MTU-A602",
            "Trafiksikkerhedspulje – sikre skoleveje",
            "Puljen anvendes til hastighedsdæmpning, krydsningsheller og belysning ved skoleveje, prioriteret efter trafiksikkerhedsplanen og skolernes ønsker.",
            ItemKind.CapitalProject, 4, "MTU", "Vej og Park",
            ItemStatus.InProgress, Health.Green,
            "Q4 2025", "Q4 2025", null, null,
            CrossCutting: false, Med: false, "24/19133",
            null,
            [2000, 2000, 2000, 2000]),

        new SampleItemSpec(
            "MTU-A603",
            "Skybrudssikring i Grenaa midtby",
            "På baggrund af klimatilpasningsplanen (MTU-D2) projekteres løsninger, der kan håndtere regnvand på overfladen i Grenaa midtby. Projektet gennemføres i samarbejde med forsyningsselskabet.",
            ItemKind.CapitalProject, 7, "MTU", "Natur og Miljø",
            ItemStatus.NotStarted, Health.Green,
            "Q2 2026", "Q2 2026", null, null,
            CrossCutting: false, Med: false, "24/19137",
            null,
            [0, 3000, 6000, 6000]),

        new SampleItemSpec(
            "MTU-A604",
            "Ladeinfrastruktur til kommunens køretøjer",
            "Der etableres ladestandere ved kommunale arbejdspladser, så flere af kommunens køretøjer kan udskiftes til elbiler. Projektet udmøntes i sammenhæng med flådestyringsenheden (ØU-D4).",
            ItemKind.CapitalProject, 7, "MTU", "Vej og Park",
            ItemStatus.NotStarted, Health.Yellow,
            "Q4 2025", "Q4 2025", null, null,
            CrossCutting: true, Med: false, "24/19140",
            "Afventer flådestyringsenhedens kortlægning af behovet.",
            [1500, 1500, 0, 0]),

        new SampleItemSpec(
            "MTU-A605",
            "Afledt drift – nye stier og grønne områder",
            "Afledt drift af de stier og grønne områder, der blev anlagt i 2024, er indarbejdet i Vej og Parks driftsbudget.",
            ItemKind.CapitalProject, 7, "MTU", "Vej og Park",
            ItemStatus.Completed, Health.Green,
            "Q1 2025", "Q1 2025", null, null,
            CrossCutting: false, Med: false, "23/12208",
            null,
            [120, 120, 120, 120]),

        new SampleItemSpec(
            "MTU-A606",
            "Renovering af broer og bygværker",
            "Løbende pulje til renovering af kommunale broer og bygværker efter de årlige eftersyn. Arbejderne prioriteres efter tilstand og trafiksikkerhed.",
            ItemKind.CapitalProject, 6, "MTU", "Vej og Park",
            ItemStatus.InProgress, Health.Green,
            null, null, null, null,
            CrossCutting: false, Med: false, "24/19145",
            null,
            [2500, 2500, 2500, 2500]),

        // ---------------------------------------------------------------------------------------------
        // Hensigtserklæringer, grupperet efter budgetaftalens hovedpunkter
        // ---------------------------------------------------------------------------------------------

        // 1. Økonomisk politik
        new SampleItemSpec(
            "KB-H1",
            "Robust økonomi med en gennemsnitlig likviditet på mindst 150 mio. kr.",
            "Aftaleparterne er enige om, at kommunens økonomi fortsat skal være robust med en gennemsnitlig likviditet efter kassekreditreglen på mindst 150 mio. kr. Målsætningen indarbejdes i den økonomiske politik ved budget 2026-2029.",
            ItemKind.IntentDeclaration, 1, "KB", "Fællesforvaltningsdirektør",
            ItemStatus.ReadyForPoliticalTreatment, Health.Green,
            "Q3 2025", "Q3 2025", "ØU", "2025-08-19",
            CrossCutting: false, Med: false, "24/21801",
            null,
            [0, 0, 0, 0]),

        new SampleItemSpec(
            "KB-H2",
            "Langsigtet investeringsplan for anlæg",
            "Der udarbejdes en 10-årig investeringsplan, som samler behovet for anlæg på skoler, dagtilbud, plejecentre, veje og idrætsfaciliteter. Planen skal understøtte en stabil anlægsprioritering på tværs af udvalgene.",
            ItemKind.IntentDeclaration, 1, "KB", "Økonomi og Personale",
            ItemStatus.NotStarted, Health.Green,
            "Q3 2025", "Q3 2025", "ØU", "2025-09-02",
            CrossCutting: false, Med: false, "24/21805",
            null,
            [0, 0, 0, 0]),

        // 2. Politiske visioner
        new SampleItemSpec(
            "KB-H3",
            "Plan- og Udviklingsstrategien omsættes i politikker og handleplaner",
            "Plan- og Udviklingsstrategien fra november 2023 skal være retningsgivende for kommunens politikker og handleplaner. Fagudvalgene gennemgår deres politikker med afsæt i strategiens fokus på natur, prioritering af arealer og den grønne omstilling.",
            ItemKind.IntentDeclaration, 2, "KB", "Kommunaldirektør",
            ItemStatus.InProgress, Health.Green,
            "Q4 2025", "Q4 2025", "KB", null,
            CrossCutting: false, Med: false, "23/14410",
            null,
            [0, 0, 0, 0]),

        new SampleItemSpec(
            "KB-H4",
            "Styrket borgerinddragelse og nærdemokrati",
            "Aftaleparterne ønsker nye former for borgerinddragelse, fx borgersamlinger og digitale høringer, så borgere og lokalsamfund inddrages tidligt i større beslutninger.",
            ItemKind.IntentDeclaration, 2, "KB", "Sekretariat og Jura",
            ItemStatus.NotStarted, Health.Green,
            "Q1 2026", "Q1 2026", null, null,
            CrossCutting: false, Med: false, "24/21812",
            null,
            [0, 0, 0, 0]),

        new SampleItemSpec(
            "KB-H5",
            "Vores Norddjurs – tillid, ordentlighed, udvikling og fællesskab",
            "Værdierne i Vores Norddjurs skal præge ledelse og samarbejde i hele organisationen. Værdigrundlaget er drøftet i Hovedudvalget og indgår i ledelsesgrundlaget og Kursen for 2025.",
            ItemKind.IntentDeclaration, 2, "KB", "Kommunaldirektør",
            ItemStatus.Completed, Health.Green,
            "Q1 2025", "Q1 2025", null, null,
            CrossCutting: false, Med: true, null,
            null,
            [0, 0, 0, 0]),

        // 3. Sociale investeringer, Fremtidens velfærd, Skoler og dagtilbud
        new SampleItemSpec(
            "KB-H6",
            "Model for sociale investeringer med dokumenteret effekt",
            "Aftaleparterne ønsker en fast model for sociale investeringer, hvor indsatser, der forventes at give besparelser på sigt, kan finansieres af en investeringspulje og følges med systematisk effektmåling.",
            ItemKind.IntentDeclaration, 3, "KB", "Økonomi og Personale",
            ItemStatus.NotStarted, Health.Green,
            "Q2 2026", "Q2 2026", null, null,
            CrossCutting: false, Med: false, "24/21818",
            null,
            [0, 0, 0, 0]),

        new SampleItemSpec(
            "BUU-H1",
            "Analyse af fremtidens skole- og dagtilbudsstruktur",
            "Aftaleparterne ønsker en analyse af, hvordan skoler og dagtilbud i hele kommunen kan indrettes til faldende børnetal med fortsat høj faglig kvalitet. Analysen udarbejdes med inddragelse af bestyrelser og lokalsamfund.",
            ItemKind.IntentDeclaration, 3, "BUU", "Skole og Dagtilbud",
            ItemStatus.NotStarted, Health.Green,
            "Q1 2026", "Q1 2026", null, null,
            CrossCutting: false, Med: false, "24/16160",
            null,
            [0, 0, 0, 0]),

        // 4. Norddjurs i bevægelse
        new SampleItemSpec(
            "KB-H7",
            "Hele Norddjurs i bevægelse",
            "Aftaleparterne ønsker, at bevægelse tænkes ind i alle kommunens politikområder, fra dagtilbud og skoler til ældreområdet og byplanlægningen, med fælles mål for borgernes fysiske aktivitet.",
            ItemKind.IntentDeclaration, 4, "KB", "Kultur og Udvikling",
            ItemStatus.InProgress, Health.Green,
            "Q4 2025", "Q4 2025", null, null,
            CrossCutting: false, Med: false, "24/18250",
            null,
            [0, 0, 0, 0]),

        // 5. Partnerskaber
        new SampleItemSpec(
            "KB-H8",
            "Partnerskaber med erhvervsliv, uddannelsesinstitutioner og civilsamfund",
            "Kommunen skal i højere grad løse opgaver i partnerskab med virksomheder, uddannelsesinstitutioner, foreninger og frivillige. Der udarbejdes fælles principper for partnerskaber og en oversigt over de eksisterende samarbejder.",
            ItemKind.IntentDeclaration, 5, "KB", "Fællesforvaltningsdirektør",
            ItemStatus.InProgress, Health.Yellow,
            "Q3 2025", "Q4 2025", null, null,
            CrossCutting: false, Med: false, "24/21825",
            null,
            [0, 0, 0, 0]),

        new SampleItemSpec(
            "AU-H1",
            "Partnerskab med virksomheder om rekruttering og fastholdelse",
            "Aftaleparterne ønsker, at jobcentret indgår partnerskaber med lokale virksomheder og brancheorganisationer om at sikre kvalificeret arbejdskraft, fx gennem brancheforløb og opkvalificering.",
            ItemKind.IntentDeclaration, 5, "AU", "Jobcenter Norddjurs",
            ItemStatus.InProgress, Health.Green,
            "Q3 2025", "Q3 2025", "AU", "2025-09-18",
            CrossCutting: false, Med: false, "24/15250",
            null,
            [0, 0, 0, 0]),

        new SampleItemSpec(
            "SSU-H1",
            "Samarbejde med Region Midtjylland om nære sundhedstilbud i Grenaa",
            "Aftaleparterne ønsker, at kommunen i partnerskab med Region Midtjylland og de praktiserende læger arbejder for flere nære sundhedstilbud i Grenaa, fx et sundhedshus med speciallæger og kommunale tilbud. Arbejdet ses i sammenhæng med sundhedsreformen.",
            ItemKind.IntentDeclaration, 5, "SSU", "Sundhed og Omsorg",
            ItemStatus.InProgress, Health.Green,
            "Q4 2025", "Q4 2025", null, null,
            CrossCutting: false, Med: false, "24/17350",
            null,
            [0, 0, 0, 0]),

        new SampleItemSpec(
            "KUU-H1",
            "Partnerskab med lokalrådene om udvikling af landsbyerne",
            "Aftaleparterne ønsker et tættere partnerskab med lokalrådene om udviklingsplaner for landsbyerne, herunder boliger, mødesteder og lokale fællesskaber.",
            ItemKind.IntentDeclaration, 5, "KUU", "Kultur og Udvikling",
            ItemStatus.NotStarted, Health.Green,
            "Q1 2026", "Q1 2026", null, null,
            CrossCutting: false, Med: false, "24/18255",
            null,
            [0, 0, 0, 0]),

        // 6. Vækst, erhverv og beskæftigelse
        new SampleItemSpec(
            "KB-H9",
            "Grenaa Havn og energiprojekterne i Kattegat som vækstmotor",
            "Aftaleparterne vil arbejde for, at Grenaa Havn og de store energiprojekter i Kattegat skaber arbejdspladser og bosætning i hele kommunen. Der arbejdes tæt sammen med havnen, erhvervsrådet og uddannelsesinstitutionerne.",
            ItemKind.IntentDeclaration, 6, "KB", "Kultur og Udvikling",
            ItemStatus.InProgress, Health.Green,
            "Q4 2025", "Q4 2025", "ØU", null,
            CrossCutting: false, Med: false, "24/21830",
            null,
            [0, 0, 0, 0]),

        // 7. Klima, miljø, natur og den grønne omstilling
        new SampleItemSpec(
            "KB-H10",
            "Mere vedvarende energi og grøn energiproduktion",
            "Aftaleparterne ønsker, at der planlægges for mere vedvarende energi på land, fx solceller og vindmøller, i balance med natur og naboer og med lokalt medejerskab og grønne puljer.",
            ItemKind.IntentDeclaration, 7, "KB", "Natur og Miljø",
            ItemStatus.NotStarted, Health.Green,
            "Q1 2026", "Q1 2026", null, null,
            CrossCutting: false, Med: false, "24/21834",
            null,
            [0, 0, 0, 0]),

        new SampleItemSpec(
            "MTU-H1",
            "Skovrejsning og beskyttelse af grundvandet",
            "Aftaleparterne ønsker, at kommunen arbejder for mere skov og natur i områder med særlige drikkevandsinteresser, bl.a. i samarbejde med lodsejere, vandværker og statslige puljer.",
            ItemKind.IntentDeclaration, 7, "MTU", "Natur og Miljø",
            ItemStatus.NotStarted, Health.Green,
            "Q2 2026", "Q2 2026", null, null,
            CrossCutting: false, Med: false, "24/19150",
            null,
            [0, 0, 0, 0]),
    ];
}
