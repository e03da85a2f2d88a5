using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Access;
using Udmoentning.Web.Meetings;

namespace Udmoentning.Web.Meetings;

/// <summary>Stepping through the meeting: the presenter moves everyone who follows; anyone else moves their own view.</summary>
public sealed partial class MeetingPage
{
    private Task NextAsync() => _session?.Next() is { } next ? GoAsync(next) : Task.CompletedTask;

    private Task PreviousAsync() => _session?.Previous() is { } previous ? GoAsync(previous) : Task.CompletedTask;

    private Task ShowAsync(MeetingView view) => _session is null ? Task.CompletedTask : GoAsync(_session.InView(view));

    private Task SelectAsync(PlanItem item) => GoAsync(new MeetingPosition(MeetingView.Item, item.Id, item.ThemeId));

    /// <summary>The presenter moves the meeting (checked again by the registry); anyone else moves only their own view.</summary>
    private async Task GoAsync(MeetingPosition position)
    {
        if (_session is null || _subscribedKey is not { } key || !CanNavigate)
        {
            return;
        }

        if (IsPresenter)
        {
            var outcome = Meetings.Step(key, await CurrentActorAsync(), position);
            if (!Report(outcome))
            {
                return;
            }

            Take(outcome.State, announce: false);
        }
        else
        {
            _session.Position = position;
        }

        if (position.View == MeetingView.Summary)
        {
            await LoadSummaryAsync();
        }

        Live.Say(Where(position));
    }

    private async Task StartAsync()
    {
        if (_session is null || _subscribedKey is not { } key)
        {
            return;
        }

        var from = _session.Position.View == MeetingView.Summary ? _session.First : _session.Position;
        var outcome = Meetings.Start(key, await CurrentActorAsync(), _session.Scope, from, _session.ChangesSince);
        if (Report(outcome) && outcome.State is { } started)
        {
            Take(started, announce: false);
            Live.Say($"Mødet er startet. {Where(started)}");
        }
    }

    private async Task TakeOverAsync()
    {
        if (_subscribedKey is { } key && Meetings.TakeOver(key, await CurrentActorAsync()) is var outcome && Report(outcome) && outcome.State is { } state)
        {
            Take(state, announce: false);
            Live.Say($"Du præsenterer nu mødet. {Where(state)}");
        }
    }

    private async Task EndAsync()
    {
        if (_subscribedKey is { } key && Meetings.End(key, await CurrentActorAsync()) is var outcome && Report(outcome) && outcome.State is { } state)
        {
            Take(state, announce: false);
            await LoadSummaryAsync();
            Live.Say("Mødet er afsluttet. Opsummeringen vises.");
        }
    }

    private Task FollowAsync(bool follow)
    {
        if (_session?.Presented is not { } presented)
        {
            return Task.CompletedTask;
        }

        _session.Following = follow;
        if (follow)
        {
            _session.Position = presented.Position;
            Live.Say($"Du følger præsentationen igen. {Where(presented)}");
            return presented.Position.View == MeetingView.Summary ? LoadSummaryAsync() : Task.CompletedTask;
        }

        Live.Say("Du følger ikke længere præsentationen og kan bladre selv.");
        return Task.CompletedTask;
    }

    /// <summary>Shows a refusal; true when the registry did what was asked.</summary>
    private bool Report(MeetingOutcome outcome)
    {
        if (outcome.Succeeded)
        {
            return true;
        }

        if (outcome.State is { } state)
        {
            Take(state, announce: false);
        }

        Snackbar.Add(outcome.Message ?? "Det lykkedes ikke.", Severity.Warning);
        Live.Say(outcome.Message ?? "Det lykkedes ikke.");
        return false;
    }

    private string Where(MeetingState state) => Where(state.Position);

    private string Where(MeetingPosition position)
    {
        if (_session is null)
        {
            return string.Empty;
        }

        return position.View switch
        {
            MeetingView.Summary => "Opsummering af mødet.",
            MeetingView.Theme when _session.Snapshot.Theme(position.ThemeId ?? 0) is { } theme => $"Hovedpunkt {theme.Position}. {theme.Name}.",
            _ when position.ItemId is { } id && _session.Item(id) is { } item => $"Punkt {item.Code}: {item.Title}.",
            _ => string.Empty,
        };
    }
}
