using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Udmoentning.Benchmarks.Circuits;

/// <summary>
/// What blazor.web.js reads from a prerendered page before it starts a circuit: the interactive-server root
/// component markers (<c>&lt;!--Blazor:{...}--&gt;</c>, in sequence order), the persisted component state and the base URI.
/// </summary>
public sealed partial class BlazorPage
{
    private BlazorPage(Uri baseUri, IReadOnlyList<JsonObject> serverMarkers, string applicationState, string? boardView)
    {
        BaseUri = baseUri;
        ServerMarkers = serverMarkers;
        ApplicationState = applicationState;
        BoardView = boardView;
    }

    public Uri BaseUri { get; }

    /// <summary>The server markers exactly as rendered (their <c>key</c> and <c>descriptor</c> are checked by the server).</summary>
    public IReadOnlyList<JsonObject> ServerMarkers { get; }

    /// <summary>The <c>Blazor-Server-Component-State</c> comment's payload, or empty.</summary>
    public string ApplicationState { get; }

    /// <summary>The view a board page shows (its <c>data-view</c>), which the board's script joins on <c>/hubs/board</c> (ADR 0025); null on other pages.</summary>
    public string? BoardView { get; }

    public static BlazorPage Parse(Uri pageUri, string html)
    {
        var markers = MarkerPattern().Matches(html)
            .Select(m => JsonNode.Parse(m.Groups[1].Value)?.AsObject())
            .OfType<JsonObject>()
            .Where(m => m["type"]?.GetValue<string>() is "server")
            .OrderBy(m => m["sequence"]?.GetValue<int>() ?? 0)
            .ToList();
        if (markers.Count == 0)
        {
            throw new InvalidDataException($"{pageUri} has no interactive server component marker (<!--Blazor:{{\"type\":\"server\",...}}-->).");
        }

        var baseHref = BaseHrefPattern().Match(html);
        var baseUri = new Uri(pageUri, baseHref.Success ? baseHref.Groups[1].Value : "/");
        var state = StatePattern().Match(html);
        var view = ViewPattern().Match(html);
        return new BlazorPage(baseUri, markers, state.Success ? state.Groups[1].Value : "", view.Success ? System.Net.WebUtility.HtmlDecode(view.Groups[1].Value) : null);
    }

    /// <summary>The <c>UpdateRootComponents</c> batch that adds every marker, as WebRootComponentManager sends it.</summary>
    public string AddOperationsJson(int operationBatchId)
    {
        var operations = new JsonArray();
        for (var i = 0; i < ServerMarkers.Count; i++)
        {
            operations.Add(new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = ServerMarkers[i].DeepClone(),
            });
        }

        return new JsonObject { ["batchId"] = operationBatchId, ["operations"] = operations }.ToJsonString(JsonSerializerOptions.Default);
    }

    [GeneratedRegex(@"class=""live-board""[^>]*?data-view=""([^""]*)""")]
    private static partial Regex ViewPattern();

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"<!--\s*Blazor-Server-Component-State:([A-Za-z0-9+/=]+)\s*-->")]
    private static partial Regex StatePattern();

    [GeneratedRegex(@"<base\s+href=""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex BaseHrefPattern();
}
