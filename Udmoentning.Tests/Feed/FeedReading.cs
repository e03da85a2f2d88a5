using System.Net;
using System.Text.Json;
using System.Xml;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace Udmoentning.Tests.Feed;

/// <summary>Reads the feed as a report tool does: plain HTTP, the model from <c>$metadata</c>, and every page by its next link.</summary>
public static class FeedReading
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<IEdmModel> MetadataAsync(HttpClient client)
    {
        using var response = await client.GetAsync("odata/$metadata", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync(Token));
        return CsdlReader.Parse(reader);
    }

    /// <summary>One answer, with its status and, when it is JSON, its body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GetAsync(HttpClient client, string address, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        var response = await client.SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        var body = text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response.StatusCode, body, response);
    }

    /// <summary>Every row of a set, following <c>@odata.nextLink</c>; the pages' sizes too.</summary>
    public static async Task<(List<JsonElement> Rows, List<int> Pages, long? Count)> AllAsync(HttpClient client, string address, string? bearer = null)
    {
        var rows = new List<JsonElement>();
        var pages = new List<int>();
        long? count = null;
        string? next = address;
        while (next is not null)
        {
            var (status, body, _) = await GetAsync(client, next, bearer);
            Assert.True(status == HttpStatusCode.OK, $"{next}: {status} {body}");
            var page = body.GetProperty("value").EnumerateArray().ToList();
            rows.AddRange(page);
            pages.Add(page.Count);
            if (count is null && body.TryGetProperty("@odata.count", out var counted))
            {
                count = counted.GetInt64();
            }

            next = body.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            Assert.True(pages.Count < 1000, "The next links never end.");
        }

        return (rows, pages, count);
    }
}
