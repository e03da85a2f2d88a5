using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Calendars;

/// <summary>
/// The signed-in user's calendar addresses (<see cref="CalendarTokens"/>): their own feed and one per committee, each with
/// a copy button, and "Forny adresse", which after a confirmation makes new addresses and stops the old ones.
/// Place it on a page for a signed-in user; it reads the user from the cascading authentication state.
/// </summary>
public sealed partial class CalendarLinks
{
    public const string RenewTitle = "Forny dine kalenderadresser?";

    public const string RenewQuestion =
        "Du får nye adresser til din egen kalender og til udvalgenes kalendere. De gamle adresser holder op med at virke med det samme, " +
        "også i de kalendere, der allerede abonnerer på dem: dér skal du fjerne den gamle kalender og abonnere igen med en ny adresse. " +
        "Gør det, hvis en adresse er kommet ud til nogen, der ikke skal have den.";

    private string? _token;
    private string? _problem;
    private bool _busy;
    private bool _loaded;
    private IReadOnlyList<Committee> _committees = [];

    [Inject] private CalendarTokens Tokens { get; set; } = null!;

    [Inject] private CalendarFeeds Feeds { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await Authentication).User;
        _token = await Tokens.FindAsync(user);
        _committees = await Feeds.CommitteesAsync(user);
        _loaded = true;
    }

    /// <summary>Makes the user's addresses the first time they ask for them (a change, recorded; the page alone makes none).</summary>
    private async Task CreateAsync()
    {
        _busy = true;
        try
        {
            var outcome = await Tokens.GetOrCreateAsync((await Authentication).User);
            _token = outcome.Succeeded ? outcome.Value : null;
            _problem = outcome.Succeeded ? null : outcome.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private IEnumerable<Address> Addresses()
    {
        yield return new Address("calendar-address-mine", "Mine møder og frister", Absolute(PlanLinks.PersonalCalendar(_token!)),
            "Møderne i dine udvalg og fristerne i runder, hvor du mangler at svare.");
        foreach (var committee in _committees)
        {
            yield return new Address($"calendar-address-{committee.Slug}", committee.Name, Absolute(PlanLinks.CommitteeCalendar(_token!, committee.Slug)), null);
        }
    }

    private string Absolute(string link) => Navigation.ToAbsoluteUri(link).ToString();

    private async Task CopyAsync(Address address)
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", address.Url);
            Snackbar.Add($"Adressen til {address.Label} er kopieret.", Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add("Adressen kunne ikke kopieres her. Markér den, og kopiér med Ctrl+C.", Severity.Warning);
        }
    }

    private async Task RenewAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync(RenewTitle, RenewQuestion, yesText: "Forny adresserne", cancelText: "Annullér") != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var outcome = await Tokens.RenewAsync((await Authentication).User);
            if (outcome.Succeeded)
            {
                _token = outcome.Value;
                _problem = null;
            }

            Snackbar.Add(outcome.Message ?? "Dine kalenderadresser er fornyet.", outcome.Succeeded ? Severity.Success : Severity.Warning);
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed record Address(string Id, string Label, string Url, string? Help);
}
