namespace Udmoentning.Domain.Items;

/// <summary>The Danish names the plan uses for kinds, statuses and health.</summary>
public static class DanishNames
{
    public static string Name(this ItemKind kind) => kind switch
    {
        ItemKind.OperatingChange => "Driftsændring",
        ItemKind.FiscalLeewayProposal => "Råderumsforslag",
        ItemKind.CapitalProject => "Anlægsprojekt",
        ItemKind.IntentDeclaration => "Hensigtserklæring",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Name(this ItemStatus status) => status switch
    {
        ItemStatus.NotStarted => "Ikke påbegyndt",
        ItemStatus.InProgress => "I gang",
        ItemStatus.ReadyForPoliticalTreatment => "Klar til politisk behandling",
        ItemStatus.Completed => "Afsluttet",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Name(this Health health) => health switch
    {
        Health.Green => "Grøn",
        Health.Yellow => "Gul",
        Health.Red => "Rød",
        _ => throw new ArgumentOutOfRangeException(nameof(health), health, null),
    };
}
