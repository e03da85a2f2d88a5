using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Udmoentning.Tests.Support;
using ApiPaths = Udmoentning.Web.ApiReference.ApiReferenceExtensions;

namespace Udmoentning.Tests.ApiReference;

/// <summary>On a developer's machine the document and the reference page need no sign-in.</summary>
public sealed class ApiReferenceDevelopmentTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InDevelopmentTheDocumentAndTheReferencePageAreOpenToAnyone()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var document = await client.GetAsync(ApiPaths.DocumentPath, Token);
        using var page = await client.GetAsync(ApiPaths.PagePath + "/", Token);
        using var script = await client.GetAsync(ApiPaths.PagePath + "/scalar.js", Token);
        using var board = await client.GetAsync("/", Token);

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("/plan/{id}/eksport.xlsx", await document.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, board.StatusCode);
    }
}
