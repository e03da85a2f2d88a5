using System.Collections;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Validator;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.OData;
using Microsoft.OData.UriParser;
using Udmoentning.Domain.Access;
using Udmoentning.Web.Tokens;

namespace Udmoentning.Web.Feed;

/// <summary>
/// The read-only OData feed (<c>/odata</c>): one GET per entity set of <see cref="FeedModel"/>, each read by
/// <see cref="FeedReader"/> and queried by the one <see cref="AnswerAsync"/>: the caller's rights first, then the query's
/// limits, then server-driven pages of at most <see cref="FeedSettings.PageSize"/> rows with <c>@odata.nextLink</c>.
/// </summary>
[Authorize(Policy = TokenPolicies.Feed)]
[ApiExplorerSettings(IgnoreApi = true)] // described by FeedEntries, with the query options and the token
public sealed class FeedController(FeedReader reader, ApiCallers callers, FeedSettings settings, ILogger<FeedController> log) : ODataController
{
    [HttpGet("odata/Plans")]
    public Task<IActionResult> Plans(ODataQueryOptions<FeedPlan> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.PlansAsync, cancellationToken);

    [HttpGet("odata/Plans({key})")]
    public Task<IActionResult> Plan(int key, ODataQueryOptions<FeedPlan> query, CancellationToken cancellationToken) =>
        AnswerOneAsync(query, reader.PlansAsync, p => p.Id == key, p => p.Version, cancellationToken);

    [HttpGet("odata/Themes")]
    public Task<IActionResult> Themes(ODataQueryOptions<FeedTheme> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.ThemesAsync, cancellationToken);

    [HttpGet("odata/Committees")]
    public Task<IActionResult> Committees(ODataQueryOptions<FeedCommittee> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.CommitteesAsync, cancellationToken);

    [HttpGet("odata/Meetings")]
    public Task<IActionResult> Meetings(ODataQueryOptions<FeedMeeting> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.MeetingsAsync, cancellationToken);

    [HttpGet("odata/Items")]
    public Task<IActionResult> Items(ODataQueryOptions<FeedItem> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.ItemsAsync, cancellationToken);

    [HttpGet("odata/Items({key})")]
    public Task<IActionResult> Item(int key, ODataQueryOptions<FeedItem> query, CancellationToken cancellationToken) =>
        AnswerOneAsync(query, reader.ItemsAsync, i => i.Id == key, i => i.Version, cancellationToken);

    [HttpGet("odata/Amounts")]
    public Task<IActionResult> Amounts(ODataQueryOptions<FeedAmount> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.AmountsAsync, cancellationToken);

    [HttpGet("odata/Checkpoints")]
    public Task<IActionResult> Checkpoints(ODataQueryOptions<FeedCheckpoint> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.CheckpointsAsync, cancellationToken);

    [HttpGet("odata/History")]
    public Task<IActionResult> History(ODataQueryOptions<FeedHistoryEntry> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.HistoryAsync, cancellationToken);

    [HttpGet("odata/Rounds")]
    public Task<IActionResult> Rounds(ODataQueryOptions<FeedRound> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.RoundsAsync, cancellationToken);

    [HttpGet("odata/RoundAnswers")]
    public Task<IActionResult> RoundAnswers(ODataQueryOptions<FeedRoundAnswer> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.RoundAnswersAsync, cancellationToken);

    [HttpGet("odata/FollowUps")]
    public Task<IActionResult> FollowUps(ODataQueryOptions<FeedFollowUp> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.FollowUpsAsync, cancellationToken);

    [HttpGet("odata/FollowUpItems")]
    public Task<IActionResult> FollowUpItems(ODataQueryOptions<FeedFollowUpItem> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.FollowUpItemsAsync, cancellationToken);

    [HttpGet("odata/AccountLines")]
    public Task<IActionResult> AccountLines(ODataQueryOptions<FeedAccountLine> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.AccountLinesAsync, cancellationToken);

    [HttpGet("odata/LedgerExtracts")]
    public Task<IActionResult> LedgerExtracts(ODataQueryOptions<FeedLedgerExtract> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.LedgerExtractsAsync, cancellationToken);

    [HttpGet("odata/LedgerBalances")]
    public Task<IActionResult> LedgerBalances(ODataQueryOptions<FeedLedgerBalance> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.LedgerBalancesAsync, cancellationToken);

    [HttpGet("odata/Questions")]
    public Task<IActionResult> Questions(ODataQueryOptions<FeedQuestion> query, CancellationToken cancellationToken) =>
        AnswerAsync(query, reader.QuestionsAsync, cancellationToken);

    /// <summary>The one way a set is answered: who asks, what they may ask, the page, and a line in the log of what was read.</summary>
    private async Task<IActionResult> AnswerAsync<T>(ODataQueryOptions<T> query, Func<CancellationToken, Task<IReadOnlyList<T>>> read, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(query, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var rows = await read(cancellationToken);
        if (query.SelectExpand is { } shape && !IsPlain(shape.SelectExpandClause))
        {
            // $expand with its own $filter, $top … : OData's projection applies them.
            var applied = query.ApplyTo(rows.AsQueryable(), Settings);
            // Read once, to count what is sent; handed on with its own element type, which OData's serializer needs.
            var shaped = applied.Cast<object>().ToList();
            Logged(typeof(T), shaped.Count);
            return Ok(((IEnumerable)Cast.MakeGenericMethod(applied.ElementType).Invoke(null, [shaped])!).AsQueryable());
        }

        // A plain $select and $expand is left to the serializer, which reads it from the rows themselves (every row holds
        // its children): projecting each row into OData's wrappers first took most of a page's time.
        var page = ((IQueryable<T>)query.ApplyTo(rows.AsQueryable(), Settings, AllowedQueryOptions.Select | AllowedQueryOptions.Expand)).ToList();
        Request.ODataFeature().SelectExpandClause = query.SelectExpand?.SelectExpandClause;
        Logged(typeof(T), page.Count);
        return Ok(page.AsQueryable());
    }

    /// <summary>One entity by key, with its version as the ETag; 304 when the client already has that version.</summary>
    private async Task<IActionResult> AnswerOneAsync<T>(
        ODataQueryOptions<T> query, Func<CancellationToken, Task<IReadOnlyList<T>>> read, Func<T, bool> isKey, Func<T, string> version, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(query, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if ((await read(cancellationToken)).FirstOrDefault(isKey) is not { } row)
        {
            Logged(typeof(T), 0);
            return NotFound();
        }

        var etag = ETag(version(row));
        Response.Headers.ETag = etag;
        Logged(typeof(T), 1);
        if (Request.Headers.IfNoneMatch.Contains(etag))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        return Ok(query.ApplyTo(row, Settings));
    }

    /// <summary>Whether every <c>$expand</c> in the clause, at any depth, only names children (no $filter, $top … of its own).</summary>
    private static bool IsPlain(SelectExpandClause clause) =>
        clause.SelectedItems.OfType<ExpandedNavigationSelectItem>().All(e =>
            e.FilterOption is null && e.OrderByOption is null && e.TopOption is null && e.SkipOption is null && e.CountOption is null
            && e.SearchOption is null && e.LevelsOption is null && e.ComputeOption is null && e.ApplyOption is null
            && IsPlain(e.SelectAndExpand));

    /// <summary>
    /// 403 for a caller who may not see the plan; a query past the limits throws its <see cref="ODataException"/>. Both
    /// get their body from UseFeed, which writes every error of the feed.
    /// </summary>
    private async Task<IActionResult?> RefusalAsync(ODataQueryOptions query, CancellationToken cancellationToken)
    {
        if (!AccessRules.CanView(await callers.ActorAsync(User, cancellationToken)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        query.Validate(settings.Validation);
        return null;
    }

    /// <summary>The entity's ETag as OData writes it in <c>@odata.etag</c>: the quoted version, base64, weak.</summary>
    public static string ETag(string version) => $"W/\"{Convert.ToBase64String(Encoding.UTF8.GetBytes($"'{version}'"))}\"";

    private static readonly MethodInfo Cast = typeof(Enumerable).GetMethod(nameof(Enumerable.Cast))!;

    private ODataQuerySettings Settings => new() { PageSize = settings.PageSize, HandleNullPropagation = HandleNullPropagationOption.True };

    /// <summary>Set on a request whose read is logged here; the service document and <c>$metadata</c> are logged by UseFeed.</summary>
    public const string LoggedItem = "udmoentning:feed-logged";

    private void Logged(Type row, int rows)
    {
        HttpContext.Items[LoggedItem] = true;
        log.LogInformation("Feed read: {Caller} read {Rows} rows of {Set} with {Query}", callers.Describe(User), rows, row.Name, Request.QueryString.Value ?? "");
    }
}
