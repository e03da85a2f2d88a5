using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Udmoentning.Domain.Questions;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Questions.Document;

namespace Udmoentning.Tests.Questions;

/// <summary>
/// Published questions and answers where they leave the app: the collected document (print page and workbook) for
/// signed-in members, and the public page when an administrator says so, with askers named only when that is said too.
/// A draft answer, a note sent back, an unpublished question and who answered never reach either. The class's tests share
/// one app: three questions asked once (two published, one drafted and sent back), each test setting the plan as it needs.
/// </summary>
public sealed class PublishedQuestionsTests(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private const string AuQuestion = "Hvad betyder forslaget for jobcentret?";
    private const string AuAnswer = "Jobcentret får færre sager; besparelsen er 1.500 (1.000 kr.) i 2026.";
    private const string PlanQuestionText = "=HYPERLINK(\"http://x\") Hvad koster planen i alt?";
    private const string PlanAnswer = "Planen sparer netto 12,5 mio. kr. i 2026.";
    private const string HiddenQuestion = "Hvorfor er daginstitutionen forsinket (ikke besvaret)?";
    private const string Draft = "UDKAST som ikke er godkendt.";
    private const string Note = "BEMÆRKNING: skriv beløbet om.";
    private const string Redraft = "ANDET UDKAST som heller ikke er godkendt.";
    private static readonly string[] _secrets = [HiddenQuestion, Draft, Note, Redraft, "Rasmus Redaktør", "Karin Koordinator"];

    private int _planId;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var services = app.Services;
        (_planId, var auItem) = await QuestionSteps.ItemAsync(services, "AU-D1");
        await using var db = await DbAsync();
        if (await db.Questions.AnyAsync(q => q.Text == AuQuestion, Token))
        {
            return;
        }

        // Asked first, numbered second: the document goes by number, not by when a question was asked.
        var au = await QuestionSteps.AskAsync(services, TestUsers.Reader, _planId, QuestionScope.Item, auItem, AuQuestion, assign: false);
        var plan = await QuestionSteps.AskAsync(services, TestUsers.EditorBuu, _planId, QuestionScope.Plan, null, PlanQuestionText);
        await QuestionSteps.AnswerAsync(services, plan, PlanAnswer);
        var assigned = await QuestionSteps.AssignAsync(services, au);
        await QuestionSteps.AnswerAsync(services, assigned, AuAnswer);

        var (_, buuItem) = await QuestionSteps.ItemAsync(services, "BUU-A301");
        var hidden = await QuestionSteps.AskAsync(services, TestUsers.Reader, _planId, QuestionScope.Item, buuItem, HiddenQuestion);
        hidden = await QuestionSteps.AnswerAsync(services, hidden, Draft, publish: false);
        await QuestionSteps.SendBackAsync(services, hidden, Note, Redraft);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task TheDocumentHoldsThePublishedAnswersByNumberAndNothingUnpublished()
    {
        var client = await ReaderAsync();

        var response = await client.GetAsync(DocumentPath(), Token);
        var raw = await response.Content.ReadAsStringAsync(Token);
        var html = Words(raw);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (planNumber, auNumber) = await NumbersAsync();
        Assert.True(planNumber < auNumber);
        Assert.True(html.IndexOf(PlanAnswer, StringComparison.Ordinal) is > 0 and var first && first < html.IndexOf(AuAnswer, StringComparison.Ordinal),
            "The answers are there, the lower number first.");
        var decoded = WebUtility.HtmlDecode(raw);
        Assert.True(decoded.IndexOf($">Spørgsmål {planNumber}<", StringComparison.Ordinal) is > 0 and var heading && heading < decoded.IndexOf($">Spørgsmål {auNumber}<", StringComparison.Ordinal));
        foreach (var text in (string[])[AuQuestion, PlanQuestionText, "Om: AU-D1", $"Om: {Web.Questions.QuestionSubject.WholePlan}", "Lise Læser (byrådsmedlem)", "Birgitte Redaktør (BUU)"])
        {
            Assert.Contains(text, html);
        }

        Assert.All(_secrets, secret => Assert.DoesNotContain(secret, html));
        Assert.Contains("data-annex-print", raw);
        Assert.Contains("css/questions-document", raw);
        Assert.Contains($"href=\"{PlanLinks.QuestionsWorkbook(_planId)}\"", raw);
        Assert.DoesNotContain("mud-appbar", raw);

        // One committee's: the questions on it or its items; BUU's only question is not published.
        var au = Words(await client.GetStringAsync(DocumentPath("au"), Token));
        Assert.Contains(AuAnswer, au);
        Assert.DoesNotContain(PlanAnswer, au);
        Assert.Contains("Arbejdsmarkedsudvalget", au);
        var buu = Words(await client.GetStringAsync(DocumentPath("buu"), Token));
        Assert.Contains(PublishedQuestions.Empty, buu);
        Assert.All(_secrets.Append(AuAnswer).Append(PlanAnswer), secret => Assert.DoesNotContain(secret, buu));
    }

    [Fact]
    public async Task TheWorkbookHoldsThePublishedAnswersByNumberAsTextAndNothingUnpublished()
    {
        var client = await ReaderAsync();

        var response = await client.GetAsync("/" + PlanLinks.QuestionsWorkbook(_planId), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PublishedQuestionsWorkbook.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("spoergsmaal-2025-2028-", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync(Token);
        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        Assert.StartsWith("Spørgsmål og svar: ", Text(rows[0], "A"));
        var header = rows[PublishedQuestionsWorkbook.TitleLineCount];
        Assert.Equal(["Nr.", "Spørgsmål", "Om", "Stillet af", "Parti/gruppe", "Stillet", "Svar", "Offentliggjort"],
            new[] { "A", "B", "C", "D", "E", "F", "G", "H" }.Select(c => Text(header, c)));
        var questions = rows.Skip(PublishedQuestionsWorkbook.TitleLineCount + 1).ToList();
        Assert.All(questions, r => Assert.IsType<double>(r["A"]));
        Assert.Equal(questions.Select(r => Convert.ToInt32(r["A"], CultureInfo.InvariantCulture)).Order(), questions.Select(r => Convert.ToInt32(r["A"], CultureInfo.InvariantCulture)));
        var (planNumber, auNumber) = await NumbersAsync();
        var plan = Assert.Single(questions, r => Convert.ToInt32(r["A"], CultureInfo.InvariantCulture) == planNumber);
        Assert.Equal([PlanQuestionText, Web.Questions.QuestionSubject.WholePlan, "Birgitte Redaktør (BUU)", PlanAnswer], new[] { "B", "C", "D", "G" }.Select(c => Text(plan, c)));
        var au = Assert.Single(questions, r => Convert.ToInt32(r["A"], CultureInfo.InvariantCulture) == auNumber);
        Assert.Equal([AuQuestion, "Lise Læser (byrådsmedlem)", AuAnswer], new[] { "B", "D", "G" }.Select(c => Text(au, c)));

        // Every text in the file, not only the cells read back: no draft, no note, and a question starting with "=" is text, not a formula.
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var xml = string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.All(_secrets, secret => Assert.DoesNotContain(secret, xml));
        Assert.DoesNotContain("<f>", xml);

        using var buu = new MemoryStream(await client.GetByteArrayAsync("/" + PlanLinks.QuestionsWorkbook(_planId, "buu"), Token));
        Assert.Equal(PublishedQuestions.Empty, Text(buu.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().Last(), "A"));
    }

    [Theory]
    [InlineData("/plan/{plan}/spoergsmaal/samlet?udvalg=ingen", "Udvalget &quot;ingen&quot; findes ikke i planen")]
    [InlineData("/plan/99999/spoergsmaal/samlet", "Planen findes ikke.")]
    [InlineData("/plan/{plan}/spoergsmaal/samlet.xlsx?udvalg=ingen", "Udvalget \"ingen\" findes ikke i planen")]
    [InlineData("/plan/99999/spoergsmaal/samlet.xlsx", "Planen findes ikke.")]
    public async Task AnUnknownPlanOrCommitteeIsNotFoundWithADanishMessage(string path, string message)
    {
        var client = await ReaderAsync();

        var response = await client.GetAsync(path.Replace("{plan}", _planId.ToString(CultureInfo.InvariantCulture)), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task ASignedOutClientGetsNeitherDocumentNorWorkbook()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var path in new[] { DocumentPath(), "/" + PlanLinks.QuestionsWorkbook(_planId) })
        {
            var response = await client.GetAsync(path, Token);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/konto/log-ind", response.Headers.Location!.PathAndQuery);
            Assert.DoesNotContain(AuAnswer, await response.Content.ReadAsStringAsync(Token));
        }
    }

    [Fact]
    public async Task ThePublicPageShowsQuestionsOnlyWhenTheSettingIsOnAndAskersOnlyWhenThatIsOn()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.True((await SetPublicAsync(true)).Succeeded);
        Assert.True((await SetOpennessAsync(TestUsers.Administrator, false, false)).Succeeded);

        var without = await PublicPageAsync(anonymous);
        Assert.Contains(Web.Data.Sample.SamplePlanData.PlanName, without);
        Assert.DoesNotContain(PublishedQuestions.Title, without);
        Assert.DoesNotContain(AuAnswer, without);

        Assert.True((await SetOpennessAsync(TestUsers.Administrator, true, false)).Succeeded);
        var anonymousAskers = await PublicPageAsync(anonymous);
        foreach (var text in (string[])[PublishedQuestions.Title, AuQuestion, AuAnswer, PlanQuestionText, PlanAnswer, "Om: AU-D1"])
        {
            Assert.Contains(text, anonymousAskers);
        }

        Assert.All(_secrets.Concat(["Lise Læser", "Birgitte Redaktør", "Stillet af"]), secret => Assert.DoesNotContain(secret, anonymousAskers));

        Assert.True((await SetOpennessAsync(TestUsers.Administrator, true, true)).Succeeded);
        var named = await PublicPageAsync(anonymous);
        Assert.Contains("Stillet af Lise Læser (byrådsmedlem)", named);
        Assert.Contains("Stillet af Birgitte Redaktør (BUU)", named);
        Assert.All(_secrets, secret => Assert.DoesNotContain(secret, named));

        // A closed page is gone, whatever its questions' setting: the same 404 as a plan that does not exist.
        Assert.True((await SetPublicAsync(false)).Succeeded);
        var closed = await anonymous.GetAsync(PublicPath(_planId), Token);
        var unknown = await anonymous.GetAsync(PublicPath(987654), Token);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (closed.StatusCode, unknown.StatusCode));
        Assert.Equal(await unknown.Content.ReadAsStringAsync(Token), await closed.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task ThePublicPagesTagChangesWhenAQuestionIsPublished()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.True((await SetPublicAsync(true)).Succeeded);
        Assert.True((await SetOpennessAsync(TestUsers.Administrator, true, false)).Succeeded);
        var tag = (await anonymous.GetAsync(PublicPath(_planId), Token)).Headers.ETag ?? throw new InvalidOperationException("No ETag.");
        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalGetAsync(anonymous, tag)).StatusCode);

        var answer = $"Et nyt svar, offentliggjort {Guid.NewGuid():N}.";
        var question = await QuestionSteps.AskAsync(app.Services, TestUsers.Reader, _planId, QuestionScope.Plan, null, "Hvornår kommer næste opfølgning?");
        await QuestionSteps.AnswerAsync(app.Services, question, answer);

        var changed = await ConditionalGetAsync(anonymous, tag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag, changed.Headers.ETag);
        Assert.Contains(answer, WebUtility.HtmlDecode(await changed.Content.ReadAsStringAsync(Token)));
    }

    [Theory]
    [InlineData(TestUsers.Coordinator)]
    [InlineData(TestUsers.EditorAu)]
    [InlineData(TestUsers.Reader)]
    public async Task OnlyAnAdministratorMaySetWhetherThePublicPageShowsQuestions(string userName)
    {
        var (before, records) = (await StoredPlanAsync(), await RecordsAsync());

        var outcome = await SetOpennessAsync(userName, !before.PublishesQuestions, true);

        Assert.Equal(ChangeStatus.Forbidden, outcome.Status);
        var after = await StoredPlanAsync();
        Assert.Equal((before.Version, before.PublishesQuestions, before.ShowsAskerNames), (after.Version, after.PublishesQuestions, after.ShowsAskerNames));
        Assert.Equal(records, await RecordsAsync());
    }

    [Fact]
    public async Task TheSettingIsRecordedAStaleCopyIsRefusedAndNamesGoWithTheQuestions()
    {
        Assert.True((await SetOpennessAsync(TestUsers.Administrator, false, false)).Succeeded);
        var stale = (await StoredPlanAsync()).Version;
        var records = await RecordsAsync();

        Assert.True((await SetOpennessAsync(TestUsers.Administrator, true, true)).Succeeded);
        var refused = await AdministrationAsync(TestUsers.Administrator, (admin, user) => admin.SetQuestionOpennessAsync(user, _planId, stale, false, false, Token));

        Assert.Equal(ChangeStatus.Stale, refused.Status);
        var stored = await StoredPlanAsync();
        Assert.Equal((true, true), (stored.PublishesQuestions, stored.ShowsAskerNames));
        await using (var db = await DbAsync())
        {
            var entry = await db.AdministrationHistory.AsNoTracking().Where(e => e.PlanId == _planId && !records.Contains(e.Id)).SingleAsync(Token);
            Assert.Equal(("Ændret", PlanAdministration.PlanSubject), (entry.Kind, entry.Subject));
            Assert.Equal(
                [("Spørgsmål og svar på den offentlige side", "Nej", "Ja"), ("Spørgernes navne på den offentlige side", "Nej", "Ja")],
                entry.Changes.Select(c => (c.Field, c.Old, c.New)));
        }

        // Names without the questions mean nothing: turning the questions off turns the names off with them.
        Assert.True((await SetOpennessAsync(TestUsers.Administrator, false, true)).Succeeded);
        Assert.Equal((false, false), ((await StoredPlanAsync()).PublishesQuestions, (await StoredPlanAsync()).ShowsAskerNames));
    }

    [Fact]
    public async Task AnAdministratorSetsTheAskersGroupAndTooLongOrHiddenTextIsRefused()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var administrator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator);

        Assert.Null(await users.SetGroupAsync(administrator, TestUsers.EditorBuu, "  Socialdemokratiet "));
        Assert.Equal("Socialdemokratiet", await GroupAsync(TestUsers.EditorBuu));
        Assert.Equal("Socialdemokratiet", (await users.ListAsync(administrator)).Single(u => u.UserName == TestUsers.EditorBuu).Group);
        var recorded = (await users.SecurityEventsAsync(administrator, 5)).First();
        Assert.Equal((SecurityEventKind.GroupChanged, TestUsers.EditorBuu), (recorded.Kind, recorded.UserName));
        Assert.Contains("ingen → Socialdemokratiet", recorded.Detail);

        Assert.Contains("højst være 80 tegn", await users.SetGroupAsync(administrator, TestUsers.EditorBuu, new string('x', PlanQuestion.GroupLength + 1)));
        Assert.NotNull(await users.SetGroupAsync(administrator, TestUsers.EditorBuu, "Venstre\u202E"));
        Assert.NotNull(await users.SetGroupAsync(administrator, TestUsers.EditorBuu, "Venstre\nog andre"));
        Assert.Equal("Socialdemokratiet", await GroupAsync(TestUsers.EditorBuu));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(async () =>
            await users.SetGroupAsync(await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator), TestUsers.EditorBuu, "Venstre"));
        Assert.Equal("Socialdemokratiet", await GroupAsync(TestUsers.EditorBuu));

        Assert.Null(await users.SetGroupAsync(administrator, TestUsers.EditorBuu, new string('x', PlanQuestion.GroupLength)));
        Assert.Null(await users.SetGroupAsync(administrator, TestUsers.EditorBuu, " "));
        Assert.Null(await GroupAsync(TestUsers.EditorBuu));
    }

    private string DocumentPath(string? slug = null) => "/" + PlanLinks.QuestionsDocument(_planId, slug);

    private static string PublicPath(int planId) => "/" + PlanLinks.Public(planId);

    private async Task<HttpClient> ReaderAsync()
    {
        var client = app.CreateClient();
        await TestUsers.SignInAsync(client, TestUsers.Reader);
        return client;
    }

    private async Task<string> PublicPageAsync(HttpClient client)
    {
        var response = await client.GetAsync(PublicPath(_planId), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Words(await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>A page's text as a reader sees it: without tags, entities decoded.</summary>
    private static string Words(string html) => WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", string.Empty));

    private async Task<HttpResponseMessage> ConditionalGetAsync(HttpClient client, EntityTagHeaderValue tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PublicPath(_planId));
        request.Headers.IfNoneMatch.Add(tag);
        return await client.SendAsync(request, Token);
    }

    private async Task<(int Plan, int Au)> NumbersAsync()
    {
        await using var db = await DbAsync();
        var numbers = await db.Questions.Where(q => q.Text == PlanQuestionText || q.Text == AuQuestion).ToDictionaryAsync(q => q.Text, q => q.Number!.Value, Token);
        return (numbers[PlanQuestionText], numbers[AuQuestion]);
    }

    private Task<ChangeOutcome<int>> SetPublicAsync(bool isPublic) =>
        AdministrationAsync(TestUsers.Administrator, async (admin, user) => await admin.SetPublicAsync(user, _planId, (await StoredPlanAsync()).Version, isPublic, Token));

    private Task<ChangeOutcome<int>> SetOpennessAsync(string userName, bool questions, bool names) =>
        AdministrationAsync(userName, async (admin, user) => await admin.SetQuestionOpennessAsync(user, _planId, (await StoredPlanAsync()).Version, questions, names, Token));

    private async Task<ChangeOutcome<int>> AdministrationAsync(string userName, Func<PlanAdministration, System.Security.Claims.ClaimsPrincipal, Task<ChangeOutcome<int>>> change) =>
        await change(app.Services.GetRequiredService<PlanAdministration>(), await TestUsers.PrincipalAsync(app.Services, userName));

    private async Task<Udmoentning.Domain.Plans.Plan> StoredPlanAsync()
    {
        await using var db = await DbAsync();
        return await db.Plans.AsNoTracking().SingleAsync(p => p.Id == _planId, Token);
    }

    private async Task<List<long>> RecordsAsync()
    {
        await using var db = await DbAsync();
        return await db.AdministrationHistory.Where(e => e.PlanId == _planId).Select(e => e.Id).ToListAsync(Token);
    }

    private async Task<string?> GroupAsync(string userName)
    {
        await using var db = await DbAsync();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Group).SingleAsync(Token);
    }

    private Task<PlanDbContext> DbAsync() => app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);

    private static string Text(IDictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
}
