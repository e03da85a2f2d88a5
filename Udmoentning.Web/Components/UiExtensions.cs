using System.Globalization;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using Udmoentning.Web.Access;
using Udmoentning.Web.Feed;
using Udmoentning.Web.Board;
using Udmoentning.Web.Components;

namespace Udmoentning.Web.Components;

public static class UiExtensions
{
    /// <summary>Danish first, English second: numbers as 1.250 and dates as 23. jan. 2025.</summary>
    public static readonly CultureInfo[] Cultures = [new("da-DK"), new("en-GB")];

    public static IHostApplicationBuilder AddUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        // One live board per circuit; a page shows it through LiveBoard.
        builder.Services.AddScoped<BoardSession>();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            // Danish unless the user picks English: a browser's language alone does not switch number formats.
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication UseUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseFeed();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRequestProtection();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
