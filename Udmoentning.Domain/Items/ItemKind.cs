namespace Udmoentning.Domain.Items;

public enum ItemKind
{
    /// <summary>Driftsændring: a change to running costs agreed in the budget.</summary>
    OperatingChange = 1,

    /// <summary>Råderumsforslag: a proposal from the råderumskatalog; concerns every committee.</summary>
    FiscalLeewayProposal = 2,

    /// <summary>Anlægsprojekt: a construction or investment project.</summary>
    CapitalProject = 3,

    /// <summary>Hensigtserklæring: a declaration of intent in the agreement.</summary>
    IntentDeclaration = 4,
}
