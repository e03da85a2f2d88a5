using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Questions;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Feed;

/// <summary>
/// The feed's rows, read as the app shows them: a plan's structure and items from <see cref="PlanCache"/> (the snapshot
/// every board shows, so the feed agrees with the board to the change), the rest from the database. Rows are made for
/// any signed-in member: the app shows every member the same plans, items, history, rounds and ledger; the one thing it
/// keeps from members (a question's draft answer and note) never enters the feed, which has published questions only.
/// </summary>
public sealed class FeedReader(PlanCache plans, IDbContextFactory<PlanDbContext> contexts)
{
    /// <summary>A snapshot's items as rows, made once per snapshot: a board change makes a new snapshot, and the rows with it.</summary>
    private readonly ConditionalWeakTable<PlanSnapshot, IReadOnlyList<FeedItem>> _items = new();

    /// <summary>The history's rows as last read, with the newest id they go to (see <see cref="HistoryAsync"/>).</summary>
    private volatile HistoryRows? _history;

    public async Task<IReadOnlyList<FeedPlan>> PlansAsync(CancellationToken cancellationToken) =>
        [.. (await SnapshotsAsync(cancellationToken)).Select(s => new FeedPlan
        {
            Id = s.Plan.Id,
            Name = s.Plan.Name,
            FirstBudgetYear = s.Plan.FirstBudgetYear,
            LastBudgetYear = s.Plan.LastBudgetYear,
            AdoptedOn = s.Plan.AdoptedOn,
            Stage = s.Plan.Stage.ToString(),
            StageName = Plan.StageName(s.Plan.Stage),
            Version = s.Plan.Version.ToString(),
            Themes = Themes(s),
        })];

    public async Task<IReadOnlyList<FeedTheme>> ThemesAsync(CancellationToken cancellationToken) =>
        [.. (await SnapshotsAsync(cancellationToken)).SelectMany(Themes)];

    public Task<IReadOnlyList<FeedCommittee>> CommitteesAsync(CancellationToken cancellationToken) =>
        ReadAsync(db => db.Committees.OrderBy(c => c.Id), c => new FeedCommittee
        {
            Id = c.Id,
            Name = c.Name,
            ShortCode = c.ShortCode,
            Slug = c.Slug,
            Version = c.Version.ToString(),
        }, cancellationToken);

    public Task<IReadOnlyList<FeedMeeting>> MeetingsAsync(CancellationToken cancellationToken) =>
        ReadAsync(db => db.Meetings.OrderBy(m => m.Id), m => new FeedMeeting
        {
            Id = m.Id,
            CommitteeId = m.CommitteeId,
            Date = m.Date,
            IsCancelled = m.IsCancelled,
            Version = m.Version.ToString(),
        }, cancellationToken);

    public async Task<IReadOnlyList<FeedItem>> ItemsAsync(CancellationToken cancellationToken) =>
        [.. (await SnapshotsAsync(cancellationToken)).SelectMany(s => _items.GetValue(s, Items))];

    public async Task<IReadOnlyList<FeedAmount>> AmountsAsync(CancellationToken cancellationToken) =>
        [.. (await ItemsAsync(cancellationToken)).SelectMany(i => i.Amounts)];

    public async Task<IReadOnlyList<FeedCheckpoint>> CheckpointsAsync(CancellationToken cancellationToken) =>
        [.. (await ItemsAsync(cancellationToken)).SelectMany(i => i.Checkpoints)];

    /// <summary>
    /// Every change, oldest first. The history only grows, and a report reads it page by page: the rows read before are
    /// kept and only newer ones read, as long as the newest id and the count say nothing else changed.
    /// </summary>
    public async Task<IReadOnlyList<FeedHistoryEntry>> HistoryAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var newest = await db.History.MaxAsync(h => (long?)h.Id, cancellationToken) ?? 0;
        var count = await db.History.CountAsync(cancellationToken);
        var known = _history;
        if (known is not null && known.NewestId == newest && known.Rows.Count == count)
        {
            return known.Rows;
        }

        var after = known is not null && newest > known.NewestId && count > known.Rows.Count ? known.NewestId : 0;
        var read = (await db.History.AsNoTracking().Where(h => h.Id > after).OrderBy(h => h.Id).ToListAsync(cancellationToken)).Select(HistoryRow);
        IReadOnlyList<FeedHistoryEntry> rows = after > 0 ? [.. known!.Rows, .. read] : [.. read];
        if (rows.Count != count)
        {
            // Something other than new changes happened between the reads (a plan removed): read it all again.
            rows = [.. (await db.History.AsNoTracking().OrderBy(h => h.Id).ToListAsync(cancellationToken)).Select(HistoryRow)];
        }

        _history = new HistoryRows(rows.Count > 0 ? rows[^1].Id : 0, rows);
        return rows;
    }

    public Task<IReadOnlyList<FeedRound>> RoundsAsync(CancellationToken cancellationToken) =>
        ReadAsync(db => db.Rounds.Include(r => r.Items).OrderBy(r => r.Id), r => new FeedRound
        {
            Id = r.Id,
            PlanId = r.PlanId,
            Name = r.Name,
            Deadline = r.Deadline,
            CommitteeId = r.CommitteeId,
            OpenedAt = Utc(r.OpenedAt),
            OpenedByName = r.OpenedByName,
            ClosedAt = r.ClosedAt is { } closed ? Utc(closed) : null,
            FollowUpId = r.SnapshotId,
            Version = r.Version.ToString(),
            Answers = [.. r.Items.OrderBy(a => a.ItemCode, StringComparer.Ordinal).Select(a => new FeedRoundAnswer
            {
                Id = a.Id,
                RoundId = r.Id,
                ItemId = a.ItemId,
                ItemCode = a.ItemCode,
                AssigneeName = a.AssigneeName,
                StatusText = a.StatusText,
                Health = a.Health?.ToString(),
                Timing = a.Timing?.ToString(),
                ReportedAt = a.ReportedAt is { } reported ? Utc(reported) : null,
                ReportedByName = a.ReportedByName,
                IsReady = a.IsReady,
                ReadyAt = a.ReadyAt is { } ready ? Utc(ready) : null,
                Version = a.Version.ToString(),
            })],
        }, cancellationToken);

    public async Task<IReadOnlyList<FeedRoundAnswer>> RoundAnswersAsync(CancellationToken cancellationToken) =>
        [.. (await RoundsAsync(cancellationToken)).SelectMany(r => r.Answers)];

    public Task<IReadOnlyList<FeedFollowUp>> FollowUpsAsync(CancellationToken cancellationToken) =>
        ReadAsync(db => db.FollowUps.OrderBy(f => f.Id), f => new FeedFollowUp
        {
            Id = f.Id,
            PlanId = f.PlanId,
            Name = f.Name,
            AsOf = f.AsOf,
            TakenAt = Utc(f.TakenAt),
            TakenByName = f.TakenByName,
            Items = [.. f.State.Items.Select(i => new FeedFollowUpItem
            {
                Id = Key(f.Id, i.ItemId),
                FollowUpId = f.Id,
                ItemId = i.ItemId,
                Code = i.Code,
                Title = i.Title,
                CommitteeId = i.CommitteeId,
                CommitteeName = i.Committee,
                ThemeId = i.ThemeId,
                Status = i.Status.ToString(),
                Health = i.Health.ToString(),
                Timing = i.Timing?.ToString(),
                StatusText = i.StatusText,
                Amounts = [.. i.Amounts.Select(a => new FeedYearAmount { Year = a.Year, Thousands = a.Amount })],
            })],
        }, cancellationToken);

    public async Task<IReadOnlyList<FeedFollowUpItem>> FollowUpItemsAsync(CancellationToken cancellationToken) =>
        [.. (await FollowUpsAsync(cancellationToken)).SelectMany(f => f.Items)];

    public Task<IReadOnlyList<FeedAccountLine>> AccountLinesAsync(CancellationToken cancellationToken) =>
        ReadAsync(db => db.AccountLines.OrderBy(a => a.Id), a => new FeedAccountLine
        {
            Id = a.Id,
            PlanId = a.PlanId,
            ItemId = a.ItemId,
            Account = a.Account,
            Year = a.Year,
            Thousands = a.AmountThousands,
        }, cancellationToken);

    public async Task<IReadOnlyList<FeedLedgerExtract>> LedgerExtractsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var extracts = await db.LedgerSnapshots.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var balances = (await db.LedgerBalances.AsNoTracking().OrderBy(b => b.Id).ToListAsync(cancellationToken)).ToLookup(b => b.SnapshotId);
        return [.. extracts.Select(s => new FeedLedgerExtract
        {
            Id = s.Id,
            PlanId = s.PlanId,
            TakenOn = s.TakenOn,
            ImportedAt = Utc(s.ImportedAt),
            ImportedBy = s.ImportedBy,
            FileName = s.FileName,
            Postings = s.Postings,
            Balances = [.. balances[s.Id].Select(b => new FeedLedgerBalance
            {
                Id = b.Id,
                ExtractId = s.Id,
                Account = b.Account,
                Year = b.Year,
                Reference = b.Reference,
                Budget = b.Budget,
                Spent = b.Spent,
            })],
        })];
    }

    public async Task<IReadOnlyList<FeedLedgerBalance>> LedgerBalancesAsync(CancellationToken cancellationToken) =>
        [.. (await LedgerExtractsAsync(cancellationToken)).SelectMany(e => e.Balances)];

    /// <summary>Published questions only: a draft, a returned answer and its note are never read into the feed.</summary>
    public async Task<IReadOnlyList<FeedQuestion>> QuestionsAsync(CancellationToken cancellationToken)
    {
        List<PlanQuestion> published;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            published = await db.Questions.AsNoTracking().Where(q => q.Status == QuestionStatus.Published).OrderBy(q => q.Id).ToListAsync(cancellationToken);
        }

        var items = (await ItemsAsync(cancellationToken)).ToDictionary(i => i.Id);
        return [.. published.Select(q =>
        {
            var item = q.Scope == QuestionScope.Item && q.SubjectId is { } id ? items.GetValueOrDefault(id) : null;
            return new FeedQuestion
            {
                Id = q.Id,
                PlanId = q.PlanId,
                Number = q.Number,
                Scope = q.Scope.ToString(),
                ThemeId = q.Scope == QuestionScope.Theme ? q.SubjectId : item?.ThemeId,
                CommitteeId = q.Scope == QuestionScope.Committee ? q.SubjectId : item?.CommitteeId,
                ItemId = item?.Id,
                AskerName = q.AskerName,
                AskerGroup = q.AskerGroup,
                Text = q.Text,
                AskedAt = Utc(q.AskedAt),
                Deadline = q.Deadline,
                Answer = q.Answer ?? "",
                PublishedAt = Utc(q.PublishedAt ?? q.AskedAt),
                Version = q.Version.ToString(),
            };
        })];
    }

    private static FeedHistoryEntry HistoryRow(ItemHistoryEntry h) => new()
    {
        Id = h.Id,
        PlanId = h.PlanId,
        ItemId = h.ItemId,
        ItemCode = h.ItemCode,
        At = Utc(h.At),
        UserName = h.UserName,
        Kind = h.Kind,
        Changes = [.. h.Changes.Select(c => new FeedFieldChange { Field = c.Field, Old = c.Old, New = c.New })],
    };

    /// <summary>One table's rows, read without tracking on a context of their own, each made into a feed row.</summary>
    private async Task<IReadOnlyList<TRow>> ReadAsync<TEntity, TRow>(Func<PlanDbContext, IQueryable<TEntity>> query, Func<TEntity, TRow> row, CancellationToken cancellationToken)
        where TEntity : class
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return [.. (await query(db).AsNoTracking().ToListAsync(cancellationToken)).Select(row)];
    }

    private async Task<IReadOnlyList<PlanSnapshot>> SnapshotsAsync(CancellationToken cancellationToken)
    {
        var snapshots = new List<PlanSnapshot>();
        foreach (var summary in await plans.ListAsync(cancellationToken))
        {
            if (await plans.GetAsync(summary.Id, cancellationToken) is { } snapshot)
            {
                snapshots.Add(snapshot);
            }
        }

        return snapshots;
    }

    private static List<FeedTheme> Themes(PlanSnapshot plan) =>
        [.. plan.Themes.OrderBy(t => t.Position).Select(t => new FeedTheme { Id = t.Id, PlanId = plan.Plan.Id, Name = t.Name, Position = t.Position })];

    private static IReadOnlyList<FeedItem> Items(PlanSnapshot plan)
    {
        var themes = plan.Themes.ToDictionary(t => t.Id, t => t.Name);
        var committees = plan.Committees.ToDictionary(c => c.Id);
        return [.. plan.Items.OrderBy(i => i.Code, StringComparer.Ordinal).Select(i =>
        {
            var committee = committees.GetValueOrDefault(i.CommitteeId);
            return new FeedItem
            {
                Id = i.Id,
                PlanId = i.PlanId,
                Code = i.Code,
                Title = i.Title,
                Description = i.Description,
                Kind = i.Kind.ToString(),
                KindName = i.Kind.Name(),
                ThemeId = i.ThemeId,
                ThemeName = themes.GetValueOrDefault(i.ThemeId, ""),
                CommitteeId = i.CommitteeId,
                CommitteeName = committee?.Name ?? "",
                CommitteeShortCode = committee?.ShortCode ?? "",
                ConcernsAllCommittees = i.ConcernsAllCommittees,
                IsCrossCutting = i.IsCrossCutting,
                ResponsibleUnit = i.ResponsibleUnit,
                Status = i.Status.ToString(),
                StatusName = i.Status.Name(),
                Health = i.Health.ToString(),
                HealthName = i.Health.Name(),
                Timing = i.Timing?.ToString(),
                TimingYear = i.Timing?.Year,
                TimingQuarter = i.Timing?.Number,
                BaselineTiming = i.BaselineTiming?.ToString(),
                SlippageQuarters = i.Slippage,
                TreatmentCommitteeId = i.TreatmentCommitteeId,
                TreatmentMeetingId = i.TreatmentMeetingId,
                TreatmentMeetingDate = plan.Meeting(i.TreatmentMeetingId)?.Date,
                RequiresMedInvolvement = i.RequiresMedInvolvement,
                CaseNumber = i.CaseNumber,
                Notes = i.Notes,
                CommentCount = i.CommentCount,
                Version = i.Version.ToString(),
                Amounts = [.. plan.Plan.BudgetYears.Select(year => new FeedAmount
                {
                    Id = Key(i.Id, year),
                    ItemId = i.Id,
                    PlanId = i.PlanId,
                    Year = year,
                    Thousands = i.EffectIn(year),
                    Kroner = i.EffectIn(year) * 1000L,
                })],
                Checkpoints = [.. i.Checkpoints.Select(c => new FeedCheckpoint
                {
                    Id = Key(i.Id, c.Step.ToString()),
                    ItemId = i.Id,
                    PlanId = i.PlanId,
                    Step = c.Step.ToString(),
                    StepName = c.Step.Name(),
                    DoneAt = Utc(c.DoneAt),
                    ByName = c.ByName,
                    CommitteeId = c.CommitteeId,
                    MeetingId = c.MeetingId,
                })],
            };
        })];
    }

    private static string Key(int id, object part) => string.Create(CultureInfo.InvariantCulture, $"{id}-{part}");

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private sealed record HistoryRows(long NewestId, IReadOnlyList<FeedHistoryEntry> Rows);
}
