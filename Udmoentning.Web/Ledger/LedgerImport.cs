using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Ledger;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.ImportExport;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Ledger;

/// <summary>
/// What importing an extract would do, shown before anything is written: the extract as read, how the file was read,
/// and for the plan's placed items what the ledger would show (<see cref="ItemLedger"/>).
/// </summary>
public sealed record LedgerPreview(int PlanId, string FileName, string HowRead, LedgerExtract Extract, IReadOnlyList<(string Code, string Title, ItemLedger Ledger)> Items)
{
    /// <summary>The plan's budget years, to choose the extract's year from when it has no period column.</summary>
    public IReadOnlyList<int> PlanYears { get; init; } = [];

    /// <summary>The budget postings and spending per year, in kroner.</summary>
    public IReadOnlyList<(int Year, decimal Budget, decimal Spent)> Totals =>
        [.. Extract.Balances.GroupBy(b => b.Year).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(b => b.Budget), g.Sum(b => b.Spent)))];
}

/// <summary>A preview, or the Danish reason there is none.</summary>
public sealed record LedgerPreviewResult(LedgerPreview? Preview, string? Error);

/// <summary>
/// Reads a finance system's extract into a preview (nothing is written), and keeps a confirmed one as the plan's dated
/// snapshot through <see cref="ChangePipeline"/>: coordinators and administrators only, recorded in the administration's
/// history, every open page of the plan told.
/// </summary>
public sealed class LedgerImport(
    IDbContextFactory<PlanDbContext> contexts,
    PlanCache plans,
    ChangePipeline changes,
    CurrentUsers currentUsers,
    WorkbookReadGate gate,
    AccountStringLayout layout,
    AccountLineReader lines)
{
    public const string Subject = "Kontoudtræk";

    public async Task<LedgerPreviewResult> PreviewAsync(
        ClaimsPrincipal user, byte[] file, string fileName, int planId, LedgerReadOptions options, IProgress<int>? rowsRead, CancellationToken cancellationToken = default)
    {
        if (!AccessRules.CanManagePlans(await currentUsers.ActorAsync(user, cancellationToken)))
        {
            return new LedgerPreviewResult(null, AccessRules.NotPlanManager);
        }

        if (await plans.GetAsync(planId, cancellationToken) is not { } snapshot)
        {
            return new LedgerPreviewResult(null, "Planen findes ikke (længere).");
        }

        if (snapshot.Plan.ReadOnlyReason is { } readOnly)
        {
            return new LedgerPreviewResult(null, readOnly);
        }

        using var place = gate.TryEnter(ProtectionExtensions.UserKey(user) ?? string.Empty, out var busy);
        if (place is null)
        {
            return new LedgerPreviewResult(null, busy);
        }

        var read = await Task.Run(() => LedgerFile.Read(file, fileName, rowsRead, cancellationToken), cancellationToken);
        if (read.Workbook is not { } workbook)
        {
            return new LedgerPreviewResult(null, read.Error ?? "Filen kunne ikke læses.");
        }

        var references = new LedgerReferences([.. snapshot.Items.Select(i => i.Code)], await ArchivedCodesAsync(planId, cancellationToken));
        var extract = await Task.Run(() => LedgerExtractReader.Read(workbook, layout, references, options), cancellationToken);
        var placed = await lines.PlanAsync(planId, cancellationToken);
        var balances = new LedgerBalances(extract.Balances);
        var items = snapshot.Items
            .Where(i => placed.ContainsKey(i.Id))
            .OrderBy(i => i.Code, StringComparer.Ordinal)
            .Select(i => (i.Code, i.Title, LedgerRealised.Of(i, placed[i.Id], balances)))
            .ToList();
        return new LedgerPreviewResult(new LedgerPreview(planId, fileName, read.HowRead ?? string.Empty, extract, items) { PlanYears = [.. snapshot.Plan.BudgetYears] }, null);
    }

    /// <summary>
    /// Keeps the previewed extract as the plan's snapshot on <paramref name="takenOn"/>. Refused rows are left out only when
    /// <paramref name="withoutRefusedRows"/> says the user saw them; an extract with a problem in the whole file is refused.
    /// </summary>
    public Task<ChangeOutcome<int>> ImportAsync(ClaimsPrincipal user, LedgerPreview preview, DateOnly takenOn, bool withoutRefusedRows, CancellationToken cancellationToken = default) =>
        changes.RunAsync<int>(user, ChangeRun.Administrative("import a ledger extract into", $"plan {preview.PlanId}"), async change =>
        {
            var extract = preview.Extract;
            if (extract.HasFileErrors)
            {
                return ChangeOutcome.Invalid(extract.Problems.First(p => p.Row is null).Message);
            }

            if (extract.RefusedRows > 0 && !withoutRefusedRows)
            {
                return ChangeOutcome.Invalid($"{DanishCount.Of(extract.RefusedRows, "række", "rækker")} har fejl. Ret filen, eller vælg at indlæse uden dem. Intet er gemt.");
            }

            if (extract.Postings == 0)
            {
                return ChangeOutcome.Invalid($"Filen har ingen posteringer at indlæse. Intet er gemt.");
            }

            if (takenOn.Year is < Domain.Limits.EarliestYear or > Domain.Limits.LatestYear)
            {
                return ChangeOutcome.Invalid($"Vælg udtrækkets dato i årene {Domain.Limits.EarliestYear}-{Domain.Limits.LatestYear}.");
            }

            var plan = await change.Db.Plans.SingleOrDefaultAsync(p => p.Id == preview.PlanId, cancellationToken);
            if (plan is null)
            {
                return ChangeOutcome.NotFound("Planen");
            }

            if (plan.ReadOnlyReason is { } readOnly)
            {
                return ChangeOutcome.Refused(readOnly);
            }

            var accounts = extract.Accounts;
            var snapshot = new LedgerSnapshot(plan.Id, takenOn, change.At, change.Actor.Name, preview.FileName, extract.Postings);
            change.Db.LedgerSnapshots.Add(snapshot);
            await change.Db.SaveChangesAsync(cancellationToken);
            change.Db.LedgerBalances.AddRange(extract.Balances.Select(b => new LedgerBalanceRow(snapshot.Id, b)));
            var name = LedgerRealised.Label(takenOn);
            change.Record(plan.Id, Subject, name, "Indlæst",
            [
                new FieldChange("Fil", string.Empty, preview.FileName),
                new FieldChange("Dato", string.Empty, takenOn.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)),
                new FieldChange("Posteringer", string.Empty, extract.Postings.ToString("N0", Danish)),
                new FieldChange("Konti", string.Empty, accounts.ToString("N0", Danish)),
                new FieldChange("Afviste rækker", string.Empty, extract.RefusedRows.ToString("N0", Danish)),
            ]);
            change.Publish(plan.Id, $"Et {name} er indlæst.");
            return ChangeOutcome.Saved(snapshot.Id, $"{char.ToUpperInvariant(name[0])}{name[1..]} er indlæst: {DanishCount.Of(extract.Postings, "postering", "posteringer")} på {DanishCount.Of(accounts, "konto", "konti")}.");
        }, cancellationToken);

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>The archived plans' item codes (code → plan name), to tell a posting that names one.</summary>
    private async Task<IReadOnlyDictionary<string, string>> ArchivedCodesAsync(int planId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Items.AsNoTracking()
            .Join(db.Plans.Where(p => p.Id != planId && p.Stage == PlanStage.Archived), i => i.PlanId, p => p.Id, (i, p) => new { i.Code, p.Name })
            .ToListAsync(cancellationToken);
        var codes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            codes.TryAdd(row.Code, row.Name);
        }

        return codes;
    }
}
