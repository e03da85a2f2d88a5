using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Udmoentning.Web.Access;
using ApiPaths = Udmoentning.Web.ApiReference.ApiReferenceExtensions;

namespace Udmoentning.Tests.ApiReference;

/// <summary>
/// The OpenAPI document and its reference page in Production: what a script author finds there (the real downloads, feeds and
/// probes, no pages), that it tells the truth (its addresses answer), who may see it, and that the page keeps the app's
/// security headers.
/// </summary>
public sealed partial class ApiReferenceTests(ApiReferenceApp app) : IClassFixture<ApiReferenceApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDocumentListsTheDownloadsFeedsAndProbesAndNoPage()
    {
        using var client = await app.SignedInAsync();

        var document = await DocumentAsync(client);

        Assert.Equal("Udmøntning", document.Info.Title);
        var paths = document.Paths.Keys.ToHashSet();
        foreach (var expected in (string[])
        [
            "/plan/{id}/eksport.xlsx", "/punkter/{id}/historik.csv", "/plan/{id}/budgetaendring.csv", "/plan/{id}/budgetaendring.xlsx",
            "/plan/{id}/udvalg/{slug}/bilag.xlsx", "/plan/{id}/runder/{roundId}/rapport.xlsx", "/plan/{id}/spoergsmaal/samlet.xlsx",
            "/plan/{id}/moede/{slug}/referat.csv", "/plan/{id}/opfoelgninger/sammenligning.xlsx", "/kalender/{token}/mig.ics",
            "/kalender/{token}/udvalg/{slug}.ics", "/offentlig/plan/{id}", "/healthz/live", "/healthz/ready", "/hubs/plan/negotiate",
        ])
        {
            Assert.Contains(expected, paths);
        }

        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => Shape(e.RoutePattern.RawText!))
            .ToHashSet();
        Assert.Contains("/konto/log-ind", pages);
        Assert.Contains("/plan/{}", pages);
        Assert.Contains("/plan/{}/runder/{}/rapport", pages);
        Assert.Empty(paths.Select(Shape).Intersect(pages));
        Assert.DoesNotContain(paths, p => p.StartsWith("/konto", StringComparison.Ordinal) || p.StartsWith("/_blazor", StringComparison.Ordinal));

        var operations = document.Paths.SelectMany(p => p.Value.Operations!.Select(o => (Path: p.Key, Operation: o.Value))).ToList();
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Operation.Summary), $"{o.Path} has no summary"));
        Assert.All(operations, o => Assert.Single(o.Operation.Tags!));
        Assert.DoesNotContain(operations, o => o.Operation.Tags!.Single().Name == "Udmoentning.Web");
    }

    [Fact]
    public async Task DownloadsNeedTheCookieAndTheFeedsAndProbesDoNot()
    {
        using var client = await app.SignedInAsync();

        var document = await DocumentAsync(client);

        Assert.Equal(ParameterLocation.Cookie, document.Components!.SecuritySchemes!["cookie"].In);
        Assert.Equal(".Udmoentning.Konto", document.Components.SecuritySchemes["cookie"].Name);
        Assert.NotEmpty(Get(document, "/plan/{id}/eksport.xlsx").Security!);
        Assert.NotEmpty(document.Paths["/hubs/plan/negotiate"].Operations![HttpMethod.Post].Security!);
        Assert.Empty(Get(document, "/kalender/{token}/mig.ics").Security ?? []);
        Assert.Empty(Get(document, "/offentlig/plan/{id}").Security ?? []);
        Assert.Empty(Get(document, "/healthz/ready").Security ?? []);
    }

    [Fact]
    public async Task EveryAddressInTheDocumentThatNeedsNoValueAnswers()
    {
        using var client = await app.SignedInAsync();
        var document = await DocumentAsync(client);
        var plain = document.Paths
            .Where(p => p.Value.Operations!.TryGetValue(HttpMethod.Get, out var get) && !p.Key.Contains('{') && (get.Parameters ?? []).All(q => q.Required != true))
            .Select(p => p.Key)
            .ToList();

        Assert.NotEmpty(plain);
        foreach (var path in plain)
        {
            using var response = await client.GetAsync(path, Token);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task TheReferencePageIsServedToASignedInUserFromTheAppItself()
    {
        using var client = await app.SignedInAsync();

        using var page = await client.GetAsync(ApiPaths.PagePath + "/", Token);
        var html = await page.Content.ReadAsStringAsync(Token);
        var scripts = ScriptSources().Matches(html).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Udmøntning – HTTP-API</title>", html);
        Assert.Contains("openapi/v1.json", html);
        Assert.NotEmpty(scripts);
        Assert.DoesNotContain(scripts, s => s.Contains("//", StringComparison.Ordinal));
        foreach (var script in scripts)
        {
            using var asset = await client.GetAsync($"{ApiPaths.PagePath}/{script}", Token);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task AnAnonymousUserGetsA401ForTheDocumentAndTheSignInPageForTheReference()
    {
        using var client = app.Anonymous();

        using var document = await client.GetAsync(ApiPaths.DocumentPath, Token);
        using var page = await client.GetAsync(ApiPaths.PagePath + "/", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, document.StatusCode);
        Assert.DoesNotContain("paths", await document.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/konto/log-ind", page.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task TheReferencePageForbidsWhatEveryOtherPageForbidsAndRunsOnlyItsOwnScripts()
    {
        using var client = await app.SignedInAsync();

        using var first = await client.GetAsync(ApiPaths.PagePath + "/", Token);
        using var second = await client.GetAsync(ApiPaths.PagePath + "/", Token);
        using var document = await client.GetAsync(ApiPaths.DocumentPath, Token);
        using var board = await client.GetAsync("/", Token);

        var policy = first.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Nonce().Match(policy).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, policy.Replace($" 'nonce-{nonce}'", string.Empty, StringComparison.Ordinal));
        Assert.NotEqual(nonce, Nonce().Match(second.Headers.GetValues("Content-Security-Policy").Single()).Groups[1].Value);
        var html = await first.Content.ReadAsStringAsync(Token);
        Assert.All(Regex.Matches(html, "<script[^>]*>").Select(m => m.Value), tag => Assert.Contains("nonce=", tag));
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("'unsafe-eval'", policy);
        Assert.DoesNotContain("'unsafe-inline'", policy.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)));
        Assert.DoesNotContain("http", policy);
        Assert.Equal("DENY", first.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", first.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, document.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, board.Headers.GetValues("Content-Security-Policy").Single());
    }

    private static async Task<OpenApiDocument> DocumentAsync(HttpClient client)
    {
        using var response = await client.GetAsync(ApiPaths.DocumentPath, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var (document, diagnostic) = OpenApiDocument.Parse(await response.Content.ReadAsStringAsync(Token), OpenApiConstants.Json, new OpenApiReaderSettings());
        Assert.Empty(diagnostic?.Errors ?? []);
        Assert.NotNull(document);
        return document;
    }

    private static OpenApiOperation Get(OpenApiDocument document, string path) => document.Paths[path].Operations![HttpMethod.Get];

    /// <summary>A route without its parameters' names and constraints, which the document and the pages write differently.</summary>
    private static string Shape(string route) => Regex.Replace(route, @"\{[^}]*\}", "{}").ToLowerInvariant();

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]+)\"")]
    private static partial Regex ScriptSources();

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
