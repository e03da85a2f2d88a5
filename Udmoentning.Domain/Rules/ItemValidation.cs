using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Domain.Rules;

/// <summary>The input rules for an item's details, with Danish messages per field.</summary>
public static class ItemValidation
{
    public static IReadOnlyList<FieldError> Validate(ItemDetails details, Plan plan)
    {
        var errors = new List<FieldError>();

        void Text(string field, string label, string? value, int max, bool required, bool multiLine = false)
        {
            var message = TextRules.Check(value, max, label, required, multiLine);
            if (message is not null)
            {
                errors.Add(new FieldError(field, message));
            }
        }

        Text(nameof(details.Code), "Nummer", details.Code, Limits.CodeLength, required: true);
        if (!string.IsNullOrWhiteSpace(details.Code) && details.Code.Trim().Length <= Limits.CodeLength && !TextRules.IsItemCode(details.Code.Trim()))
        {
            errors.Add(new FieldError(nameof(details.Code), "Nummer må kun bestå af bogstaver, tal, mellemrum, bindestreg, punktum og skråstreg, fx \"AU-D3\"."));
        }

        Text(nameof(details.Title), "Titel", details.Title, Limits.TitleLength, required: true);
        Text(nameof(details.Description), "Beskrivelse", details.Description, Limits.DescriptionLength, required: false, multiLine: true);
        Text(nameof(details.ResponsibleUnit), "Ansvarlig", details.ResponsibleUnit, Limits.ResponsibleUnitLength, required: false);
        Text(nameof(details.Notes), "Noter", details.Notes, Limits.NotesLength, required: false, multiLine: true);
        Text(nameof(details.CaseNumber), "Sagsnummer", details.CaseNumber, Limits.CaseNumberLength, required: false);
        if (!string.IsNullOrWhiteSpace(details.CaseNumber) && !TextRules.IsCaseNumber(details.CaseNumber.Trim()))
        {
            errors.Add(new FieldError(nameof(details.CaseNumber), "Sagsnummer skal skrives som år/løbenummer, fx \"24/12780\"."));
        }

        if (!Enum.IsDefined(details.Kind))
        {
            errors.Add(new FieldError(nameof(details.Kind), "Vælg en type."));
        }

        if (!Enum.IsDefined(details.Health))
        {
            errors.Add(new FieldError(nameof(details.Health), "Vælg en tilstand (grøn, gul eller rød)."));
        }

        if (plan.Themes.All(t => t.Id != details.ThemeId))
        {
            errors.Add(new FieldError(nameof(details.ThemeId), "Vælg et af planens hovedpunkter."));
        }

        if (details.CommitteeId <= 0)
        {
            errors.Add(new FieldError(nameof(details.CommitteeId), "Vælg det ansvarlige udvalg."));
        }

        if (details.TreatmentMeetingId is not null && details.TreatmentCommitteeId is null)
        {
            errors.Add(new FieldError(nameof(details.TreatmentCommitteeId), "Vælg udvalget, der behandler punktet, før mødet."));
        }

        foreach (var effect in details.Effects)
        {
            if (!plan.CoversYear(effect.Year))
            {
                errors.Add(new FieldError(nameof(details.Effects),
                    $"{effect.Year} er ikke et budgetår i planen ({plan.FirstBudgetYear}-{plan.LastBudgetYear})."));
            }
            else if (Math.Abs((long)effect.AmountThousands) > Limits.MaxAmountThousands)
            {
                errors.Add(new FieldError(nameof(details.Effects),
                    $"Beløbet for {effect.Year} er for stort: højst {Amounts.Format(Limits.MaxAmountThousands)} (1.000 kr.)."));
            }
        }

        if (details.Effects.GroupBy(e => e.Year).Any(g => g.Count() > 1))
        {
            errors.Add(new FieldError(nameof(details.Effects), "Hvert budgetår må kun stå én gang."));
        }

        return errors;
    }
}
