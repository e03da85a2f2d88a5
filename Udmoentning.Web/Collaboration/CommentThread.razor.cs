using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Udmoentning.Domain;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Components.Pages;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Collaboration;

public sealed partial class CommentThread
{
    private static readonly CultureInfo _danish = CultureInfo.GetCultureInfo("da-DK");

    private CommentThreadView? _thread;
    private ITimer? _windowTimer;
    private string? _newText;
    private string? _editText;
    private int? _editingId;
    private int? _confirmingId;
    private string? _message;
    private bool _busy;

    [Inject] private PlanItemService Items { get; set; } = null!;
    [Inject] private CommentReader Comments { get; set; } = null!;
    [Inject] private LivePlan Live { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private ILogger<CommentThread> Logger { get; set; } = null!;

    [Parameter, EditorRequired] public required int ItemId { get; set; }
    [Parameter, EditorRequired] public required int PlanId { get; set; }
    [Parameter, EditorRequired] public required ClaimsPrincipal User { get; set; }

    /// <summary>The number of comments not deleted, each time the thread is read.</summary>
    [Parameter] public EventCallback<int> CountChanged { get; set; }

    private const string MentionHelp = "Nævn et udvalg med @ og kortnavnet (fx @ØU) eller en kollega med @Fornavn Efternavn.";

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    private IReadOnlyList<string> Mentions => _thread?.Mentions ?? [];

    /// <summary>A moment in Danish time as the thread writes it: "27. nov. 2026 kl. 14.05".</summary>
    public static string When(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), DanishTime.Zone).ToString("d. MMM yyyy 'kl.' HH'.'mm", _danish);

    protected override async Task OnInitializedAsync()
    {
        Live.Attach(InvokeAsync, DispatchExceptionAsync, new LiveHandlers
        {
            Changes = changes => changes.Any(c => c.Item.Id == ItemId) ? ReadAgainAsync() : Task.CompletedTask,
            Resync = ReadAgainAsync,
            Render = StateHasChanged,
        });
        if (RendererInfo.IsInteractive)
        {
            // Before the first read: a comment saved meanwhile is then in the read or arrives after it.
            Live.Follow(PlanId);
        }

        await LoadAsync();
    }

    private async Task ReadAgainAsync()
    {
        await ReloadAndTellAsync();
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        var thread = await Logger.ReadAsync(() => Comments.ThreadAsync(User, ItemId));
        _thread = thread ?? CommentThreadView.Nothing(StorageFailure.NotRead);
        HideButtonsWhenTheWindowCloses();
        await CountChanged.InvokeAsync(_thread.Comments.Count(c => !c.IsDeleted));
    }

    /// <summary>"Ret" and "Slet" go away when the last of one's own comments can no longer be changed.</summary>
    private void HideButtonsWhenTheWindowCloses()
    {
        _windowTimer?.Dispose();
        _windowTimer = null;
        var now = Now;
        var own = _thread!.Comments.Where(c => c.CanChange(_thread.UserId, now)).ToList();
        if (own.Count > 0)
        {
            var due = own.Min(c => c.CreatedAt + ItemComment.EditWindow) - now + TimeSpan.FromSeconds(1);
            _windowTimer = Clock.CreateTimer(_ => _ = InvokeAsync(() =>
            {
                HideButtonsWhenTheWindowCloses();
                StateHasChanged();
            }), null, due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Reads the thread again after a change of the item; new comments from others are read out politely.</summary>
    private async Task ReloadAndTellAsync()
    {
        var known = _thread?.Comments.ToDictionary(c => c.Id) ?? [];
        await LoadAsync();
        if (_thread?.Problem is not null)
        {
            return;
        }

        var news = _thread!.Comments.Where(c => !known.ContainsKey(c.Id) && c.AuthorId != _thread.UserId).ToList();
        var changed = _thread.Comments.Where(c => known.TryGetValue(c.Id, out var before) && before.Version != c.Version && c.AuthorId != _thread.UserId).ToList();
        if (news.Count > 0)
        {
            Live.Say(string.Join(" ", news.TakeLast(3).Select(c => $"Ny kommentar fra {c.AuthorName}: {Shorten(c.Text)}")));
        }
        else if (changed.Count > 0)
        {
            Live.Say(string.Join(" ", changed.Select(c => c.IsDeleted ? $"{c.AuthorName} har slettet en kommentar." : $"{c.AuthorName} har rettet en kommentar.")));
        }
    }

    private async Task SendAsync()
    {
        await RunAsync(() => Items.AddCommentAsync(User, ItemId, _newText), () =>
        {
            _newText = null;
            Live.Say("Din kommentar er sendt.");
        });
    }

    private void StartEditing(CommentView comment)
    {
        _confirmingId = null;
        _editingId = comment.Id;
        _editText = comment.Text;
        _message = null;
    }

    private void StopEditing()
    {
        _editingId = null;
        _editText = null;
    }

    private void AskToDelete(CommentView comment)
    {
        StopEditing();
        _confirmingId = comment.Id;
        _message = null;
    }

    private async Task SaveEditAsync(CommentView comment)
    {
        await RunAsync(() => Items.EditCommentAsync(User, comment.Id, comment.Version, _editText), () =>
        {
            StopEditing();
            Live.Say("Din kommentar er rettet.");
        });
    }

    private async Task DeleteAsync(CommentView comment)
    {
        _confirmingId = null;
        await RunAsync(() => Items.DeleteCommentAsync(User, comment.Id, comment.Version), () => Live.Say("Din kommentar er slettet."));
    }

    /// <summary>Runs a change; the thread is read again whatever the answer, so the user sees it as it is now.</summary>
    private async Task RunAsync(Func<Task<ChangeOutcome<ItemComment>>> change, Action onSaved)
    {
        _busy = true;
        _message = null;
        try
        {
            var outcome = await change();
            if (outcome.Succeeded)
            {
                onSaved();
            }
            else
            {
                _message = outcome.Message ?? "Kommentaren er ikke gemt.";
                if (outcome.Status is ChangeStatus.Stale or ChangeStatus.NotFound)
                {
                    StopEditing();
                }
            }

            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static string Shorten(string text) => text.Length <= 140 ? text : text[..140] + "…";

    public void Dispose()
    {
        Live.Close();
        _windowTimer?.Dispose();
    }
}
