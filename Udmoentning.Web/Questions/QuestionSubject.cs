using Udmoentning.Domain.Items;
using Udmoentning.Domain.Questions;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Questions;

/// <summary>
/// What a question is about, as every page and document names it ("BUU-A301 Ny daginstitution", "Hovedpunkt 2. Effektiv
/// administration", "Udvalg: Børne- og Ungeudvalget", "Hele planen"), with the committee and theme it belongs to for the
/// filters: an item's own, a theme's or a committee's.
/// </summary>
public sealed record QuestionSubject(string Label, int? CommitteeId, int? ThemeId, PlanItem? Item)
{
    public const string WholePlan = "Hele planen";

    /// <summary>A subject no longer in the plan (an item deleted since) keeps a plain label.</summary>
    public static QuestionSubject Of(PlanSnapshot plan, QuestionScope scope, int? subjectId)
    {
        switch (scope)
        {
            case QuestionScope.Item when subjectId is { } id && plan.Item(id) is { } item:
                return new QuestionSubject($"{item.Code} {item.Title}", item.CommitteeId, item.ThemeId, item);
            case QuestionScope.Theme when subjectId is { } id && plan.Theme(id) is { } theme:
                return new QuestionSubject($"Hovedpunkt {theme.Position}. {theme.Name}", null, theme.Id, null);
            case QuestionScope.Committee when plan.Committee(subjectId) is { } committee:
                return new QuestionSubject($"Udvalg: {committee.Name}", committee.Id, null, null);
            case QuestionScope.Plan:
                return new QuestionSubject(WholePlan, null, null, null);
            default:
                return new QuestionSubject(scope switch
                {
                    QuestionScope.Item => "Et punkt, der ikke længere er i planen",
                    QuestionScope.Theme => "Et hovedpunkt, der ikke længere er i planen",
                    _ => "Et udvalg, der ikke længere findes",
                }, null, null, null);
        }
    }
}
