using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Questions;
using Udmoentning.Web.Annex;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Questions.Document;

/// <summary>The document, or the Danish reason there is none.</summary>
public sealed record PublishedQuestionsLookup(PublishedQuestions? Document, string? Problem);

/// <summary>
/// Reads a plan's published questions, and only those: a question's answer is a draft until it is published, so no other
/// status is ever read here. The collected document and the public page both read through it.
/// </summary>
public sealed class PublishedQuestionsReader(IDbContextFactory<PlanDbContext> contexts, PlanCache plans, TimeProvider clock)
{
    /// <summary>The collected document of the plan, or of one committee's questions (<paramref name="slug"/>), as of today.</summary>
    public async Task<PublishedQuestionsLookup> ReadAsync(int planId, string? slug, CancellationToken cancellationToken = default)
    {
        if (await plans.GetAsync(planId, cancellationToken) is not { } snapshot)
        {
            return new PublishedQuestionsLookup(null, AgendaAnnexReader.NoPlan);
        }

        var committee = string.IsNullOrEmpty(slug) ? null : snapshot.CommitteeBySlug(slug);
        if (!string.IsNullOrEmpty(slug) && committee is null)
        {
            return new PublishedQuestionsLookup(null, $"Udvalget \"{AgendaAnnexReader.Shorten(slug)}\" findes ikke i planen \"{DisplayText.Safe(snapshot.Plan.Name)}\".");
        }

        var rows = await RowsAsync(snapshot, committee?.Id, cancellationToken);
        return new PublishedQuestionsLookup(new PublishedQuestions(
            snapshot.Plan.Id,
            DisplayText.Safe(snapshot.Plan.Name),
            snapshot.Plan.BudgetPeriod,
            DanishTime.Today(clock.GetUtcNow()),
            committee?.Slug,
            committee is null ? null : DisplayText.Safe(committee.Name),
            rows), null);
    }

    /// <summary>The plan's published questions by number; with <paramref name="committeeId"/>, those on that committee or its items.</summary>
    public async Task<IReadOnlyList<PublishedQuestion>> RowsAsync(PlanSnapshot snapshot, int? committeeId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var questions = await db.Questions.AsNoTracking()
            .Where(q => q.PlanId == snapshot.Plan.Id && q.Status == QuestionStatus.Published)
            .ToListAsync(cancellationToken);
        return
        [
            .. questions
                .Select(q => (Question: q, Subject: QuestionSubject.Of(snapshot, q.Scope, q.SubjectId)))
                .Where(q => committeeId is null || q.Subject.CommitteeId == committeeId)
                .OrderBy(q => q.Question.Number ?? int.MaxValue).ThenBy(q => q.Question.Id)
                .Select(q => Row(q.Question, q.Subject)),
        ];
    }

    private static PublishedQuestion Row(PlanQuestion question, QuestionSubject subject) => new(
        question.Number ?? 0,
        DisplayText.Safe(subject.Label),
        DisplayText.Safe(question.AskerName),
        question.AskerGroup is { } group ? DisplayText.Safe(group) : null,
        DanishTime.DayOf(question.AskedAt),
        DisplayText.Safe(question.Text),
        DisplayText.Safe(question.Answer ?? string.Empty),
        DanishTime.DayOf(question.PublishedAt ?? question.AskedAt),
        question.PublishedAt ?? question.AskedAt);
}
