using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Udmoentning.Domain.Input;
using Udmoentning.Web.Components.Shared;

namespace Udmoentning.Web.Tokens;

/// <summary>
/// The signed-in user's personal access tokens (<see cref="AccessTokens"/>): a form to make one, whose secret is shown once
/// with a copy button; the list with each token's prefix, dates and state; and "Tilbagekald" after a confirmation.
/// Place it on a page for a signed-in user; it reads the user from the cascading authentication state.
/// </summary>
public sealed partial class AccessTokenList
{
    public const string RevokeTitle = "Tilbagekald nøglen?";

    private IReadOnlyList<AccessTokenView>? _tokens;
    private string _name = string.Empty;
    private DateOnly _expiresOn;
    private DateOnly _today;
    private string? _nameError;
    private string? _formError;
    private string? _secret;
    private string? _secretName;
    private bool _busy;
    private MudTextField<string>? _nameField;

    [Inject] private AccessTokens Tokens { get; set; } = null!;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    /// <summary>The feed's address as this user reaches the app, to paste into Power BI or Excel.</summary>
    private string FeedAddress => Navigation.ToAbsoluteUri(TokenPolicies.FeedPath).ToString();

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = null!;

    public static string RevokeQuestion(string name) =>
        $"Programmer, der bruger nøglen \"{name}\", får ikke adgang længere fra deres næste forespørgsel. Det kan ikke fortrydes: " +
        "skal programmet læse planen igen, laver du en ny nøgle og skriver den ind i programmet.";

    protected override async Task OnInitializedAsync()
    {
        _today = Tokens.Today();
        _expiresOn = Tokens.DefaultExpiry();
        await LoadAsync();
    }

    private async Task LoadAsync() => _tokens = await Tokens.ListAsync((await Authentication).User);

    private async Task CreateAsync()
    {
        // The field is marked by the same rule the service applies; a refused date comes back as the outcome's message.
        _nameError = TextRules.Check(_name, AccessToken.NameLength, AccessTokens.NameField, required: true, multiLine: false);
        if (_nameError is not null)
        {
            return;
        }

        _busy = true;
        try
        {
            var outcome = await Tokens.CreateAsync((await Authentication).User, _name, _expiresOn);
            if (outcome.Succeeded)
            {
                _secret = outcome.Value;
                _secretName = _name.Trim();
                _formError = null;
                // The field keeps what was typed while it has focus (Enter submits from it); the next token starts empty.
                if (_nameField is not null)
                {
                    await _nameField.ClearAsync();
                }

                _name = string.Empty;
                await LoadAsync();
            }
            else
            {
                _formError = outcome.Message;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", _secret);
            Snackbar.Add("Nøglen er kopieret.", Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add("Nøglen kunne ikke kopieres her. Markér den, og kopiér med Ctrl+C.", Severity.Warning);
        }
    }

    private void HideSecret()
    {
        _secret = null;
        _secretName = null;
    }

    private async Task RevokeAsync(AccessTokenView token)
    {
        if (await Dialogs.ShowMessageBoxAsync(RevokeTitle, RevokeQuestion(token.Name), yesText: "Tilbagekald nøglen", cancelText: "Annullér") != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var outcome = await Tokens.RevokeAsync((await Authentication).User, token.Id, token.Version);
            Snackbar.Add(outcome.Message ?? "Nøglen er tilbagekaldt.", outcome.Succeeded ? Severity.Success : Severity.Warning);
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static string StateName(AccessTokenView token) => token.State switch
    {
        TokenState.Active => "Gyldig",
        TokenState.Expired => "Udløbet",
        TokenState.Revoked => $"Tilbagekaldt {Format.DateTime(token.RevokedAt!.Value)}",
        _ => token.State.ToString(),
    };
}
