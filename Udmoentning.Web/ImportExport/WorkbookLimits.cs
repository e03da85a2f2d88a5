namespace Udmoentning.Web.ImportExport;

/// <summary>
/// What one read of a workbook may hold and take, and what the file is expected to be, in the words of the refusals
/// (<c>"en udmøntningsplan"</c>, <c>"et kontoudtræk"</c>). <see cref="Plan"/> is the import's.
/// </summary>
public sealed record WorkbookLimits(long MaxBytes, int MaxRows, int MaxCells, TimeSpan MaxReadTime, string Expected, WorkbookProgress Counts = WorkbookProgress.FilledCells)
{
    public static WorkbookLimits Plan { get; } = new(WorkbookFile.MaxBytes, WorkbookFile.MaxRows, WorkbookFile.MaxCells, WorkbookFile.MaxReadTime, "en udmøntningsplan");

    /// <summary><see cref="Expected"/> at the start of a sentence.</summary>
    internal string ExpectedCapitalised => string.Concat(Expected[..1].ToUpperInvariant(), Expected.AsSpan(1));
}

/// <summary>What the progress of a workbook read counts.</summary>
public enum WorkbookProgress
{
    FilledCells,
    Rows,
}
