using Microsoft.AspNetCore.Mvc;
using Udmoentning.Web.Access;
using Udmoentning.Web.ApiReference;

namespace Udmoentning.Web.Notifications;

public static class NotificationsExtensions
{
    /// <summary>
    /// E-mail: the settings (<see cref="MailOptions"/>; off without <c>Email:Smtp:Host</c>), the outbox that changes write
    /// to, the sender and its schedule, each person's choices and the unsubscribe links.
    /// </summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(MailOptions.From(builder.Configuration));
        builder.Services.AddSingleton<UnsubscribeTokens>();
        builder.Services.AddSingleton<Mailer>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<MailSchedule>();
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        builder.Services.AddSingleton<MailChoices>();
        builder.Services.AddSingleton<OutboxAdministration>();
        return builder;
    }

    /// <summary>
    /// The one-click unsubscribe of RFC 8058 that mail programs post to (the mail's List-Unsubscribe header); a person
    /// following the link in the mail gets the page <c>/afmeld</c>, which asks first.
    /// </summary>
    public static WebApplication MapNotifications(this WebApplication app)
    {
        app.MapPost(Mailer.OneClickPath, async ([FromQuery(Name = "t")] string? token, MailChoices choices, CancellationToken cancellationToken) =>
            {
                var outcome = await choices.UnsubscribeAsync(token, cancellationToken);
                return outcome.Error is null ? Results.Text("Afmeldt.", "text/plain; charset=utf-8") : Results.BadRequest(outcome.Error);
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .LimitedAs(RequestLimit.SignIn)
            .Described(ApiTags.Mail, "Afmeld e-mails med ét klik",
                "RFC 8058 one-click unsubscribe, posted by mail programs from the mail's List-Unsubscribe header; `t` is the token in that link. People following the link get the page /afmeld, which asks first.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .Produces<string>(StatusCodes.Status400BadRequest, "application/json");
        return app;
    }
}
