using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Notifications;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Notifications;
using Udmoentning.Web.Plans;
using static Microsoft.Playwright.Assertions;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>
/// The mail choices in the browser: the unsubscribe link from a received mail, opened with nobody signed in, asks first
/// and then says what it turned off; the settings page shows each choice and saves a new one from the keyboard.
/// </summary>
[Collection(EndToEndBesideCollection.Name)]
public sealed class MailSettingsInBrowserTests(BrowserFixture browser, MailApp app) : IClassFixture<MailApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheLinkInAMailTurnsItsKindOffWithoutSigningInAndTheSettingsPageChangesAChoiceByKeyboard()
    {
        var userName = $"mette-{Guid.NewGuid():N}"[..18];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await AccessStartup.EnsureUserAsync(scope.ServiceProvider.GetRequiredService<UserManager<PlanUser>>(), userName, userName, null, Role.Reader, null, $"{userName}@example.org");
        }

        var rasmus = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(1, Token))!;
        Assert.True((await app.Services.GetRequiredService<PlanItemService>().AddCommentAsync(rasmus, plan.Items[0].Id, $"@{userName} se her", Token)).Succeeded);
        var mail = Assert.Single(await app.Smtp.WaitForAsync(m => m.To.Mailboxes.Single().Address == $"{userName}@example.org", 1));
        var href = System.Text.RegularExpressions.Regex.Match(mail.HtmlBody!, "<a href=\"([^\"]+)\">Afmeld denne slags mails</a>").Groups[1].Value;
        var link = new Uri(app.BaseAddress, new Uri(System.Net.WebUtility.HtmlDecode(href)).PathAndQuery);

        // Nobody signed in: a browser of its own, as the link opened from Outlook on another machine.
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "da-DK" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(link.AbsoluteUri);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Afmeld mails");
        await Expect(page.GetByText($"Vil du, {userName}, holde op med at få mails om:")).ToBeVisibleAsync();
        await Expect(page.Locator("main li")).ToHaveTextAsync(MailKind.Mention.Name());
        await Axe.AssertNoViolationsAsync(page, "unsubscribe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afmeld" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Locator("p")).ToHaveTextAsync("Slået fra. Du får ikke længere mails om:");
        await Expect(page.GetByRole(AriaRole.Status).Locator("li")).ToHaveTextAsync(MailKind.Mention.Name());
        var id = (await app.Services.GetRequiredService<CurrentUsers>().FindAsync((await TestUsers.PrincipalAsync(app.Services, userName)).FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value, Token))!.Id;
        Assert.Equal(MailDelivery.Off, (await app.Services.GetRequiredService<MailChoices>().ReadAsync(id, Token))[MailKind.Mention]);

        // A changed link does nothing and says so.
        await page.GotoAsync(link.AbsoluteUri[..^4] + "AAAA");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(MailChoices.LinkNotValid);

        // The settings page: every kind with its choice; a new one saved from the keyboard.
        await using var viewer = await browser.OpenAsync(app, "/mig/indstillinger", TestUsers.Administrator, board: false);
        var settings = viewer.Page;
        await Expect(settings.Locator("h1")).ToHaveTextAsync("Mine indstillinger");
        await Expect(settings.GetByText("Mails sendes til demo-administrator@example.org")).ToBeVisibleAsync();
        await Expect(settings.Locator("fieldset.mail-choice legend")).ToHaveTextAsync([.. MailKinds.Chosen.Select(k => k.Name())]);
        await Expect(settings.GetByRole(AriaRole.Heading, new() { Name = "Kalenderabonnementer" })).ToBeVisibleAsync();
        var mentions = settings.Locator("fieldset.mail-choice", new() { Has = settings.Locator("legend", new() { HasText = MailKind.Mention.Name() }) });
        await Expect(mentions.GetByRole(AriaRole.Radio, new() { Name = MailDelivery.AtOnce.Name() })).ToBeCheckedAsync();
        await mentions.GetByRole(AriaRole.Radio, new() { Name = MailDelivery.Daily.Name() }).FocusAsync();
        await settings.Keyboard.PressAsync("Space");
        await Expect(settings.GetByText($"Gemt. {MailKind.Mention.Name()}: {MailDelivery.Daily.Name().ToLowerInvariant()}.")).ToBeVisibleAsync();
        var anders = await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator);
        Assert.Equal(MailDelivery.Daily, (await app.Services.GetRequiredService<MailChoices>().ReadAsync(anders.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value, Token))[MailKind.Mention]);
        await Axe.AssertNoViolationsAsync(settings, "settings");
        Assert.True((await app.Services.GetRequiredService<MailChoices>().ChooseAsync(anders, MailKind.Mention, MailDelivery.AtOnce, Token)).Succeeded);

        // The outbox page lists the mail as sent, to whom, and offers to send it again.
        await settings.GotoAsync(app.Url("/admin/mails").AbsoluteUri);
        await Expect(settings.Locator("h1")).ToHaveTextAsync("Udbakke for mails");
        var row = settings.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{userName}@example.org" });
        await Expect(row).ToContainTextAsync("Sendt");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Send igen til {userName}: {mail.Subject}" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(settings, "outbox");
    }
}
