using MudBlazor;

namespace Udmoentning.Web.Administration;

/// <summary>
/// The one question asked before a plan becomes adopted, whether it is created, imported or moved there: the newest adopted
/// plan is the one the board opens for everyone, so adopting is never a side effect.
/// </summary>
public static class AdoptionConfirmation
{
    public static async Task<bool> ConfirmAdoptionAsync(this IDialogService dialogs, string planName) =>
        await dialogs.ShowMessageBoxAsync("Markér planen som vedtaget?",
            $"\"{planName}\" bliver vedtaget. Er den den nyeste vedtagne plan, åbner tavlen den for alle brugere, også læsere og politikere.",
            yesText: "Markér som vedtaget", cancelText: "Annullér") == true;
}
