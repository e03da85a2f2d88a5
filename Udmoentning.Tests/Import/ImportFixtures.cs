using Udmoentning.Domain.Import;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data.Sample;
using Udmoentning.Web.ImportExport;

namespace Udmoentning.Tests.Import;

/// <summary>The sample municipality's committees and meetings, and reading a built workbook the way an upload is read.</summary>
internal static class ImportFixtures
{
    public static readonly IReadOnlyList<KnownCommittee> Committees =
        [.. SamplePlanData.Committees.Select(c => new KnownCommittee(c.ShortCode, c.Name))];

    public static readonly IReadOnlyList<(string Committee, DateOnly Date)> Meetings = SamplePlanData.Meetings;

    public static WorkbookData Read(TestWorkbook workbook) => Read(workbook.ToBytes());

    public static WorkbookData Read(byte[] bytes)
    {
        var result = WorkbookFile.Read(new MemoryStream(bytes), bytes.Length, TestContext.Current.CancellationToken);
        Assert.True(result.Error is null, result.Error);
        return result.Workbook!;
    }

    public static ImportAnalysis Analyze(TestWorkbook workbook, ImportOptions? options = null) =>
        WorkbookAnalyzer.Analyze(Read(workbook), Committees, Meetings, options ?? new ImportOptions());

    public static IReadOnlyList<ImportProblem> Errors(this ImportAnalysis analysis, int row) =>
        [.. analysis.Problems.Where(p => p.Severity == ProblemSeverity.Error && p.Row == row)];

    public static ImportProblem SingleError(this ImportAnalysis analysis, int row)
    {
        var errors = analysis.Errors(row);
        Assert.True(errors.Count == 1, $"Row {row}: {string.Join(" | ", analysis.Problems.Where(p => p.Row == row).Select(p => p.Message))}");
        Assert.Contains(row, analysis.RefusedRows);
        Assert.DoesNotContain(analysis.Items, i => i.Row == row);
        return errors[0];
    }
}
