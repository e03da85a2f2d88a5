namespace Udmoentning.Domain.Import;

/// <summary>Where a sheet's header row is and what each of its columns holds.</summary>
public sealed record SheetLayout(int HeaderIndex, IReadOnlyList<ColumnMapping> Columns)
{
    /// <summary>Rows scanned for the header row.</summary>
    public const int ScannedRows = 30;

    /// <summary>The Excel row number of the header row.</summary>
    public int HeaderRow => HeaderIndex + 1;

    /// <summary>How many columns are recognised; the sheet with the highest score is read.</summary>
    public int Score => Columns.Count(c => c.Field != ImportField.Ignore);

    public ColumnMapping? Column(ImportField field) => Columns.FirstOrDefault(c => c.Field == field);

    public IEnumerable<ColumnMapping> AmountColumns => Columns.Where(c => c.Field == ImportField.Amount && c.Year is not null);

    /// <summary>
    /// The first of the first <see cref="ScannedRows"/> rows with at least three recognised columns, one of them the
    /// title or the number; null when there is none.
    /// </summary>
    public static SheetLayout? Find(WorkbookSheet sheet)
    {
        for (var r = 0; r < Math.Min(ScannedRows, sheet.Rows.Count); r++)
        {
            var columns = Recognise(sheet.Rows[r]);
            var fields = columns.Where(c => c.Field != ImportField.Ignore).ToList();
            if (fields.Count >= 3 && fields.Any(c => c.Field is ImportField.Title or ImportField.Code))
            {
                return new SheetLayout(r, columns);
            }
        }

        return null;
    }

    private static List<ColumnMapping> Recognise(IReadOnlyList<object?> row)
    {
        var columns = new List<ColumnMapping>();
        for (var c = 0; c < row.Count; c++)
        {
            var header = ImportText.Of(row[c]);
            if (header is null)
            {
                continue;
            }

            var (field, year) = HeaderMatcher.Recognise(row[c]);
            columns.Add(new ColumnMapping(c, header, field, year));
        }

        return columns;
    }
}
