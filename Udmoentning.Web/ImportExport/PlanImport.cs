using System.Security.Claims;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Import;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.ImportExport;

/// <summary>
/// What importing a workbook would do, shown before anything is written: the analysis (mapping, items, problems),
/// totals per theme and year, and for an update the new, changed and missing items.
/// </summary>
public sealed record ImportPreview(
    ImportAnalysis Analysis,
    IReadOnlyList<string> Sheets,
    int? PlanId,
    ImportComparison? Comparison,
    IReadOnlyDictionary<string, IReadOnlyDictionary<int, long>> TotalsByTheme,
    IReadOnlyDictionary<int, long> Totals)
{
    /// <summary>The municipality's committees, for choosing a sheet's committee in the preview.</summary>
    public IReadOnlyList<KnownCommittee> Committees { get; init; } = [];

    public int ItemsIn(string theme) => Analysis.Items.Count(i => string.Equals(i.Theme, theme, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The outcome of reading an upload: a preview, or the Danish reason the file cannot be read (or may not be).</summary>
public sealed record PreviewResult(ImportPreview? Preview, string? Error);

/// <summary>
/// Reads an uploaded workbook into a preview (nothing is written), and imports a confirmed preview through
/// <see cref="PlanItemService"/>, the one way items change. Only coordinators and administrators may do either.
/// </summary>
public sealed class PlanImport(PlanCache plans, PlanAdministration administration, PlanItemService items, CurrentUsers currentUsers, WorkbookReadGate gate)
{
    public Task<PreviewResult> PreviewAsync(ClaimsPrincipal user, byte[] file, int? planId, ImportOptions options, CancellationToken cancellationToken = default) =>
        PreviewAsync(user, file, planId, options, null, cancellationToken);

    /// <summary>
    /// The same, telling <paramref name="cellsRead"/> how far the reading is; <paramref name="cancellationToken"/> stops it
    /// (the user pressed "Annullér" or left), with an <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<PreviewResult> PreviewAsync(
        ClaimsPrincipal user, byte[] file, int? planId, ImportOptions options, IProgress<int>? cellsRead, CancellationToken cancellationToken = default)
    {
        var committees = await administration.CommitteesAsync(cancellationToken);
        if (!AccessRules.CanManagePlans(await currentUsers.ActorAsync(user, cancellationToken)))
        {
            return new PreviewResult(null, AccessRules.NotPlanManager);
        }

        PlanSnapshot? snapshot = null;
        if (planId is { } id && (snapshot = await plans.GetAsync(id, cancellationToken)) is null)
        {
            return new PreviewResult(null, "Planen findes ikke (længere).");
        }

        if (snapshot?.Plan.ReadOnlyReason is { } readOnly)
        {
            return new PreviewResult(null, readOnly);
        }

        using var place = gate.TryEnter(ProtectionExtensions.UserKey(user) ?? string.Empty, out var busy);
        if (place is null)
        {
            return new PreviewResult(null, busy);
        }

        // Off the caller's thread (a circuit stays responsive while a file is read), within the gate's place.
        using var stream = new MemoryStream(file, writable: false);
        var read = await Task.Run(() => WorkbookFile.Read(stream, file.LongLength, cellsRead, cancellationToken), cancellationToken);
        if (read.Workbook is not { } workbook)
        {
            return new PreviewResult(null, read.Error ?? "Filen kunne ikke læses.");
        }

        var meetings = await administration.MeetingsAsync(cancellationToken);
        var byId = committees.ToDictionary(c => c.Id);
        var analysis = await Task.Run(
            () => WorkbookAnalyzer.Analyze(
                workbook,
                [.. committees.Select(c => new KnownCommittee(c.ShortCode, c.Name, c.Slug))],
                [.. meetings.Where(m => byId.ContainsKey(m.CommitteeId)).Select(m => (byId[m.CommitteeId].ShortCode, m.Date))],
                options,
                snapshot is null ? null : [.. snapshot.Items.Select(i => i.Code)],
                snapshot is null ? null : [.. snapshot.Themes.Select(t => t.Name)]),
            cancellationToken);

        if (snapshot is not null && analysis.BudgetYears.Where(y => !snapshot.Plan.CoversYear(y)).ToList() is { Count: > 0 } outside)
        {
            // The plan decides its budget years; an update cannot put amounts in a year the plan does not have.
            analysis = analysis with
            {
                Problems = [.. analysis.Problems, new ImportProblem(ProblemSeverity.Error, analysis.Sheet, null, null,
                    $"Filen har kolonner for {string.Join(", ", outside)}, som ikke er budgetår i planen ({snapshot.Plan.BudgetPeriod}). " +
                    "Ret planens budgetår under administrationen, eller vælg \"Læses ikke\" for kolonnen.")],
            };
        }

        var comparison = snapshot is null ? null : ImportComparer.Compare(analysis, PlanWorkbook.ItemsOf(snapshot), snapshot.Plan.BudgetYears);
        var years = analysis.BudgetYears;
        var totalsByTheme = analysis.Items.GroupBy(i => i.Theme, StringComparer.OrdinalIgnoreCase).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<int, long>)years.ToDictionary(y => y, y => g.Sum(i => (long)i.Amounts.GetValueOrDefault(y))),
            StringComparer.OrdinalIgnoreCase);
        var totals = years.ToDictionary(y => y, y => analysis.Items.Sum(i => (long)i.Amounts.GetValueOrDefault(y)));
        return new PreviewResult(new ImportPreview(analysis, [.. workbook.Sheets.Select(s => s.Name)], planId, comparison, totalsByTheme, totals)
        {
            Committees = [.. committees.Select(c => new KnownCommittee(c.ShortCode, c.Name, c.Slug)).OrderBy(c => c.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("da-DK"), false))],
        }, null);
    }

    /// <summary>Imports what the preview showed; into a new plan when <paramref name="newPlan"/> is given.</summary>
    public Task<ChangeOutcome<ImportResult>> ImportAsync(ClaimsPrincipal user, ImportPreview preview, PlanForm? newPlan, bool importValidRowsOnly, CancellationToken cancellationToken = default) =>
        items.ImportAsync(user, new ImportRequest(preview.Analysis, newPlan is null ? preview.PlanId : null, newPlan, importValidRowsOnly), cancellationToken);
}
