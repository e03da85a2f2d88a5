using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Udmoentning.Domain.Questions;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Questions;

/// <summary>
/// One question: what it asks and about what, its answer as the viewer may read it, its timeline, and for the administration
/// the next step (assign, merge, split; draft and send; approve or send back). Every step goes through
/// <see cref="QuestionService"/>, which checks who takes it; the page follows the plan live and reads the question again
/// when anyone takes a step.
/// </summary>
public sealed partial class QuestionPage : IDisposable
{
    private QuestionDetails? _details;
    private bool _loaded;
    private bool _busy;
    private bool _confirmApprove;
    private string? _answer;
    private string? _note;
    private string _responsible = string.Empty;
    private DateOnly _deadline;
    private string _mergeInto = string.Empty;
    private string? _keep;
    private string? _other;
    private ChangeOutcome<PlanQuestion>? _outcome;

    [Inject] private QuestionReader Reader { get; set; } = null!;
    [Inject] private QuestionService Questions { get; set; } = null!;
    [Inject] private LivePlan Live { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Parameter] public int PlanId { get; set; }
    [Parameter] public int QuestionId { get; set; }

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = null!;

    /// <summary>Who may be chosen to answer: the editors of the committee the question concerns first.</summary>
    private IEnumerable<RoundPerson> People => _details is null ? [] : _details.People.OrderByDescending(Suggested).ThenBy(p => p.Name, StringComparer.CurrentCulture);

    private bool Suggested(RoundPerson person) => _details?.Row.Subject.CommitteeId is { } committee && person.EditorCommitteeIds.Contains(committee);

    protected override void OnInitialized() => Live.Attach(InvokeAsync, DispatchExceptionAsync, new LiveHandlers
    {
        Questions = change => ReadAgainAsync(change.Description),
        Structure = _ => ReadAgainAsync(null),
        Resync = () => ReadAgainAsync(null),
        Render = StateHasChanged,
    });

    protected override async Task OnParametersSetAsync()
    {
        if (RendererInfo.IsInteractive)
        {
            Live.Follow(PlanId);
        }

        _outcome = null;
        await ReadAsync(resetForms: true);
        _loaded = true;
    }

    private async Task ReadAsync(bool resetForms)
    {
        var before = _details?.Question;
        _details = await Reader.GetAsync((await Authentication).User, PlanId, QuestionId);
        if (_details?.Question is not { } q)
        {
            return;
        }

        // The forms start from the question as stored; another user's step renews them, one's own unsaved text stays.
        if (resetForms || before?.Status != q.Status)
        {
            _answer = q.Answer;
            _keep = q.Text;
            _other = null;
            _note = null;
            _confirmApprove = false;
            _responsible = q.ResponsibleId ?? _details.People.FirstOrDefault(Suggested)?.UserId ?? string.Empty;
            _deadline = q.Deadline is { } deadline && deadline >= _details.List.Today ? deadline : _details.List.Today.AddDays(7);
            _mergeInto = string.Empty;
        }
    }

    private async Task ReadAgainAsync(string? said)
    {
        await ReadAsync(resetForms: false);
        if (said is not null)
        {
            Live.Say(said);
        }

        StateHasChanged();
    }

    private Task SaveDraftAsync() => TakeAsync((user, q) => Questions.DraftAsync(user, q.Id, q.Version, _answer), "Udkastet er gemt.");

    /// <summary>Saves the text as it is in the field, then sends it for approval.</summary>
    private Task SubmitAsync() => TakeAsync(async (user, q) =>
    {
        var version = q.Version;
        if (!string.Equals(_answer?.Trim(), q.Answer, StringComparison.Ordinal))
        {
            var drafted = await Questions.DraftAsync(user, q.Id, q.Version, _answer);
            if (!drafted.Succeeded)
            {
                return drafted;
            }

            version = drafted.Value!.Version;
        }

        return await Questions.SubmitAsync(user, q.Id, version);
    }, "Svaret er sendt til godkendelse.");

    private Task ApproveAsync() => TakeAsync((user, q) => Questions.ApproveAsync(user, q.Id, q.Version), "Svaret er godkendt og offentliggjort for alle medlemmer.");

    private Task SendBackAsync() => TakeAsync((user, q) => Questions.SendBackAsync(user, q.Id, q.Version, _note), "Svaret er sendt tilbage med din bemærkning.");

    private Task AssignAsync() => string.IsNullOrEmpty(_responsible)
        ? Refuse("Vælg, hvem der skal besvare spørgsmålet.")
        : TakeAsync((user, q) => Questions.AssignAsync(user, q.Id, q.Version, _responsible, _deadline), null);

    private Task MergeAsync() => int.TryParse(_mergeInto, NumberStyles.None, CultureInfo.InvariantCulture, out var into)
        ? TakeAsync((user, q) => Questions.MergeAsync(user, q.Id, q.Version, into), "Spørgsmålet er lagt sammen med det andet.")
        : Refuse("Vælg det spørgsmål, det skal lægges sammen med.");

    private async Task SplitAsync()
    {
        await TakeAsync((user, q) => Questions.SplitAsync(user, q.Id, q.Version, _keep, _other), null);
    }

    private Task Refuse(string message)
    {
        _outcome = ChangeOutcome.Invalid(message).As<PlanQuestion>();
        return Task.CompletedTask;
    }

    /// <summary>Takes a step on the question as the page shows it (its version), and reads it again; the outcome is said in the status line.</summary>
    private async Task TakeAsync(Func<System.Security.Claims.ClaimsPrincipal, QuestionView, Task<ChangeOutcome<PlanQuestion>>> step, string? saved)
    {
        if (_details?.Question is not { } q || _busy)
        {
            return;
        }

        _busy = true;
        try
        {
            var outcome = await step((await Authentication).User, q);
            _outcome = outcome.Succeeded && outcome.Message is null ? outcome.Saying(saved ?? Assigned(outcome.Value!)) : outcome;

            await ReadAsync(resetForms: outcome.Succeeded);
        }
        finally
        {
            _busy = false;
            _confirmApprove = false;
        }
    }

    private static string Assigned(PlanQuestion question) => question.Deadline is { } deadline
        ? $"{question.Title} er fordelt til {question.ResponsibleName} med frist {Udmoentning.Domain.Plans.MeetingDates.Format(deadline)}."
        : $"{question.Title} er gemt.";

    private static string Short(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "…");

    public void Dispose() => Live.Close();
}
