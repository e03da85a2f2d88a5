using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Data.Sample;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Integration;

/// <summary>
/// The public, read-only plan: off until an administrator opens it; then anonymous visitors see items, themes, status, X
/// and timing, and nothing internal; nothing else of the app opens to them.
/// The tests share one app; each starts with the page closed, as the plan is before an administrator opens it.
/// </summary>
public sealed class PublicPlanTests(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private const string CommentText = "Intern kommentar: vent med at sige det til pressen";
    private readonly AppFactory _app = app;
    private HttpClient _anonymous = null!;
    private int _planId;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _anonymous = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await using var db = await DbAsync();
        var item = await db.Items.OrderBy(i => i.Id).FirstAsync(Token);
        _planId = item.PlanId;
        if (!await db.Comments.AnyAsync(c => c.Text == CommentText, Token))
        {
            db.Comments.Add(new ItemComment(item.PlanId, item.Id, "someone", "Kirsten Kommentator", CommentText, DateTime.UtcNow));
            await db.SaveChangesAsync(Token);
        }

        // An earlier test of the class opened the page: close it again, through the one service.
        if ((await db.Plans.AsNoTracking().SingleAsync(p => p.Id == _planId, Token)).IsPublic)
        {
            Assert.True((await SetPublicAsync(TestUsers.Administrator, false)).Succeeded);
        }
    }

    public ValueTask DisposeAsync()
    {
        _anonymous.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task APlanHasNoPublicPageUntilAnAdministratorOpensOne()
    {
        var closed = await _anonymous.GetAsync(Path(_planId), Token);
        var unknown = await _anonymous.GetAsync(Path(987654), Token);

        Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        // The same answer for a closed plan and one that does not exist: nothing to learn about other plans.
        Assert.Equal(await unknown.Content.ReadAsStringAsync(Token), await closed.Content.ReadAsStringAsync(Token));
        Assert.DoesNotContain(SamplePlanData.PlanName, await closed.Content.ReadAsStringAsync(Token));
    }

    [Theory]
    [InlineData(TestUsers.Coordinator)]
    [InlineData(TestUsers.EditorAu)]
    [InlineData(TestUsers.Reader)]
    public async Task OnlyAnAdministratorMayOpenThePublicPage(string userName)
    {
        var records = await RecordsAsync();

        var outcome = await SetPublicAsync(userName, true);

        Assert.Equal(ChangeStatus.Forbidden, outcome.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync(Path(_planId), Token)).StatusCode);
        await using var db = await DbAsync();
        Assert.False((await db.Plans.SingleAsync(p => p.Id == _planId, Token)).IsPublic);
        Assert.Equal(records, await RecordsAsync());
    }

    [Fact]
    public async Task AnOpenedPageShowsStatusXAndTimingButNothingInternal()
    {
        Assert.True((await SetPublicAsync(TestUsers.Administrator, true)).Succeeded);

        var response = await _anonymous.GetAsync(Path(_planId), Token);
        var raw = await response.Content.ReadAsStringAsync(Token);
        var html = WebUtility.HtmlDecode(raw);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(SamplePlanData.PlanName, html);
        foreach (var theme in SamplePlanData.Themes)
        {
            Assert.Contains(theme, html);
        }

        var completed = SamplePlanData.Items.First(i => i.Status == ItemStatus.Completed);
        Assert.Contains(completed.Title, html);
        Assert.Contains("X · Afsluttet", html);
        var slipped = SamplePlanData.Items.First(i => i.Timing != i.Baseline && i.Timing is not null && i.Baseline is not null);
        Assert.Contains($"oprindeligt {slipped.Baseline}", html);

        Assert.DoesNotContain(CommentText, html);
        Assert.DoesNotContain("Kirsten Kommentator", html);
        Assert.DoesNotContain("Plansekretariatet", html);
        foreach (var spec in SamplePlanData.Items)
        {
            if (spec.CaseNumber is { } caseNumber)
            {
                Assert.DoesNotContain(caseNumber, html);
            }

            if (spec.Notes is { } notes)
            {
                Assert.DoesNotContain(notes, html);
            }

            Assert.DoesNotContain($">{spec.ResponsibleUnit}<", html);
        }

        Assert.DoesNotContain("<script", raw);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task ThePageIsCacheableAndAnsweredFromItsTagUntilThePlanChanges()
    {
        Assert.True((await SetPublicAsync(TestUsers.Administrator, true)).Succeeded);
        var first = await _anonymous.GetAsync(Path(_planId), Token);
        Assert.True(first.Headers.CacheControl is { Public: true, MaxAge: { } age } && age > TimeSpan.Zero, $"{first.Headers.CacheControl}");
        var tag = first.Headers.ETag ?? throw new InvalidOperationException("No ETag.");

        var again = await ConditionalGetAsync(tag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);

        var spec = SamplePlanData.Items.First(i => i.Status == ItemStatus.NotStarted);
        var item = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(_planId, Token))!.Items.Single(i => i.Code == spec.Code);
        var user = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Coordinator);
        Assert.True((await _app.Services.GetRequiredService<PlanItemService>().MoveAsync(user, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token)).Succeeded);

        var changed = await ConditionalGetAsync(tag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag, changed.Headers.ETag);
    }

    [Fact]
    public async Task AClosedPageIsGoneAndNothingElseOpensToAnonymousVisitors()
    {
        Assert.True((await SetPublicAsync(TestUsers.Administrator, true)).Succeeded);
        var itemId = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(_planId, Token))!.Items[0].Id;

        foreach (var path in (string[])["/", $"/plan/{_planId}", $"/plan/{_planId}/oversigt", $"/plan/{_planId}/eksport.xlsx", $"/punkter/{itemId}/historik.csv", "/hubs/plan/negotiate?negotiateVersion=1"])
        {
            var response = path.StartsWith("/hubs", StringComparison.Ordinal) ? await _anonymous.PostAsync(path, null, Token) : await _anonymous.GetAsync(path, Token);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden,
                $"{path}: {response.StatusCode}");
        }

        var version = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(_planId, Token))!.Plan.Version;
        var closed = await _app.Services.GetRequiredService<PlanAdministration>()
            .SetPublicAsync(await TestUsers.PrincipalAsync(_app.Services, TestUsers.Administrator), _planId, version, false, Token);
        Assert.True(closed.Succeeded, closed.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync(Path(_planId), Token)).StatusCode);
    }

    private static string Path(int planId) => "/" + PlanLinks.Public(planId);

    private async Task<HttpResponseMessage> ConditionalGetAsync(EntityTagHeaderValue tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path(_planId));
        request.Headers.IfNoneMatch.Add(tag);
        return await _anonymous.SendAsync(request, Token);
    }

    private async Task<ChangeOutcome<int>> SetPublicAsync(string userName, bool isPublic)
    {
        var plan = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(_planId, Token))!.Plan;
        var user = await TestUsers.PrincipalAsync(_app.Services, userName);
        return await _app.Services.GetRequiredService<PlanAdministration>().SetPublicAsync(user, _planId, plan.Version, isPublic, Token);
    }

    /// <summary>The plan's administration records, oldest first.</summary>
    private async Task<List<long>> RecordsAsync()
    {
        await using var db = await DbAsync();
        return await db.AdministrationHistory.Where(e => e.PlanId == _planId).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(Token);
    }

    private async Task<PlanDbContext> DbAsync()
    {
        _ = _app.Services; // starts the app, which seeds the sample plan
        return await _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
    }
}
