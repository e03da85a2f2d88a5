using MudBlazor;

namespace Udmoentning.Web.Components.Layout;

/// <summary>
/// The one theme of every layout (the app and meeting mode), shared by every viewer: an instance per circuit would cost each
/// its own palette.
/// </summary>
public static class AppTheme
{
    public static readonly MudTheme Default = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
            // Buttons, tabs and menus in sentence case like the rest of the page (Danish public-sector style), not MudBlazor's capitals.
            Button = new ButtonTypography { TextTransform = "none" },
        },
        // Error, success, info and warning darker than MudBlazor's defaults: red outlined buttons, green snackbars and the text
        // of info and warning notices reach 4.5:1 on white (WCAG AA); MudBlazor's light blue and orange did not.
        PaletteLight = new PaletteLight { Primary = "#004b87", AppbarBackground = "#004b87", Error = "#b00020", Success = "#1b5e20", Info = "#0d47a1", Warning = "#8a4600" },
    };
}
