using System.ComponentModel;
using System.Reflection;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;
using Microsoft.OData.ModelBuilder;

namespace Udmoentning.Web.Feed;

/// <summary>
/// The feed's entity data model (<c>/odata/$metadata</c>): one entity set per kind of row in <see cref="FeedRows"/>'s
/// file, with every type, property and set described in Danish from the rows' <see cref="DescriptionAttribute"/>s.
/// </summary>
public static class FeedModel
{
    public const string Namespace = "Udmoentning";

    /// <summary>The entity sets and their Danish descriptions, in the order a service document lists them.</summary>
    public static readonly IReadOnlyList<(string Name, Type Row, string Description)> Sets =
    [
        ("Plans", typeof(FeedPlan), "Planerne."),
        ("Themes", typeof(FeedTheme), "Planernes hovedpunkter."),
        ("Committees", typeof(FeedCommittee), "Udvalgene."),
        ("Meetings", typeof(FeedMeeting), "Udvalgenes møder."),
        ("Items", typeof(FeedItem), "Planernes punkter, med beløb ($expand=Amounts) og kontrolpunkter ($expand=Checkpoints)."),
        ("Amounts", typeof(FeedAmount), "Punkternes beløb pr. budgetår."),
        ("Checkpoints", typeof(FeedCheckpoint), "Punkternes nåede kontrolpunkter."),
        ("History", typeof(FeedHistoryEntry), "Alle ændringer af punkterne: hvem, hvornår, før og efter."),
        ("Rounds", typeof(FeedRound), "Opfølgningsrunderne, med svar ($expand=Answers)."),
        ("RoundAnswers", typeof(FeedRoundAnswer), "Opfølgningsrundernes svar."),
        ("FollowUps", typeof(FeedFollowUp), "Budgetopfølgningerne (øjebliksbilleder), med punkterne som de stod ($expand=Items)."),
        ("FollowUpItems", typeof(FeedFollowUpItem), "Punkterne, som de stod i budgetopfølgningerne."),
        ("AccountLines", typeof(FeedAccountLine), "Konteringerne: punkternes beløb fordelt på kontostrenge."),
        ("LedgerExtracts", typeof(FeedLedgerExtract), "Udtrækkene fra økonomisystemet, med budget og forbrug ($expand=Balances)."),
        ("LedgerBalances", typeof(FeedLedgerBalance), "Budget og forbrug pr. kontostreng og år fra udtrækkene."),
        ("Questions", typeof(FeedQuestion), "De offentliggjorte spørgsmål og svar."),
    ];

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "Udmoentning" };
        var entitySet = typeof(ODataModelBuilder).GetMethods().Single(m => m.Name == nameof(ODataModelBuilder.EntitySet) && m.IsGenericMethod);
        foreach (var (name, row, _) in Sets)
        {
            entitySet.MakeGenericMethod(row).Invoke(builder, [name]);
        }

        builder.ComplexType<FeedFieldChange>();
        builder.ComplexType<FeedYearAmount>();
        foreach (var type in builder.StructuralTypes)
        {
            // "Item", not "FeedItem": the name a report shows.
            type.Name = type.Name.StartsWith("Feed", StringComparison.Ordinal) ? type.Name["Feed".Length..] : type.Name;
        }

        var model = (EdmModel)builder.GetEdmModel();
        Describe(model);
        return model;
    }

    private static void Describe(EdmModel model)
    {
        foreach (var (name, row, description) in Sets)
        {
            model.SetDescriptionAnnotation(model.EntityContainer.FindEntitySet(name), description);
        }

        foreach (var type in model.SchemaElements.OfType<IEdmStructuredType>())
        {
            var clr = model.GetAnnotationValue<ClrTypeAnnotation>(type)?.ClrType;
            if (clr is null)
            {
                continue;
            }

            if (clr.GetCustomAttribute<DescriptionAttribute>() is { } typeText)
            {
                model.SetDescriptionAnnotation((IEdmVocabularyAnnotatable)type, typeText.Description);
            }

            foreach (var property in type.DeclaredProperties)
            {
                if (clr.GetProperty(property.Name)?.GetCustomAttribute<DescriptionAttribute>() is { } text)
                {
                    model.SetDescriptionAnnotation(property, text.Description);
                }
            }
        }
    }
}
