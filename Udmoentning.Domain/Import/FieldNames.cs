namespace Udmoentning.Domain.Import;

/// <summary>The Danish names of import fields, as the preview and the problems name them.</summary>
public static class FieldNames
{
    public static string Name(this ImportField field) => field switch
    {
        ImportField.Ignore => "Læses ikke",
        ImportField.Code => "Nummer",
        ImportField.Title => "Titel",
        ImportField.Description => "Beskrivelse",
        ImportField.Kind => "Type",
        ImportField.Theme => "Hovedpunkt",
        ImportField.Committee => "Ansvarligt udvalg",
        ImportField.ResponsibleUnit => "Ansvarlig",
        ImportField.CrossCutting => "Tværgående",
        ImportField.Med => "MED-inddragelse",
        ImportField.Timing => "Vejledende tidspunkt",
        ImportField.BaselineTiming => "Oprindeligt tidspunkt",
        ImportField.Treatment => "Politisk behandling",
        ImportField.Status => "Status",
        ImportField.Health => "Tilstand",
        ImportField.CaseNumber => "Sagsnummer",
        ImportField.Notes => "Noter",
        ImportField.Amount => "Beløb",
        _ => field.ToString(),
    };
}
