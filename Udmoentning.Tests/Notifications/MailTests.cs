using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Notifications;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Notifications;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Notifications;

/// <summary>
/// What people receive, read back from a real SMTP server: a round's opening to those who answer, with their items, the
/// deadline and a link that opens their page; a mention to whom it names and no one else; each person's choice (at
/// once, once a day, not at all) and the unsubscribe link, whose token cannot be changed or used after it expires.
/// </summary>
public sealed class MailTests(MailApp app) : IClassFixture<MailApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Address(string demoUser) => $"{demoUser}@example.org";

    private static string To(MimeMessage mail) => mail.To.Mailboxes.Single().Address;

    [Fact]
    public async Task OpeningARoundMailsEachPersonWhoAnswersTheirOwnItemsTheDeadlineAndALinkThatOpensTheirPage()
    {
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var name = $"Runde {Guid.NewGuid():N}"[..20];
        var opened = await app.Services.GetRequiredService<PlanAdministration>().OpenRoundAsync(coordinator, 1, new RoundForm(name, new DateOnly(2027, 6, 30), null), Token);
        Assert.True(opened.Succeeded, opened.Message);

        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(1, Token))!;
        var open = plan.Items.Where(i => !i.IsCompleted).ToList();
        var au = plan.Committees.Single(c => c.ShortCode == "AU").Id;
        var buu = plan.Committees.Single(c => c.ShortCode == "BUU").Id;
        var mails = await app.Smtp.WaitForAsync(m => (m.Subject ?? "").Contains(name, StringComparison.Ordinal), 2);
        // Only the two editors answer (by their committees); the coordinator, administrator and reader were chosen for nothing.
        Assert.Equal([Address(TestUsers.EditorAu), Address(TestUsers.EditorBuu)], mails.Select(To).Order(StringComparer.Ordinal));

        var rasmus = mails.Single(m => To(m) == Address(TestUsers.EditorAu));
        Assert.Equal($"Opfølgningsrunde: {name} – frist 30. juni 2027", rasmus.Subject);
        Assert.Contains("Karin Koordinator (direktionen) har åbnet opfølgningsrunden", rasmus.TextBody, StringComparison.Ordinal);
        Assert.Contains("senest 30. juni 2027", rasmus.TextBody, StringComparison.Ordinal);
        var auItems = open.Where(i => i.CommitteeId == au).ToList();
        Assert.Contains($"Du svarer for {auItems.Count} punkter", rasmus.TextBody, StringComparison.Ordinal);
        Assert.All(auItems, i => Assert.Contains($"- {i.Code}: {i.Title}", rasmus.TextBody, StringComparison.Ordinal));
        Assert.All(open.Where(i => i.CommitteeId == buu), i => Assert.DoesNotContain($"{i.Code}:", rasmus.TextBody, StringComparison.Ordinal));
        Assert.Contains("lang=\"da\"", rasmus.HtmlBody, StringComparison.Ordinal);
        Assert.NotNull(rasmus.Headers["List-Unsubscribe"]);
        Assert.Equal("auto-generated", rasmus.Headers["Auto-Submitted"]);

        // The link is the app's address for the person's items in the round; signed in, it opens that page.
        var link = $"http://udmoentning.example.org/plan/1/runder/mine";
        Assert.Contains($"Åbn mine punkter i runden: {link}", rasmus.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", rasmus.HtmlBody, StringComparison.Ordinal);
        var cookies = await Udmoentning.Benchmarks.Circuits.DemoSignIn.SignInAsync(app.BaseAddress, TestUsers.EditorAu, Token);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var page = await client.GetStringAsync(new Uri(link).PathAndQuery, Token);
        Assert.Contains("Mine punkter i runden", page, StringComparison.Ordinal);

        // Written once for each: the outbox has exactly these two for the round, sent.
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        var rows = await db.Outbox.Where(m => m.Key.StartsWith($"round:{opened.Value}:")).ToListAsync(Token);
        Assert.Equal(2, rows.Count);
        Assert.True(await Poll.UntilAsync(async () => await db.Outbox.CountAsync(m => m.Key.StartsWith($"round:{opened.Value}:") && m.State == OutboxState.Sent, Token) == 2, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AReminderGoesBeforeTheDeadlineAndANoticeAfterItOnlyForItemsNotReadyAndEachOnce()
    {
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var administration = app.Services.GetRequiredService<PlanAdministration>();
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(1, Token))!;
        var au = plan.Committees.Single(c => c.ShortCode == "AU");
        var name = $"Runde {Guid.NewGuid():N}"[..20];
        var deadline = new DateOnly(2027, 5, 10);
        var opened = await administration.OpenRoundAsync(coordinator, 1, new RoundForm(name, deadline, au.Id), Token);
        Assert.True(opened.Succeeded, opened.Message);

        // Rasmus reports on one of his items and marks it ready.
        var rasmus = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var items = app.Services.GetRequiredService<PlanItemService>();
        var ready = plan.Items.First(i => !i.IsCompleted && i.CommitteeId == au.Id);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token))
        {
            var entry = await db.RoundItems.SingleAsync(e => e.RoundId == opened.Value && e.ItemId == ready.Id, Token);
            var reported = await items.ReportInRoundAsync(rasmus, new RoundReportRequest(opened.Value, ready.Id, entry.Version, "Klar.", ready.Health, ready.Timing), Token);
            Assert.True(reported.Succeeded, reported.Message);
            Assert.True((await items.MarkReadyInRoundAsync(rasmus, opened.Value, ready.Id, reported.Value!.Entry.Version, true, Token)).Succeeded);
        }

        var schedule = app.Services.GetRequiredService<MailSchedule>();
        var before = new DateTimeOffset(2027, 5, 8, 8, 0, 0, TimeSpan.Zero);
        await schedule.RemindAsync(before.AddDays(-1), Token);
        await schedule.RemindAsync(before, Token);
        await schedule.RemindAsync(before.AddHours(3), Token);
        var reminder = Assert.Single(await app.Smtp.WaitForAsync(m => m.Subject == $"Påmindelse: {name} – frist 10. maj 2027" && To(m) == Address(TestUsers.EditorAu), 1));
        Assert.DoesNotContain($"{ready.Code}:", reminder.TextBody, StringComparison.Ordinal);
        var notReady = plan.Items.Where(i => !i.IsCompleted && i.CommitteeId == au.Id && i.Id != ready.Id).ToList();
        Assert.All(notReady, i => Assert.Contains($"- {i.Code}: {i.Title}", reminder.TextBody, StringComparison.Ordinal));
        Assert.Contains($"{notReady.Count} punkter, du svarer for, er ikke markeret klar endnu", reminder.TextBody, StringComparison.Ordinal);

        await schedule.RemindAsync(new DateTimeOffset(2027, 5, 11, 8, 0, 0, TimeSpan.Zero), Token);
        await schedule.RemindAsync(new DateTimeOffset(2027, 5, 12, 8, 0, 0, TimeSpan.Zero), Token);
        var overdue = Assert.Single(await app.Smtp.WaitForAsync(m => m.Subject == $"Fristen er overskredet: {name}" && To(m) == Address(TestUsers.EditorAu), 1));
        Assert.Contains($"var 10. maj 2027, og {notReady.Count} punkter, du svarer for, er ikke markeret klar endnu", overdue.TextBody, StringComparison.Ordinal);
        Assert.Single(app.Smtp.Received(), m => m.Subject == $"Påmindelse: {name} – frist 10. maj 2027" && To(m) == Address(TestUsers.EditorAu));
        // Only editors answer (AU's for its items, another committee's for its cross-cutting items in AU's extract).
        Assert.DoesNotContain(app.Smtp.Received(), m => (m.Subject ?? "").Contains(name, StringComparison.Ordinal)
            && To(m) is var to && (to == Address(TestUsers.Coordinator) || to == Address(TestUsers.Administrator) || to == Address(TestUsers.Reader)));
    }

    [Fact]
    public async Task MarkingACoordinationStepTellsThoseWhoMayMarkTheNextOneButNotTheOneWhoMarked()
    {
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(1, Token))!;
        var item = plan.Items.First(i => !i.IsCompleted && CheckpointRules.Missing(i) is [var first, _, ..] && first != CheckpointStep.PoliticallyTreated);
        var (marked, next) = (CheckpointRules.Missing(item)[0], CheckpointRules.Missing(item)[1]);
        var administrator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator);
        var done = await app.Services.GetRequiredService<PlanItemService>().MarkCheckpointAsync(administrator, new CheckpointRequest(item.Id, marked), Token);
        Assert.True(done.Succeeded, done.Message);

        var subject = $"{item.Code} venter på \"{next.Name()}\"";
        var karin = Assert.Single(await app.Smtp.WaitForAsync(m => m.Subject == subject && To(m) == Address(TestUsers.Coordinator), 1));
        Assert.Contains($"Anders Administrator har markeret \"{marked.Name()}\" som gjort for {item.Code}", karin.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Smtp.Received(), m => m.Subject == subject && (To(m) == Address(TestUsers.Administrator) || To(m) == Address(TestUsers.Reader)));
    }

    [Fact]
    public async Task AnAssignedQuestionMailsTheOneWhoAnswersAndThePublishedAnswerMailsTheAskerAndTheAskerOfAMergedDuplicateButNeverADraft()
    {
        var questions = app.Services.GetRequiredService<Udmoentning.Web.Questions.QuestionService>();
        var (reader, editorBuu, coordinator) = (await TestUsers.PrincipalAsync(app.Services, TestUsers.Reader), await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorBuu), await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator));
        var editorAuId = (await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu)).FindFirst(ClaimTypes.NameIdentifier)!.Value;
        var ask = new Udmoentning.Web.Questions.AskRequest(1, Udmoentning.Domain.Questions.QuestionScope.Plan, null, "Hvor mange medarbejdere berører planen?");
        var q = (await questions.AskAsync(reader, ask, Token)).Value!;
        var duplicate = (await questions.AskAsync(editorBuu, ask with { Text = "Hvor mange ansatte berøres?" }, Token)).Value!;
        q = (await questions.AssignAsync(coordinator, q.Id, q.Version, editorAuId, Udmoentning.Domain.DanishTime.Today(DateTimeOffset.UtcNow).AddDays(5), Token)).Value!;
        Assert.True((await questions.MergeAsync(coordinator, duplicate.Id, duplicate.Version, q.Id, Token)).Succeeded);

        var assigned = Assert.Single(await app.Smtp.WaitForAsync(m => m.Subject?.StartsWith($"{q.Title} til dig", StringComparison.Ordinal) == true, 1));
        Assert.Equal(Address(TestUsers.EditorAu), To(assigned));
        Assert.Contains("Hvor mange medarbejdere berører planen?", assigned.TextBody, StringComparison.Ordinal);

        q = (await questions.DraftAsync(coordinator, q.Id, q.Version, "UDKAST: cirka 40.", Token)).Value!;
        q = (await questions.DraftAsync(coordinator, q.Id, q.Version, "Planen berører 38 medarbejdere.", Token)).Value!;
        q = (await questions.SubmitAsync(coordinator, q.Id, q.Version, Token)).Value!;
        Assert.True((await questions.ApproveAsync(coordinator, q.Id, q.Version, Token)).Succeeded);

        var published = await app.Smtp.WaitForAsync(m => m.Subject == $"Svar på {q.Title}", 2);
        Assert.Equal([Address(TestUsers.Reader), Address(TestUsers.EditorBuu)], published.Select(To).Order(StringComparer.Ordinal));
        Assert.All(published, m => Assert.Contains("Planen berører 38 medarbejdere.", m.TextBody, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Smtp.Received(), m => m.TextBody?.Contains("UDKAST: cirka 40.", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task OnMondayEditorsGetTheWeeksChangesToTheirCommitteesItemsAndCoordinatorsThePlansOnce()
    {
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(1, Token))!;
        var buu = plan.Committees.Single(c => c.ShortCode == "BUU").Id;
        var item = plan.Items.Last(i => i.CommitteeId == buu);
        var rasmus = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        Assert.True((await app.Services.GetRequiredService<PlanItemService>().AddCommentAsync(rasmus, item.Id, "Til ugens mail.", Token)).Succeeded);

        // The next Monday morning after now, Danish time: the week before it holds the comment.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var monday = today.AddDays(((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7 is 0 ? 7 : ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7);
        var morning = new DateTimeOffset(monday.ToDateTime(new TimeOnly(7, 30)), TimeSpan.Zero);
        var week = System.Globalization.ISOWeek.GetWeekOfYear(monday.AddDays(-1).ToDateTime(TimeOnly.MinValue));
        var schedule = app.Services.GetRequiredService<MailSchedule>();
        await schedule.WeeklyAsync(morning, Token);
        await schedule.WeeklyAsync(morning.AddHours(2), Token);

        var birgitte = Assert.Single(await app.Smtp.WaitForAsync(m => m.Subject == $"Ugens ændringer i dine udvalgs punkter (uge {week})" && To(m) == Address(TestUsers.EditorBuu), 1));
        Assert.Contains($"- {item.Code} {item.Title}: Kommenteret (Rasmus Redaktør (AU)", birgitte.TextBody, StringComparison.Ordinal);
        var karin = Assert.Single(await app.Smtp.WaitForAsync(m => m.Subject == $"Ugens ændringer i planen (uge {week})" && To(m) == Address(TestUsers.Coordinator), 1));
        Assert.Contains($"- {item.Code} {item.Title}:", karin.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://udmoentning.example.org/{PlanLinks.Changes(1)}", karin.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Smtp.Received(), m => (m.Subject ?? "").Contains($"(uge {week})", StringComparison.Ordinal) && To(m) == Address(TestUsers.Reader));
    }

    [Fact]
    public async Task AMentionMailsThePersonAndTheCommitteesEditorsButNotTheAuthorAndAnEditTellsOnlyTheNewlyMentioned()
    {
        var rasmus = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(1, Token))!;
        var item = plan.Items.First(i => !i.IsCompleted && i.CommitteeId == plan.Committees.Single(c => c.ShortCode == "BUU").Id);
        var items = app.Services.GetRequiredService<PlanItemService>();
        var text = $"Kan @au og @Birgitte Redaktør se på <b>tallene</b>? {Guid.NewGuid():N}";
        var added = await items.AddCommentAsync(rasmus, item.Id, text, Token);
        Assert.True(added.Succeeded, added.Message);

        var subject = $"Rasmus Redaktør (AU) nævnte dig ved {item.Code}: {item.Title}";
        var mails = await app.Smtp.WaitForAsync(m => (m.TextBody ?? "").Contains(text[^32..], StringComparison.Ordinal), 1);
        var birgitte = Assert.Single(mails);
        Assert.Equal(Address(TestUsers.EditorBuu), To(birgitte));
        Assert.Equal(subject, birgitte.Subject);
        Assert.Contains($"> {text}", birgitte.TextBody, StringComparison.Ordinal);
        // People's text is text in the HTML too: the tags show, they do not format.
        Assert.Contains("&lt;b&gt;tallene&lt;/b&gt;", birgitte.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>tallene</b>", birgitte.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"http://udmoentning.example.org/plan/1?q={Uri.EscapeDataString(item.Code)}", birgitte.TextBody, StringComparison.Ordinal);

        var edited = await items.EditCommentAsync(rasmus, added.Value!.Id, added.Value.Version, text + " Og @Lise Læser.", Token);
        Assert.True(edited.Succeeded, edited.Message);
        var lise = await app.Smtp.WaitForAsync(m => To(m) == Address(TestUsers.Reader) && (m.TextBody ?? "").Contains(text[^32..], StringComparison.Ordinal), 1);
        Assert.Single(lise);
        Assert.Single(app.Smtp.Received(), m => To(m) == Address(TestUsers.EditorBuu) && (m.TextBody ?? "").Contains(text[^32..], StringComparison.Ordinal));
        Assert.DoesNotContain(app.Smtp.Received(), m => To(m) == Address(TestUsers.EditorAu) && (m.TextBody ?? "").Contains(text[^32..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task APersonWhoChoosesOnceADayGetsOneCollectedMailAndItsLinkTurnsThatOffWithARecord()
    {
        var (person, userName) = await NewReaderAsync();
        var choices = app.Services.GetRequiredService<MailChoices>();
        var invalid = await choices.ChooseAsync(person, MailKind.WeeklyDigest, MailDelivery.Daily, Token);
        Assert.Equal(ChangeStatus.Invalid, invalid.Status);
        var chosen = await choices.ChooseAsync(person, MailKind.Mention, MailDelivery.Daily, Token);
        Assert.True(chosen.Succeeded, chosen.Message);

        var rasmus = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(1, Token))!;
        var items = app.Services.GetRequiredService<PlanItemService>();
        var marker = Guid.NewGuid().ToString("N");
        Assert.True((await items.AddCommentAsync(rasmus, plan.Items[0].Id, $"@{userName} første {marker}", Token)).Succeeded);
        Assert.True((await items.AddCommentAsync(rasmus, plan.Items[1].Id, $"@{userName} anden {marker}", Token)).Succeeded);

        // Kept for the morning (unless this runs after the digest hour, when the app's own schedule may collect them first).
        await app.Services.GetRequiredService<MailSchedule>().CollectDailyAsync(new DateTimeOffset(2027, 3, 1, 7, 30, 0, TimeSpan.Zero), Token);
        var digest = Assert.Single(await app.Smtp.WaitForAsync(m => To(m) == $"{userName}@example.org", 1));
        Assert.Equal("Dagens mails fra Udmøntning (2)", digest.Subject);
        Assert.Contains($"første {marker}", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains($"anden {marker}", digest.TextBody, StringComparison.Ordinal);

        var unsubscribe = (digest.TextBody ?? "").Split('\n').Single(l => l.StartsWith("Afmeld denne slags mails: ", StringComparison.Ordinal))["Afmeld denne slags mails: ".Length..].Trim();
        var token = Uri.UnescapeDataString(new Uri(unsubscribe).Query["?t=".Length..]);
        var preview = await choices.PreviewAsync(token, Token);
        Assert.Null(preview.Error);
        Assert.Equal([MailKind.Mention], preview.TurnedOff);
        var done = await choices.UnsubscribeAsync(token, Token);
        Assert.Null(done.Error);
        Assert.Equal([MailKind.Mention], done.TurnedOff);
        var id = CurrentUsers.UserId(person)!;
        Assert.Equal(MailDelivery.Off, (await choices.ReadAsync(id, Token))[MailKind.Mention]);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        var record = await db.AdministrationHistory.Where(e => e.Subject == MailChoices.Subject && e.UserId == id).OrderByDescending(e => e.Id).FirstAsync(Token);
        Assert.Equal("Afmeldt via link i mail", record.Kind);
        Assert.Contains(record.Changes, c => c.Field == MailKind.Mention.Name() && c.Old == MailDelivery.Daily.Name() && c.New == MailDelivery.Off.Name());

        // Off means off: a new mention writes nothing for the person.
        Assert.True((await items.AddCommentAsync(rasmus, plan.Items[2].Id, $"@{userName} tredje {marker}", Token)).Succeeded);
        Assert.Equal(0, await db.Outbox.CountAsync(m => m.UserId == id && m.State != OutboxState.Merged && m.Kind == MailKind.Mention, Token));
    }

    [Fact]
    public async Task AnAdministratorSetsTheAddressMailsGoToAndABadOneIsRefusedWithAReason()
    {
        var (person, userName) = await NewReaderAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var administrator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator);
        Assert.Equal("\"ikke en adresse\" er ikke en e-mailadresse. Skriv den som navn@kommune.dk, eller lad feltet stå tomt.", await users.SetEmailAsync(administrator, userName, "ikke en adresse"));
        Assert.Equal("\"Navn <a@b.dk>\" er ikke en e-mailadresse. Skriv den som navn@kommune.dk, eller lad feltet stå tomt.", await users.SetEmailAsync(administrator, userName, "Navn <a@b.dk>"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => users.SetEmailAsync(person, userName, "mig@example.org"));
        Assert.Null(await users.SetEmailAsync(administrator, userName, $" ny-{userName}@example.org "));
        Assert.Equal($"ny-{userName}@example.org", (await users.ListAsync(administrator)).Single(u => u.UserName == userName).Email);

        var rasmus = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(1, Token))!;
        Assert.True((await app.Services.GetRequiredService<PlanItemService>().AddCommentAsync(rasmus, plan.Items[3].Id, $"@{userName} ny adresse", Token)).Succeeded);
        await app.Smtp.WaitForAsync(m => To(m) == $"ny-{userName}@example.org", 1);

        // No address, no mail: the mention is not written for the person at all.
        Assert.Null(await users.SetEmailAsync(administrator, userName, ""));
        Assert.True((await app.Services.GetRequiredService<PlanItemService>().AddCommentAsync(rasmus, plan.Items[3].Id, $"@{userName} ingen adresse", Token)).Succeeded);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.UserId == CurrentUsers.UserId(person), Token));
    }

    [Fact]
    public async Task AnUnsubscribeTokenThatIsChangedOrExpiredTurnsNothingOff()
    {
        var (person, _) = await NewReaderAsync();
        var id = CurrentUsers.UserId(person)!;
        var choices = app.Services.GetRequiredService<MailChoices>();
        var protection = app.Services.GetRequiredService<IDataProtectionProvider>();
        var good = new UnsubscribeTokens(protection, TimeProvider.System).Create(id, MailKind.RoundOpened);
        var changed = good[..^3] + (good[^3] == 'A' ? 'B' : 'A') + good[^2..];
        var expired = new UnsubscribeTokens(protection, new FixedClock(DateTimeOffset.UtcNow - UnsubscribeTokens.Lifetime - TimeSpan.FromDays(1))).Create(id, MailKind.RoundOpened);
        var otherApp = new UnsubscribeTokens(DataProtectionProvider.Create("another app"), TimeProvider.System).Create(id, MailKind.RoundOpened);

        foreach (var token in new[] { changed, expired, otherApp, "", "ikke-et-token" })
        {
            Assert.Equal(MailChoices.LinkNotValid, (await choices.PreviewAsync(token, Token)).Error);
            Assert.Equal(MailChoices.LinkNotValid, (await choices.UnsubscribeAsync(token, Token)).Error);
        }

        Assert.Equal(MailDelivery.AtOnce, (await choices.ReadAsync(id, Token))[MailKind.RoundOpened]);
        Assert.Equal([MailKind.RoundOpened], (await choices.UnsubscribeAsync(good, Token)).TurnedOff);
        Assert.Equal(MailDelivery.Off, (await choices.ReadAsync(id, Token))[MailKind.RoundOpened]);
    }

    /// <summary>A reader of its own with an address: readers answer for nothing in rounds, so only what the test does reaches them.</summary>
    private async Task<(ClaimsPrincipal Person, string UserName)> NewReaderAsync()
    {
        var userName = $"mette-{Guid.NewGuid():N}"[..18];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PlanUser>>();
            await AccessStartup.EnsureUserAsync(users, userName, userName, password: null, Role.Reader, committee: null, email: $"{userName}@example.org");
        }

        return (await TestUsers.PrincipalAsync(app.Services, userName), userName);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
