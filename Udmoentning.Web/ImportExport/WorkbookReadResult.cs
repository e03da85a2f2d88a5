using Udmoentning.Domain.Import;

namespace Udmoentning.Web.ImportExport;

/// <summary>An uploaded workbook as read, or the Danish reason it was refused.</summary>
public sealed record WorkbookReadResult(WorkbookData? Workbook, string? Error)
{
    public static WorkbookReadResult Read(WorkbookData workbook) => new(workbook, null);

    public static WorkbookReadResult Refused(string error) => new(null, error);
}
