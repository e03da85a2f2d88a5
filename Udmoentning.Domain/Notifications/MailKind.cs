namespace Udmoentning.Domain.Notifications;

/// <summary>What a mail is about; each person chooses per kind how (or whether) they get it (<see cref="MailDelivery"/>).</summary>
public enum MailKind
{
    /// <summary>A follow-up round was opened and asks the person to report on their items.</summary>
    RoundOpened = 1,

    /// <summary>A round's deadline is near, or has passed, and some of the person's items are not ready.</summary>
    RoundReminder = 2,

    /// <summary>Someone mentioned the person (or a committee they edit for) in a comment.</summary>
    Mention = 3,

    /// <summary>A coordination step waits for someone who may mark it.</summary>
    Coordination = 4,

    /// <summary>The week's changes to the items the person is responsible for; for coordinators, the whole plan's.</summary>
    WeeklyDigest = 5,

    /// <summary>The day's mails of the kinds the person chose to get once a day, in one mail.</summary>
    DailyDigest = 6,

    /// <summary>A politician's question was assigned to the person, or the answer to the person's own question was published.</summary>
    Question = 7,
}

/// <summary>How a person gets the mails of one kind.</summary>
public enum MailDelivery
{
    /// <summary>Straks: each mail when it happens.</summary>
    AtOnce = 0,

    /// <summary>Dagligt: collected in one mail a day.</summary>
    Daily = 1,

    /// <summary>Fra: not at all.</summary>
    Off = 2,
}

/// <summary>The kinds a person chooses between, their Danish names, and the default for a person who has not chosen.</summary>
public static class MailKinds
{
    /// <summary>The kinds shown on the settings page, in this order.</summary>
    public static IReadOnlyList<MailKind> Chosen { get; } =
        [MailKind.RoundOpened, MailKind.RoundReminder, MailKind.Mention, MailKind.Coordination, MailKind.Question, MailKind.WeeklyDigest];

    public static string Name(this MailKind kind) => kind switch
    {
        MailKind.RoundOpened => "Ny opfølgningsrunde",
        MailKind.RoundReminder => "Påmindelse om en frist i en runde",
        MailKind.Mention => "Du er nævnt i en kommentar",
        MailKind.Coordination => "Et kontrolpunkt venter på dig",
        MailKind.Question => "Spørgsmål til dig, og svar på dine",
        MailKind.WeeklyDigest => "Ugens ændringer",
        MailKind.DailyDigest => "Dagens mails samlet",
        _ => kind.ToString(),
    };

    public static string Name(this MailDelivery delivery) => delivery switch
    {
        MailDelivery.AtOnce => "Straks",
        MailDelivery.Daily => "Samlet én gang om dagen",
        MailDelivery.Off => "Fra",
        _ => delivery.ToString(),
    };

    /// <summary>A digest is already a collection: it is sent or not, never collected again.</summary>
    public static bool MayCollect(MailKind kind) => kind is not (MailKind.WeeklyDigest or MailKind.DailyDigest);

    /// <summary>The deliveries the person may choose for <paramref name="kind"/>.</summary>
    public static IReadOnlyList<MailDelivery> Choices(MailKind kind) =>
        MayCollect(kind) ? [MailDelivery.AtOnce, MailDelivery.Daily, MailDelivery.Off] : [MailDelivery.AtOnce, MailDelivery.Off];

    /// <summary>Until a person chooses, every kind comes at once: what the round or colleague asks is what the mail is for.</summary>
    public static MailDelivery Default(MailKind kind) => MailDelivery.AtOnce;

    public static bool IsValid(MailKind kind, MailDelivery delivery) =>
        Chosen.Contains(kind) && Choices(kind).Contains(delivery);
}
