using System.Globalization;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Questions.Document;

namespace Udmoentning.Web.Public;

/// <summary>
/// What the public page of a plan shows, and nothing else: the plan's items under their themes with status, X and
/// timing, and, when the plan's setting says so, its published questions and answers. Made from the plan by picking
/// fields, never by leaving some out, so a field added to an item later is not published by accident: no notes,
/// comments, case numbers, responsible units or names of people (an asker's name only when the plan's setting says so).
/// </summary>
public sealed record PublicPlan(
    string Name, string BudgetPeriod, string Stage, IReadOnlyList<PublicTheme> Themes, bool ShowsQuestions, IReadOnlyList<PublishedQuestion> Questions, string ETag)
{
    /// <summary>
    /// The public plan, or null when the plan has no public page. <paramref name="published"/> are the plan's published
    /// questions (<see cref="PublishedQuestionsReader"/>); they are shown only when the plan publishes questions, and
    /// without the askers' names unless it shows those too.
    /// </summary>
    public static PublicPlan? From(PlanSnapshot snapshot, IReadOnlyList<PublishedQuestion> published)
    {
        if (!snapshot.Plan.IsPublic)
        {
            return null;
        }

        var themes = snapshot.Themes.OrderBy(t => t.Position).Select(theme => new PublicTheme(
            theme.Name,
            [.. snapshot.Items.Where(i => i.ThemeId == theme.Id)
                .OrderBy(i => i.Status).ThenBy(i => i.Position).ThenBy(i => i.Id)
                .Select(i => PublicItem.From(i, snapshot.Committee(i.CommitteeId)))])).ToList();
        var plan = snapshot.Plan;
        IReadOnlyList<PublishedQuestion> questions = !plan.PublishesQuestions ? []
            : plan.ShowsAskerNames ? published
            : [.. published.Select(q => q.Anonymous())];
        return new PublicPlan(plan.Name, plan.BudgetPeriod, Plan.StageName(plan.Stage), themes, plan.PublishesQuestions, questions, ETagOf(snapshot, questions));
    }

    /// <summary>
    /// Changes whenever the plan or any of its items does, and when a question is published (or merged away after it was);
    /// a weak tag, as the page is the same content re-rendered.
    /// </summary>
    private static string ETagOf(PlanSnapshot snapshot, IReadOnlyList<PublishedQuestion> questions) => string.Create(CultureInfo.InvariantCulture,
        $"W/\"{snapshot.Plan.Version:N}-{snapshot.Items.Count}-{snapshot.Items.Sum(i => (long)i.Revision)}-{questions.Count}-{(questions.Count == 0 ? 0 : questions.Max(q => q.PublishedAt.Ticks))}\"");
}

public sealed record PublicTheme(string Name, IReadOnlyList<PublicItem> Items);

public sealed record PublicItem(
    string Code,
    string Title,
    string? Description,
    string Kind,
    string Committee,
    ItemStatus Status,
    string? Timing,
    string? BaselineTiming,
    int Slippage)
{
    public bool IsCompleted => Status == ItemStatus.Completed;

    public static PublicItem From(PlanItem item, Committee? committee) => new(
        item.Code,
        item.Title,
        item.Description,
        item.Kind.Name(),
        committee?.Name ?? string.Empty,
        item.Status,
        item.Timing?.ToString(),
        item.BaselineTiming?.ToString(),
        item.Slippage);
}
