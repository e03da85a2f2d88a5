using MudBlazor;
using Udmoentning.Web.Changes;

namespace Udmoentning.Web.Administration;

/// <summary>How the administration pages tell the user what became of a change.</summary>
public static class AdminOutcomeMessages
{
    /// <summary>The service's own message when it has one; otherwise <paramref name="success"/>, or that nothing was saved.</summary>
    public static void Report(this ISnackbar snackbar, ChangeOutcome outcome, string success) =>
        snackbar.Add(outcome.Succeeded ? outcome.Message ?? success : outcome.Message ?? "Ændringen er ikke gemt.", outcome.Succeeded ? Severity.Success : Severity.Warning);
}
