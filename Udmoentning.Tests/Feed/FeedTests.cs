using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Vocabularies.V1;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Feed;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Tokens;

namespace Udmoentning.Tests.Feed;

/// <summary>
/// The OData feed as Power BI and Excel read it: plain HTTP with the model parsed from <c>$metadata</c>, pages followed by
/// their next links, on the real app (SQLite) with a 2,000-item plan.
/// </summary>
public sealed class FeedTests(FeedApp app) : IClassFixture<FeedApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EverySetInTheMetadataAnswersWithTheFieldsItDescribesInDanish()
    {
        await app.FillAsync();
        var client = await SignedInAsync(TestUsers.Reader);
        var model = await FeedReading.MetadataAsync(client);

        var sets = model.EntityContainer.EntitySets().ToList();
        Assert.Equal(FeedModel.Sets.Select(s => s.Name).Order(), sets.Select(s => s.Name).Order());
        foreach (var set in sets)
        {
            Assert.False(string.IsNullOrWhiteSpace(model.GetDescriptionAnnotation(set)), $"{set.Name} has no description");
            var type = set.EntityType;
            Assert.False(string.IsNullOrWhiteSpace(model.GetDescriptionAnnotation(type)), $"{type.Name} has no description");
            Assert.All(type.DeclaredProperties, p => Assert.False(string.IsNullOrWhiteSpace(model.GetDescriptionAnnotation(p)), $"{type.Name}.{p.Name} has no description"));

            var (status, body, _) = await FeedReading.GetAsync(client, $"odata/{set.Name}?$top=3");
            Assert.True(status == HttpStatusCode.OK, $"{set.Name}: {status} {body}");
            var rows = body.GetProperty("value").EnumerateArray().ToList();
            Assert.True(rows.Count > 0, $"{set.Name} is empty");
            var declared = type.StructuralProperties().Select(p => p.Name).ToHashSet();
            Assert.All(rows, row => Assert.Equal(declared.Order(), row.EnumerateObject().Select(p => p.Name).Where(n => !n.StartsWith('@')).Order()));
        }
    }

    [Fact]
    public async Task PagingThroughTheWholePlanWithItsAmountsGivesEveryItemOnceWithTheAmountsTheBoardShows()
    {
        var client = await SignedInAsync(TestUsers.Coordinator);
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(1, Token))!;

        var (rows, pages, count) = await FeedReading.AllAsync(client, "odata/Items?$filter=PlanId eq 1&$expand=Amounts&$count=true");

        Assert.Equal(2000, plan.Items.Count);
        Assert.Equal(2000, count);
        Assert.Equal([1000, 1000], pages);
        Assert.Equal(plan.Items.Select(i => i.Id).Order(), rows.Select(r => r.GetProperty("Id").GetInt32()).Order());
        foreach (var row in rows)
        {
            var item = plan.Item(row.GetProperty("Id").GetInt32())!;
            Assert.Equal(item.Code, row.GetProperty("Code").GetString());
            var amounts = row.GetProperty("Amounts").EnumerateArray().ToDictionary(a => a.GetProperty("Year").GetInt32(), a => a.GetProperty("Thousands").GetInt32());
            Assert.Equal(plan.Plan.BudgetYears, amounts.Keys);
            Assert.All(plan.Plan.BudgetYears, year => Assert.Equal(item.EffectIn(year), amounts[year]));
        }
    }

    [Fact]
    public async Task ASelectAndAnExpandWithItsOwnFilterAndTopAreBothHonoured()
    {
        var client = await SignedInAsync(TestUsers.Reader);
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(1, Token))!;
        var first = plan.Items.OrderBy(i => i.Code, StringComparer.Ordinal).First();

        var (_, plain, _) = await FeedReading.GetAsync(client, $"odata/Items?$filter=Id eq {first.Id}&$select=Code&$expand=Amounts($select=Year)");
        var row = Assert.Single(plain.GetProperty("value").EnumerateArray());
        Assert.Equal(["@odata.etag", "Code", "Amounts"], row.EnumerateObject().Select(p => p.Name));
        Assert.Equal(plan.Plan.BudgetYears, row.GetProperty("Amounts").EnumerateArray().Select(a => a.GetProperty("Year").GetInt32()));
        Assert.All(row.GetProperty("Amounts").EnumerateArray(), a => Assert.Equal(["Year"], a.EnumerateObject().Select(p => p.Name)));

        var year = plan.Plan.FirstBudgetYear + 1;
        var (_, nested, _) = await FeedReading.GetAsync(client, $"odata/Items?$filter=Id eq {first.Id}&$select=Code&$expand=Amounts($filter=Year ge {year};$orderby=Year desc;$top=2)");
        var amounts = Assert.Single(nested.GetProperty("value").EnumerateArray()).GetProperty("Amounts").EnumerateArray().ToList();
        Assert.Equal(plan.Plan.BudgetYears.Where(y => y >= year).OrderDescending().Take(2), amounts.Select(a => a.GetProperty("Year").GetInt32()));
        Assert.Equal(first.EffectIn(amounts[0].GetProperty("Year").GetInt32()), amounts[0].GetProperty("Thousands").GetInt32());
    }

    [Fact]
    public async Task FiltersOnCommitteeStatusAndTimingAgreeWithTheCommitteeExtractAndTheBoard()
    {
        var client = await SignedInAsync(TestUsers.EditorAu);
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(1, Token))!;
        foreach (var committee in plan.Committees)
        {
            var (rows, _, _) = await FeedReading.AllAsync(client,
                $"odata/Items?$filter=PlanId eq 1 and (CommitteeId eq {committee.Id} or TreatmentCommitteeId eq {committee.Id} or ConcernsAllCommittees)&$select=Code");
            Assert.Equal(CommitteeExtract.For(committee, plan.Items).Select(i => i.Code).Order(StringComparer.Ordinal), Codes(rows));
        }

        foreach (var status in Enum.GetValues<ItemStatus>())
        {
            var (rows, _, count) = await FeedReading.AllAsync(client, $"odata/Items?$filter=PlanId eq 1 and Status eq '{status}'&$select=Code&$count=true");
            var onBoard = plan.Items.Where(i => i.Status == status).Select(i => i.Code).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(onBoard, Codes(rows));
            Assert.Equal(onBoard.Count, count);
        }

        var late = await FeedReading.AllAsync(client, "odata/Items?$filter=PlanId eq 1 and SlippageQuarters gt 0 and TimingYear eq 2026 and TimingQuarter le 2&$select=Code");
        Assert.Equal(plan.Items.Where(i => i.Slippage > 0 && i.Timing is { Year: 2026, Number: <= 2 }).Select(i => i.Code).Order(StringComparer.Ordinal), Codes(late.Rows));
        Assert.NotEmpty(late.Rows);
    }

    [Fact]
    public async Task AnItemsETagIsItsVersionAndAMoveChangesItAndReachesTheHistory()
    {
        var client = await SignedInAsync(TestUsers.Coordinator);
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(1, Token))!;
        var item = plan.Items.First(i => i.Status == ItemStatus.NotStarted);

        var (status, body, response) = await FeedReading.GetAsync(client, $"odata/Items({item.Id})");
        Assert.Equal(HttpStatusCode.OK, status);
        var etag = response.Headers.ETag!.ToString();
        Assert.Equal(body.GetProperty("@odata.etag").GetString(), etag);
        using (var again = new HttpRequestMessage(HttpMethod.Get, $"odata/Items({item.Id})"))
        {
            again.Headers.TryAddWithoutValidation("If-None-Match", etag);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again, Token)).StatusCode);
        }

        var historyBefore = (await FeedReading.GetAsync(client, "odata/History?$count=true&$top=1")).Body.GetProperty("@odata.count").GetInt64();
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        Assert.True((await app.Services.GetRequiredService<PlanItemService>().MoveAsync(coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token)).Succeeded);
        var (_, history, _) = await FeedReading.GetAsync(client, $"odata/History?$count=true&$filter=ItemId eq {item.Id}&$orderby=Id desc&$top=1");
        var change = Assert.Single(history.GetProperty("value").EnumerateArray());
        Assert.Contains(change.GetProperty("Changes").EnumerateArray(), c => c.GetProperty("New").GetString() == ItemStatus.InProgress.Name());
        Assert.True((await FeedReading.GetAsync(client, "odata/History?$count=true&$top=1")).Body.GetProperty("@odata.count").GetInt64() > historyBefore);
        var (_, moved, after) = await FeedReading.GetAsync(client, $"odata/Items({item.Id})");
        Assert.Equal("InProgress", moved.GetProperty("Status").GetString());
        Assert.NotEqual(etag, after.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await FeedReading.GetAsync(client, "odata/Items(999999)")).Status);
    }

    [Fact]
    public async Task TheFeedOnlyReadsAndExplainsEveryRefusalInDanishAndEnglish()
    {
        var client = await SignedInAsync(TestUsers.Administrator);
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete })
        {
            using var request = new HttpRequestMessage(method, "odata/Items(1)") { Content = new StringContent("{\"Title\":\"x\"}", System.Text.Encoding.UTF8, "application/json") };
            var response = await client.SendAsync(request, Token);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            AssertError(JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement, "MethodNotAllowed", "kun læses");
        }

        var tooMany = await FeedReading.GetAsync(client, "odata/Items?$top=5000");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        AssertError(tooMany.Body, "BadRequest", "Forespørgslen kan ikke læses");
        var unknownField = await FeedReading.GetAsync(client, "odata/Items?$filter=Nope eq 1");
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.Status);
        Assert.Contains("Nope", unknownField.Body.GetProperty("error").GetProperty("message").GetString());
        var tooDeep = await FeedReading.GetAsync(client, "odata/Plans?$expand=Themes&$orderby=Name,Id,Stage,StageName,Version,FirstBudgetYear");
        Assert.Equal(HttpStatusCode.BadRequest, tooDeep.Status);
        foreach (var odd in (string[])["odata/Items?%20=null&$top=1", "odata/Items?=x", "odata/Items?$top=1&$top=2", "odata/Items?$filter=Code eq 'a", "odata/Items?$orderby=", "odata/Items?$expand=Nope"])
        {
            var (status, body, _) = await FeedReading.GetAsync(client, odd);
            Assert.True(status == HttpStatusCode.BadRequest, $"{odd} answered {status}");
            AssertError(body, "BadRequest", "Forespørgslen kan ikke læses");
        }

        var unknownSet = await FeedReading.GetAsync(client, "odata/Nope");
        Assert.Equal(HttpStatusCode.NotFound, unknownSet.Status);
        AssertError(unknownSet.Body, "NotFound", "$metadata");

        using var fromElsewhere = new HttpRequestMessage(HttpMethod.Get, "odata/Plans");
        fromElsewhere.Headers.Add("Origin", "https://evil.example");
        var answer = await client.SendAsync(fromElsewhere, Token);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.True(answer.Headers.CacheControl?.NoStore);

        // The one configured origin may read it from a browser, with a token, and ask first (preflight).
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "odata/Plans");
        preflight.Headers.Add("Origin", FeedApp.ReportSite);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        var asked = await app.CreateClient().SendAsync(preflight, Token);
        Assert.True(asked.IsSuccessStatusCode, $"preflight: {asked.StatusCode}");
        Assert.Equal(FeedApp.ReportSite, asked.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("GET", asked.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        using var fromReports = new HttpRequestMessage(HttpMethod.Get, "odata/Plans");
        fromReports.Headers.Add("Origin", FeedApp.ReportSite);
        Assert.Equal(FeedApp.ReportSite, (await client.SendAsync(fromReports, Token)).Headers.GetValues("Access-Control-Allow-Origin").Single());
        using var preflightElsewhere = new HttpRequestMessage(HttpMethod.Options, "odata/Plans");
        preflightElsewhere.Headers.Add("Origin", "https://evil.example");
        preflightElsewhere.Headers.Add("Access-Control-Request-Method", "GET");
        Assert.False((await app.CreateClient().SendAsync(preflightElsewhere, Token)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task AQuestionsDraftAndNoteNeverReachTheFeedWhileItsPublishedAnswerDoes()
    {
        await app.FillAsync();
        var client = await SignedInAsync(TestUsers.Administrator);
        var (questions, _, _) = await FeedReading.AllAsync(client, "odata/Questions");
        var question = Assert.Single(questions);
        Assert.Equal(FeedApp.PublishedAnswer, question.GetProperty("Answer").GetString());
        Assert.Equal("Item", question.GetProperty("Scope").GetString());

        foreach (var (set, _, _) in FeedModel.Sets)
        {
            var (status, body, _) = await FeedReading.GetAsync(client, $"odata/{set}?$top=1000");
            Assert.Equal(HttpStatusCode.OK, status);
            var text = body.GetRawText();
            Assert.DoesNotContain(FeedApp.DraftAnswer, text, StringComparison.Ordinal);
            Assert.DoesNotContain(FeedApp.ReturnNote, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryReadIsLoggedWithWhoWhatAndHowManyRows()
    {
        var client = await SignedInAsync(TestUsers.EditorAu);
        var (_, body, _) = await FeedReading.GetAsync(client, "odata/Committees?$select=Name");
        var rows = body.GetProperty("value").GetArrayLength();

        // Written before the answer is sent, so it is there once the answer is.
        var line = app.Log.Entries.LastOrDefault(e => e.Category == typeof(FeedController).FullName && e.Message.Contains("FeedCommittee", StringComparison.Ordinal));
        Assert.NotNull(line);
        Assert.Contains($"{rows} rows", line.Message, StringComparison.Ordinal);
        Assert.Contains("$select=Name", line.Message, StringComparison.Ordinal);

        await FeedReading.MetadataAsync(client);
        Assert.Contains(app.Log.Entries, e => e.Category == typeof(FeedController).FullName && e.Message.EndsWith("read /odata/$metadata", StringComparison.Ordinal)
            && e.Message.Contains("browser session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryRolesTokenReadsEverySetAsTheAppShowsItAndWithoutATokenNothingIsRead()
    {
        await app.FillAsync();
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var sets = FeedModel.Sets.Select(s => s.Name).Append("$metadata").Prepend("");
        foreach (var set in sets)
        {
            var (status, body, response) = await FeedReading.GetAsync(anonymous, $"odata/{set}");
            Assert.True(status == HttpStatusCode.Unauthorized, $"/odata/{set} answered {status} without a token");
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
            Assert.Null(response.Headers.Location);
            AssertError(body, "Unauthorized", "adgangsnøgle");
        }

        // Every member sees the same plans, items, history, rounds and ledger in the app; so every role's token reads the same rows.
        var seen = new Dictionary<string, string>();
        foreach (var role in (string[])[TestUsers.Reader, TestUsers.EditorAu, TestUsers.Coordinator, TestUsers.Administrator])
        {
            var token = await TokenAsync(await TestUsers.PrincipalAsync(app.Services, role), $"Rapport ({role})");
            foreach (var (set, _, _) in FeedModel.Sets)
            {
                var (status, body, _) = await FeedReading.GetAsync(anonymous, $"odata/{set}?$top=1000&$count=true&$orderby=Id", token);
                Assert.True(status == HttpStatusCode.OK, $"{role}'s token: /odata/{set} answered {status} {body}");
                Assert.True(body.GetProperty("@odata.count").GetInt64() > 0, $"{set} is empty");
                var text = body.GetProperty("value").GetRawText();
                Assert.DoesNotContain(FeedApp.DraftAnswer, text, StringComparison.Ordinal);
                Assert.DoesNotContain(FeedApp.ReturnNote, text, StringComparison.Ordinal);
                var rows = $"{body.GetProperty("@odata.count").GetInt64()}:{string.Join(',', body.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("Id").ToString()))}";
                Assert.Equal(seen.GetValueOrDefault(set, rows), rows);
                seen[set] = rows;
            }
        }
    }

    [Fact]
    public async Task ARevokedTokenAndADisabledOwnersTokenAreRefusedOnTheNextRead()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var tokens = app.Services.GetRequiredService<AccessTokens>();
        var owner = await TestUsers.CreateAsync(app.Services, "feed-tilbagekaldt", Role.Reader);
        var revoked = await TokenAsync(owner, "Excel");
        Assert.Equal(HttpStatusCode.OK, (await FeedReading.GetAsync(client, "odata/Items?$top=1", revoked)).Status);
        var view = Assert.Single(await tokens.ListAsync(owner, Token));
        Assert.True((await tokens.RevokeAsync(owner, view.Id, view.Version, Token)).Succeeded);
        var afterRevoke = await FeedReading.GetAsync(client, "odata/Items?$top=1", revoked);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.Status);
        AssertError(afterRevoke.Body, "Unauthorized", "adgangsnøgle");

        var disabledOwner = await TestUsers.CreateAsync(app.Services, "feed-deaktiveret", Role.Editor, "AU");
        var disabled = await TokenAsync(disabledOwner, "Power BI");
        Assert.Equal(HttpStatusCode.OK, (await FeedReading.GetAsync(client, "odata/Items?$top=1", disabled)).Status);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserAdministration>().DisableAsync(await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator), "feed-deaktiveret"));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await FeedReading.GetAsync(client, "odata/Items?$top=1", disabled)).Status);
    }

    [Fact]
    public async Task PowerBisBasicSignInWithTheTokenAsPasswordReadsTheFeedAndTooManyReadsAreToldWhenToComeBack()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await TokenAsync(await TestUsers.CreateAsync(app.Services, "feed-power-bi", Role.Reader), "Power BI");
        var basic = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"rapport:{token}")));
        client.DefaultRequestHeaders.Authorization = basic;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("odata/Committees?$top=1", Token)).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("rapport:forkert")));
        var wrong = await client.GetAsync("odata/Committees?$top=1", Token);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains(wrong.Headers.WwwAuthenticate, h => h.Scheme == "Basic");

        // The limit is per token (RateLimits:FeedReadsPerToken, 100 a minute in this app): the read after it in the minute waits.
        client.DefaultRequestHeaders.Authorization = basic;
        var limit = app.Services.GetRequiredService<RateLimitSettings>().FeedReadsPerToken;
        HttpResponseMessage? refused = null;
        for (var read = 1; read <= limit + 1 && refused is null; read++)
        {
            var response = await client.GetAsync("odata/Committees?$top=1&$select=Id", Token);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        AssertError(JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Token)).RootElement, "TooManyRequests", "Retry-After");
        var other = await TokenAsync(await TestUsers.PrincipalAsync(app.Services, TestUsers.Reader), "Anden rapport");
        Assert.Equal(HttpStatusCode.OK, (await FeedReading.GetAsync(app.CreateClient(), "odata/Committees?$top=1", other)).Status);
    }

    private async Task<string> TokenAsync(System.Security.Claims.ClaimsPrincipal owner, string name)
    {
        var tokens = app.Services.GetRequiredService<AccessTokens>();
        var made = await tokens.CreateAsync(owner, name, tokens.DefaultExpiry(), Token);
        Assert.True(made.Succeeded, made.Message);
        return made.Value!;
    }

    private static List<string> Codes(IEnumerable<JsonElement> rows) =>
        [.. rows.Select(r => r.GetProperty("Code").GetString()!).Order(StringComparer.Ordinal)];

    private static void AssertError(JsonElement body, string code, string danish)
    {
        var error = body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Contains(danish, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("en", error.GetProperty("details")[0].GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("details")[0].GetProperty("message").GetString()));
    }

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = app.CreateClient();
        await TestUsers.SignInAsync(client, user);
        return client;
    }
}
